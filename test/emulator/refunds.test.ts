import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('refunds', () => {
	test('refund quote then refund; partial then full', async () => {
		const id = await createOrder(emulator, 1, 40);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		const quote = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 15 }] },
		});
		expect(quote.status).toBe(201);
		expect(quote.body.data.refund_methods[0][0]).toMatchObject({
			provider_id: 'stripe',
			amount: 15,
		});
		const bad = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 15 }],
				payments: [{ provider_id: 'stripe', amount: 14, offline: false }],
			},
		});
		expect(bad.status).toBe(422);
		expect(bad.body.data[0].status).toBe(422);
		const refund = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 15 }],
				payments: [{ provider_id: 'stripe', amount: 15, offline: false }],
			},
		});
		expect(refund.status).toBe(201);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body).toMatchObject({
			status_id: 14,
			refunded_amount: '15.0000',
		});
		const over = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 30 }] },
		});
		expect(over.status).toBe(422);
		expect(
			(await call(emulator, 'GET', `/v3/orders/${id}/payment_actions/refunds`)).body.data,
		).toHaveLength(1);
	});
});

describe('refund fidelity', () => {
	test('provider is the gateway; transaction_id a string; items carry requested_amount', async () => {
		const id = await createOrder(emulator, 1, 40);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'braintree.paypal',
			instrument: { type: 'stored_paypal_account', token: TOKENS.adaPaypal },
		});
		const quote = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 10 }] },
		});
		expect(quote.body.data.refund_methods[0][0]).toMatchObject({
			provider_id: 'braintree',
			amount: 10,
		});
		const wrong = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 10 }],
				payments: [{ provider_id: 'braintree.paypal', amount: 10, offline: false }],
			},
		});
		expect(wrong.status).toBe(422);
		expect(wrong.body.data[0].title).toMatch(/braintree/);
		const refund = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 10, reason: 'late' }],
				payments: [{ provider_id: 'braintree', amount: 10, offline: false }],
			},
		});
		expect(refund.status).toBe(201);
		expect(refund.body.data.items).toEqual([
			{ item_type: 'ORDER', item_id: id, requested_amount: 10, reason: 'late' },
		]);
		const payment = refund.body.data.payments[0];
		expect(payment).toMatchObject({ provider_id: 'braintree', amount: 10, is_declined: false });
		expect(typeof payment.transaction_id).toBe('string');
		const tx = await call(emulator, 'GET', `/v3/orders/${id}/transactions`);
		const refunded = tx.body.data.find((t: { event: string }) => t.event === 'refund');
		expect(String(refunded.id)).toBe(payment.transaction_id);
		expect(refunded).toMatchObject({
			method: 'electronic_wallet',
			gateway: 'braintree',
			amount: 10,
			reference_transaction_id: tx.body.data[0].id,
		});
	});

	test('a store-credit payment refunds through storecredit', async () => {
		const id = await createOrder(emulator, 1, 5);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'bigcommerce.store_credit',
			instrument: { type: 'store_credit' },
		});
		const quote = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 5 }] },
		});
		expect(quote.body.data.refund_methods[0][0].provider_id).toBe('storecredit');
	});
});

/**
 * Every amount a refund, a quote, a transaction or a payment action carries, typed as the spec types
 * it on that endpoint (orders.v3.yml): `Amount` (a number) everywhere, except GET refund-by-id's
 * items, whose own schema (`RefundID_Get`) makes `requested_amount` a nullable string.
 */
