import type { Emulator } from '../../emulator';
import { TOKENS } from '../../emulator';
import { ADDRESS, createOrder, json, runNode, withEmulator } from '../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const process = (orderId: number, extra: Record<string, unknown>) => ({
	resource: 'payment',
	operation: 'process',
	orderId: String(orderId),
	...extra,
});

describe('Order', () => {
	test('Create with fields: custom items and a catalog product, an Incomplete order for payment', async () => {
		const run = await runNode(emulator, {
			resource: 'order',
			operation: 'create',
			customerId: 1,
			billingAddress: ADDRESS,
			lineItems: {
				customItems: [
					{ name: 'Consulting', quantity: 2, price: 50, priceIncludesTax: false, tax: 5 },
				],
				catalogProducts: [{ productId: 102, quantity: 1, options: '7=M' }],
			},
			additionalFields: {
				shippingAddress: { ...ADDRESS, shipping_method: 'Courier' },
				staff_notes: 'from n8n',
			},
		});
		expect(run.error()).toBeUndefined();
		const [order] = json(run.out[0]);
		expect(order).toMatchObject({
			status_id: 0,
			customer_id: 1,
			total_inc_tax: '135.0000',
			total_ex_tax: '125.0000',
			staff_notes: 'from n8n',
		});
		expect(emulator.store().orders.get(order.id as number)?.shipping_addresses).toHaveLength(1);
	});

	test('Create for a guest from JSON; status_id defaults to 0', async () => {
		const body = {
			customer_id: 0,
			billing_address: ADDRESS,
			products: [{ name: 'Invoice #7', quantity: 1, price_inc_tax: 12.5, price_ex_tax: 12.5 }],
		};
		const run = await runNode(emulator, {
			resource: 'order',
			operation: 'create',
			jsonParameters: true,
			bodyJson: JSON.stringify(body),
		});
		expect(json(run.out[0])[0]).toMatchObject({
			status_id: 0,
			customer_id: 0,
			total_inc_tax: '12.5000',
		});
	});

	test('Get, one item per input item with paired items', async () => {
		const a = await createOrder(emulator, 1, 10);
		const b = await createOrder(emulator, 2, 20);
		const run = await runNode(
			emulator,
			{ resource: 'order', operation: 'get', orderId: '={{ $json.id }}' },
			[{ id: a }, { id: b }],
		);
		expect(json(run.out[0]).map((o) => o.total_inc_tax)).toEqual(['10.0000', '20.0000']);
		expect(run.out[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Payment Method → Get Many', () => {
	test('one item per method, stored instruments included, filter by instrument type', async () => {
		const id = await createOrder(emulator, 1);
		const all = await runNode(emulator, {
			resource: 'paymentMethod',
			operation: 'getAll',
			orderId: String(id),
		});
		expect(json(all.out[0]).map((m) => m.id)).toEqual([
			'stripe.card',
			'authorizenet.card',
			'braintree.paypal',
			'braintree.ach',
			'bigcommerce.gift_certificate',
			'bigcommerce.store_credit',
		]);
		expect(json(all.out[0])[0].stored_instruments).toHaveLength(2);
		expect(json(all.out[0])[0].order_id).toBe(id);
		const paypal = await runNode(emulator, {
			resource: 'paymentMethod',
			operation: 'getAll',
			orderId: String(id),
			options: { instrumentType: 'stored_paypal_account' },
		});
		expect(json(paypal.out[0]).map((m) => m.id)).toEqual(['braintree.paypal']);
		const cards = await runNode(emulator, {
			resource: 'paymentMethod',
			operation: 'getAll',
			orderId: String(id),
			options: { instrumentType: 'card' },
		});
		expect(json(cards.out[0]).map((m) => m.id)).toEqual(['stripe.card', 'authorizenet.card']);
	});

	test('by checkout ID', async () => {
		const id = await createOrder(emulator, 0);
		const cart = emulator.store().orders.get(id)?.cart_id;
		const run = await runNode(emulator, {
			resource: 'paymentMethod',
			operation: 'getAll',
			lookUpBy: 'checkout',
			checkoutId: cart,
		});
		expect(run.out[0].length).toBe(5);
	});
});

describe('Payment Access Token → Create', () => {
	test('outputs the token, its expiry (from the JWT) and the order', async () => {
		const id = await createOrder(emulator, 1);
		const before = Date.now();
		const run = await runNode(emulator, {
			resource: 'paymentAccessToken',
			operation: 'create',
			orderId: String(id),
			additionalFields: { isRecurring: true },
		});
		const [out] = json(run.out[0]);
		expect(out).toMatchObject({ orderId: id, isRecurring: true });
		expect(String(out.paymentAccessToken).split('.')).toHaveLength(3);
		const expires = Date.parse(String(out.expiresAt));
		expect(expires - before).toBeGreaterThan(3590 * 1000);
		expect(expires - before).toBeLessThan(3610 * 1000);
	});
});

describe('Payment → Process, every instrument type', () => {
	test('new card, with Save Instrument: approved, order paid, the saved card shown', async () => {
		const id = await createOrder(emulator, 4, 30);
		const run = await runNode(
			emulator,
			process(id, {
				instrumentType: 'card',
				paymentMethodId: 'stripe.card',
				cardNumber: '4111 1111 1111 1111',
				cardholderName: 'Margaret Hamilton',
				expiryMonth: 4,
				expiryYear: 2032,
				cvv: '123',
				saveInstrument: true,
			}),
		);
		const [ok] = json(run.out[0]);
		expect(ok).toMatchObject({
			outcome: 'approved',
			orderId: id,
			status: 'success',
			transactionType: 'purchase',
			paymentMethodId: 'stripe.card',
			instrument: { type: 'card', brand: 'VISA', last4: '1111', expiryMonth: 4, expiryYear: 2032 },
		});
		expect(ok.savedInstrument).toMatchObject({
			type: 'stored_card',
			brand: 'VISA',
			last4: '1111',
			expiryMonth: 4,
			expiryYear: 2032,
		});
		expect(String((ok.savedInstrument as { token: string }).token)).toHaveLength(64);
		expect(emulator.store().orders.get(id)?.status_id).toBe(11);
		expect(emulator.charges(id)).toHaveLength(1);
	});

	test.each([
		['stored_card', 'stripe.card', TOKENS.adaVisa, 'success'],
		['stored_paypal_account', 'braintree.paypal', TOKENS.adaPaypal, 'success'],
		['stored_bank_account', 'braintree.ach', TOKENS.adaBank, 'pending'],
	])('%s', async (instrumentType, paymentMethodId, storedToken, status) => {
		const id = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			process(id, { instrumentType, paymentMethodId, storedToken }),
		);
		expect(json(run.out[0])[0]).toMatchObject({
			outcome: 'approved',
			status,
			paymentMethodId,
			instrument: { type: instrumentType, token: storedToken },
		});
		expect(emulator.charges(id)).toHaveLength(1);
	});

	test('gift certificate covering part, then store credit for the rest', async () => {
		const id = await createOrder(emulator, 1, 30);
		const gift = await runNode(
			emulator,
			process(id, { instrumentType: 'gift_certificate', giftCertificateCode: 'GIFT-010-DEF' }),
		);
		expect(json(gift.out[0])[0]).toMatchObject({
			outcome: 'approved',
			paymentMethodId: 'bigcommerce.gift_certificate',
			instrument: { type: 'gift_certificate', code: '…-DEF' },
		});
		expect(emulator.store().orders.get(id)?.status_id).toBe(1);
		const credit = await runNode(emulator, process(id, { instrumentType: 'store_credit' }));
		expect(json(credit.out[0])[0]).toMatchObject({
			outcome: 'approved',
			paymentMethodId: 'bigcommerce.store_credit',
		});
		expect(emulator.store().orders.get(id)?.status_id).toBe(11);
		expect(emulator.charges(id).map((c) => c.amount)).toEqual([10, 20]);
	});

	test("the customer's default stored instrument, looked up through the order", async () => {
		const ada = await createOrder(emulator, 1);
		const linus = await createOrder(emulator, 3);
		const run = await runNode(
			emulator,
			process(0, { orderId: '={{ $json.order }}', instrumentType: 'default_stored_instrument' }),
			[{ order: ada }, { order: linus }],
		);
		expect(json(run.out[0])).toMatchObject([
			{
				orderId: ada,
				paymentMethodId: 'stripe.card',
				instrument: { type: 'stored_card', last4: '4242' },
			},
			{
				orderId: linus,
				paymentMethodId: 'braintree.paypal',
				instrument: { type: 'stored_paypal_account', email: 'linus.paypal@example.com' },
			},
		]);
	});

	test('tokenized card', async () => {
		const id = await createOrder(emulator, 0);
		const run = await runNode(
			emulator,
			process(id, {
				instrumentType: 'tokenized_card',
				paymentMethodId: 'stripe.card',
				tokenizedCardToken: 'K7KW-M9GX-6PQ3',
				additionalFields: { walletCardLastFour: '4242' },
			}),
		);
		expect(json(run.out[0])[0]).toMatchObject({
			outcome: 'approved',
			instrument: { type: 'tokenized_card', last4: '4242' },
		});
	});

	test('authorize-only gateway: an authorization', async () => {
		const id = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			process(id, {
				instrumentType: 'card',
				paymentMethodId: 'authorizenet.card',
				cardNumber: '4242424242424242',
				cardholderName: 'A',
				expiryMonth: 1,
				expiryYear: 2035,
				cvv: '999',
			}),
		);
		expect(json(run.out[0])[0]).toMatchObject({ transactionType: 'authorization' });
		expect(emulator.store().orders.get(id)?.payment_status).toBe('authorized');
	});

	test('a token from a previous Create step: one PAT mint, one payment, and the PAT never in the output', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await runNode(emulator, {
			resource: 'paymentAccessToken',
			operation: 'create',
			orderId: String(id),
		});
		const token = String(json(pat.out[0])[0].paymentAccessToken);
		emulator.clearRequests();
		const run = await runNode(
			emulator,
			process(id, {
				instrumentType: 'stored_card',
				paymentMethodId: 'stripe.card',
				storedToken: TOKENS.adaVisa,
				accessTokenSource: 'input',
			}),
			[{ paymentAccessToken: token }],
		);
		expect(json(run.out[0])[0].outcome).toBe('approved');
		expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /payments']);
		expect(JSON.stringify(run.out)).not.toContain(token);
	});
});

describe('Transaction → Get Many', () => {
	test("lists an order's transactions; none is zero items", async () => {
		const id = await createOrder(emulator, 1);
		const none = await runNode(emulator, {
			resource: 'transaction',
			operation: 'getAll',
			orderId: String(id),
		});
		expect(none.out[0]).toHaveLength(0);
		await runNode(emulator, process(id, { instrumentType: 'default_stored_instrument' }));
		const run = await runNode(emulator, {
			resource: 'transaction',
			operation: 'getAll',
			orderId: String(id),
		});
		expect(json(run.out[0])).toEqual([
			expect.objectContaining({
				event: 'purchase',
				payment_method_id: 'stripe.card',
				payment_instrument_token: TOKENS.adaVisa,
			}),
		]);
	});
});

describe('Order → Capture Payment, Void Payment, Refund', () => {
	const authorize = async (customer = 1, amount = 25) => {
		const id = await createOrder(emulator, customer, amount);
		await runNode(
			emulator,
			process(id, {
				instrumentType: 'card',
				paymentMethodId: 'authorizenet.card',
				cardNumber: '4242424242424242',
				cardholderName: 'A',
				expiryMonth: 1,
				expiryYear: 2035,
				cvv: '999',
			}),
		);
		expect(emulator.store().orders.get(id)?.payment_status).toBe('authorized');
		return id;
	};

	test('capture completes an authorization; a second capture fails with the same fields as any error', async () => {
		const id = await authorize();
		const run = await runNode(emulator, {
			resource: 'order',
			operation: 'capture',
			orderId: String(id),
		});
		expect(json(run.out[0])[0]).toMatchObject({
			orderId: id,
			action: 'capture',
			paymentStatus: 'captured',
			statusId: 11,
		});
		expect(
			emulator
				.store()
				.orders.get(id)
				?.transactions.map((t) => t.event),
		).toEqual(['authorization', 'capture']);
		const again = await runNode(
			emulator,
			{ resource: 'order', operation: 'capture', orderId: String(id) },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(json(again.out[0])[0].details).toMatchObject({
			reason: 'invalid_request',
			httpStatus: 422,
			orderId: id,
		});
	});

	test('void cancels an authorization', async () => {
		const id = await authorize();
		const run = await runNode(emulator, {
			resource: 'order',
			operation: 'void',
			orderId: String(id),
		});
		expect(json(run.out[0])[0]).toMatchObject({
			action: 'void',
			paymentStatus: 'void',
			statusId: 5,
			status: 'Cancelled',
		});
	});

	test('refund part, then the rest (amount 0), then nothing is left', async () => {
		const id = await createOrder(emulator, 1, 40);
		await runNode(emulator, process(id, { instrumentType: 'default_stored_instrument' }));
		const part = await runNode(emulator, {
			resource: 'order',
			operation: 'refund',
			orderId: String(id),
			amount: 15,
			reason: 'Damaged item',
		});
		expect(json(part.out[0])[0]).toMatchObject({
			orderId: id,
			total_amount: 15,
			reason: 'Damaged item',
			payments: [expect.objectContaining({ provider_id: 'stripe.card', amount: 15 })],
		});
		expect(emulator.store().orders.get(id)).toMatchObject({ status_id: 14, refunded_cents: 1500 });
		const rest = await runNode(emulator, {
			resource: 'order',
			operation: 'refund',
			orderId: String(id),
		});
		expect(json(rest.out[0])[0]).toMatchObject({ total_amount: 25 });
		expect(emulator.store().orders.get(id)).toMatchObject({
			status_id: 4,
			payment_status: 'refunded',
		});
		const none = await runNode(
			emulator,
			{ resource: 'order', operation: 'refund', orderId: String(id) },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(json(none.out[0])[0].details).toMatchObject({ reason: 'nothing_to_refund' });
		const tooMuch = await createOrder(emulator, 1, 10);
		await runNode(emulator, process(tooMuch, { instrumentType: 'default_stored_instrument' }));
		const over = await runNode(
			emulator,
			{ resource: 'order', operation: 'refund', orderId: String(tooMuch), amount: 11 },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(json(over.out[0])[0].details).toMatchObject({
			httpStatus: 422,
			message: expect.stringMatching(/exceeds/),
		});
		expect(emulator.store().orders.get(tooMuch)?.refunded_cents).toBe(0);
	});

	test('a refund whose answer is lost is not sent again', async () => {
		const id = await createOrder(emulator, 1, 40);
		await runNode(emulator, process(id, { instrumentType: 'default_stored_instrument' }));
		emulator.addFault({
			route: 'POST /v3/orders/*/payment_actions/refunds',
			kind: 'commitThenDrop',
			times: 1,
		});
		const run = await runNode(
			emulator,
			{ resource: 'order', operation: 'refund', orderId: String(id), amount: 5 },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		// read back: the refund that was made is reported, not left unknown
		expect(json(run.out[0])[0]).toMatchObject({ orderId: id, reconciled: true, total_amount: 5 });
		expect(
			emulator.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/refunds')),
		).toHaveLength(1);
		expect(emulator.store().orders.get(id)?.refunded_cents).toBe(500);
	});
});
