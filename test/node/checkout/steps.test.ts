import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { CHECKOUT_ADDRESS } from '../../helpers/params';
import { json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

// a lower-case country code, as a form might send it (the node upper-cases it)
const ADA = { ...CHECKOUT_ADDRESS, country_code: 'us' };

const node = async (parameters: IDataObject) => {
	const run = await runNode(emulator, parameters);
	expect(run.error()).toBeUndefined();
	return json(run.out[0])[0];
};

test('cart → billing → consignment (with its options) → shipping option → order → paid', async () => {
	const cart = await node({
		resource: 'cart',
		operation: 'create',
		customerId: '1',
		cartItems: { products: [{ productId: 101, quantity: 2 }] },
	});
	const checkoutId = cart.checkoutId as string;

	const billed = await node({
		resource: 'checkout',
		operation: 'setBillingAddress',
		checkoutId,
		billingAddress: ADA,
	});
	expect(billed).toMatchObject({ id: checkoutId, billing_address: { email: 'ada@example.com' } });

	const shipped = await node({
		resource: 'checkout',
		operation: 'addConsignment',
		checkoutId,
		shippingAddress: ADA,
		items: 'all',
	});
	const options = shipped.shippingOptions as { consignmentId: string; id: string; cost: number }[];
	expect(options.length).toBeGreaterThan(1);
	const priciest = [...options].sort((a, b) => b.cost - a.cost)[0];

	const selected = await node({
		resource: 'checkout',
		operation: 'selectShippingOption',
		checkoutId,
		consignmentId: priciest.consignmentId,
		shippingOptionId: priciest.id,
	});
	expect(selected.totals).toMatchObject({
		shippingTotal: priciest.cost,
		grandTotal: 2 * 19.99 + priciest.cost,
	});

	const got = await node({ resource: 'checkout', operation: 'get', checkoutId });
	expect(got).toMatchObject({ id: checkoutId, order_id: null });

	const order = await node({ resource: 'checkout', operation: 'createOrder', checkoutId });
	expect(order).toMatchObject({
		checkoutId,
		status: 'Incomplete',
		existing: false,
		recovered: false,
		grandTotal: 2 * 19.99 + priciest.cost,
	});
	expect(emulator.store().orders.get(order.orderId as number)?.status_id).toBe(0);

	// the methods of the checkout are those of its order
	const methods = await runNode(emulator, {
		resource: 'paymentMethod',
		operation: 'getAll',
		lookUpBy: 'checkout',
		checkoutId,
	});
	expect(json(methods.out[0]).map((m) => m.id)).toContain('stripe.card');

	// Create Order claimed the order for its own execution's Process; paid from another execution,
	// it is a payment in progress until that reservation runs out (2¼ minutes).
	const pay = (reconcileFor: number) =>
		runNode(
			emulator,
			{
				resource: 'payment',
				operation: 'process',
				orderId: order.orderId,
				instrumentType: 'default_stored_instrument',
				additionalFields: { reconcileFor },
			},
			[{}],
		);
	expect(json((await pay(0)).out[2])).toEqual([
		expect.objectContaining({ reason: 'payment_in_progress', retryable: true }),
	]);
	emulator.clock.advance(3 * 60_000);
	const paid = json((await pay(30)).out[0])[0];
	expect(paid).toMatchObject({ outcome: 'approved', orderId: order.orderId });
});

test('Add Consignment refuses line item ids the cart does not have, before sending it', async () => {
	const cart = await node({
		resource: 'cart',
		operation: 'create',
		customerId: '1',
		cartItems: { products: [{ productId: 101, quantity: 1 }] },
	});
	emulator.clearRequests();
	const run = await runNode(
		emulator,
		{
			resource: 'checkout',
			operation: 'addConsignment',
			checkoutId: cart.id,
			shippingAddress: ADA,
			items: 'chosen',
			lineItemIds: 'nope',
		},
		[{}],
		{ continueOnFail: true },
	);
	expect(JSON.stringify(run.out[0][0].json)).toMatch(/Line Item IDs/);
	expect(emulator.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
});

test('a billing address without email fails naming the field, and nothing is sent', async () => {
	emulator.clearRequests();
	const run = await runNode(
		emulator,
		{
			resource: 'checkout',
			operation: 'setBillingAddress',
			checkoutId: 'x',
			billingAddress: { country_code: 'US' },
		},
		[{}],
		{ continueOnFail: true },
	);
	expect(JSON.stringify(run.out[0][0].json)).toMatch(/Billing Address → Email is required/);
	expect(emulator.requests()).toHaveLength(0);
});