describe('amounts are typed per endpoint as the spec types them', () => {
	const numbers = (o: Record<string, unknown>, keys: string[]) =>
		Object.fromEntries(keys.map((k) => [k, typeof o[k]]));
	const allNumbers = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 'number']));

	test('refund quote, refund (POST and per-order GET), refund by id, transactions', async () => {
		const id = await createOrder(emulator, 1, 40, {
			products: [
				{ name: 'Mug', quantity: 2, price_inc_tax: 10, price_ex_tax: 10 },
				{ name: 'Lamp', quantity: 1, price_inc_tax: 20, price_ex_tax: 20 },
			],
		});
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		const productId = emulator.store().orders.get(id)!.products[0].id;
		const items = [
			{ item_type: 'ORDER', item_id: id, amount: 3 },
			{ item_type: 'PRODUCT', item_id: productId, quantity: 1 },
		];
		const quote = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items },
		});
		expect(quote.status).toBe(201);
		const quoteKeys = [
			'total_refund_amount',
			'total_refund_tax_amount',
			'order_level_refund_amount',
			'rounding',
			'adjustment',
		];
		expect(numbers(quote.body.data, quoteKeys)).toEqual(allNumbers(quoteKeys));
		expect(quote.body.data.total_refund_amount).toBe(13);
		const method = quote.body.data.refund_methods[0][0];
		expect(method).toMatchObject({ provider_id: 'stripe', amount: 13 });

		const refund = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: { items, payments: [{ provider_id: 'stripe', amount: 13, offline: false }] },
		});
		expect(refund.status).toBe(201);
		const expected = [
			{ item_type: 'ORDER', item_id: id, requested_amount: 3 },
			{ item_type: 'PRODUCT', item_id: productId, quantity: 1, requested_amount: 10 },
		];
		expect(refund.body.data.items).toEqual(expected);
		expect(numbers(refund.body.data, ['total_amount', 'total_tax'])).toEqual(
			allNumbers(['total_amount', 'total_tax']),
		);
		expect(typeof refund.body.data.payments[0].amount).toBe('number');

		const listed = await call(emulator, 'GET', `/v3/orders/${id}/payment_actions/refunds`);
		expect(listed.body.data[0].items).toEqual(expected);
		expect(typeof listed.body.data[0].payments[0].amount).toBe('number');

		const byId = await call(
			emulator,
			'GET',
			`/v3/orders/payment_actions/refunds/${refund.body.data.id}`,
		);
		expect(byId.status).toBe(200);
		expect(byId.body.data.items).toEqual([
			{ item_type: 'ORDER', item_id: id, requested_amount: '3.00' },
			{ item_type: 'PRODUCT', item_id: productId, quantity: 1, requested_amount: null },
		]);
		expect(numbers(byId.body.data, ['total_amount', 'total_tax'])).toEqual(
			allNumbers(['total_amount', 'total_tax']),
		);
		expect(byId.body.data.payments[0]).not.toHaveProperty('transaction_id');
		expect(typeof byId.body.data.payments[0].amount).toBe('number');
		expect((await call(emulator, 'GET', '/v3/orders/payment_actions/refunds/999999')).status).toBe(
			404,
		);

		const tx = await call(emulator, 'GET', `/v3/orders/${id}/transactions`);
		for (const t of tx.body.data) expect(typeof t.amount).toBe('number');
	});

	test('gift certificate and store credit balances on transactions are numbers', async () => {
		const id = await createOrder(emulator, 1, 5);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'bigcommerce.gift_certificate',
			instrument: { type: 'gift_certificate', gift_certificate_code: 'GIFT-100-ABC' },
		});
		const other = await createOrder(emulator, 1, 5);
		await pay(emulator, await mintPat(emulator, other), {
			payment_method_id: 'bigcommerce.store_credit',
			instrument: { type: 'store_credit' },
		});
		const [gift] = (await call(emulator, 'GET', `/v3/orders/${id}/transactions`)).body.data;
		const balances = ['original_balance', 'starting_balance', 'remaining_balance'];
		expect(numbers(gift.gift_certificate, balances)).toEqual(allNumbers(balances));
		const [credit] = (await call(emulator, 'GET', `/v3/orders/${other}/transactions`)).body.data;
		expect(typeof credit.store_credit.remaining_balance).toBe('number');
	});

	test('capture and void answer 201 with an open object and no amounts', async () => {
		for (const action of ['capture', 'void']) {
			const id = await createOrder(emulator, 1, 10);
			await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'authorizenet.card',
				instrument: card('4242424242424242'),
			});
			const r = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/${action}`, {
				body: {},
			});
			expect(r.status).toBe(201);
			expect(JSON.stringify(r.body)).not.toMatch(/amount/);
		}
	});
});
