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
			{ item_type: 'ORDER', item_id: id, requested_amount: '10.00', reason: 'late' },
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
