import type { Emulator } from 'bigcommerce-emulator';
import { json, runNode, withEmulator } from '../../helpers/setup';
import { CHECKOUT_ADDRESS } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const toOrder = (extra: Record<string, unknown> = {}) => ({
	resource: 'checkout',
	operation: 'toOrder',
	customerId: '1',
	cartItems: { products: [{ productId: 101, quantity: 2 }] },
	billingAddress: CHECKOUT_ADDRESS,
	...extra,
});

test('items, customer and address in; a payable Incomplete order with its totals out (cheapest shipping)', async () => {
	const run = await runNode(emulator, toOrder());
	expect(run.error()).toBeUndefined();
	const [out] = json(run.out[0]);
	expect(out).toMatchObject({ status: 'Incomplete', existing: false, currency: 'USD' });
	const cost = (out.shippingOption as { cost: number }).cost;
	expect(out.grandTotal).toBeCloseTo(2 * 19.99 + cost, 2);
	const order = emulator.store().orders.get(out.orderId as number)!;
	expect(order).toMatchObject({ status_id: 0, customer_id: 1 });

	const checkout = await runNode(emulator, {
		resource: 'checkout',
		operation: 'get',
		checkoutId: out.checkoutId,
	});
	const offered = json(checkout.out[0])[0].shippingOptions as { cost: number }[];
	expect(cost).toBe(Math.min(...offered.map((o) => o.cost)));

	const paid = await runNode(emulator, {
		resource: 'payment',
		operation: 'process',
		orderId: out.orderId,
		instrumentType: 'default_stored_instrument',
		routing: 'single',
	});
	expect(json(paid.out[0])[0]).toMatchObject({ outcome: 'approved' });
});

test('a named shipping option, by its description', async () => {
	const run = await runNode(
		emulator,
		toOrder({ shippingChoice: 'named', shippingOptionName: 'UPS Next Day Air' }),
	);
	expect(json(run.out[0])[0].shippingOption).toMatchObject({ description: 'UPS Next Day Air' });
});

test('a name no option has fails with the offered ones and the checkout to finish by hand', async () => {
	const run = await runNode(
		emulator,
		toOrder({ shippingChoice: 'named', shippingOptionName: 'Teleport' }),
		[{}],
		{ continueOnFail: true },
	);
	const text = JSON.stringify(run.out[0][0].json);
	expect(text).toMatch(/no_shipping_option/);
	expect(text).toMatch(/Flat Rate/);
	expect(text).toMatch(/checkout [0-9a-f-]{36}/);
	expect([...emulator.store().orders.values()]).toHaveLength(0);
});

test('custom items only: no consignment is needed', async () => {
	const run = await runNode(
		emulator,
		toOrder({ cartItems: { customItems: [{ name: 'Consulting', quantity: 1, listPrice: 80 }] } }),
		[{}],
		{ continueOnFail: true },
	);
	const [out] = json(run.out[0]);
	expect(out).toMatchObject({ status: 'Incomplete', shippingOption: null });
});
