import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('process payment: every instrument type', () => {
	test('new card: 201 with data wrapper, order to Awaiting Fulfillment, charge and transaction recorded', async () => {
		const id = await createOrder(emulator, 1, 25);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		expect(r.status).toBe(201);
		expect(r.headers.get('content-type')).toBe('application/json');
		expect(r.body).toEqual({
			data: { id: expect.any(String), status: 'success', transaction_type: 'purchase' },
		});
		const order = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(order.body).toMatchObject({
			status_id: 11,
			status: 'Awaiting Fulfillment',
			payment_status: 'captured',
			payment_provider_id: 'stripe.card',
		});
		expect(emulator.charges(id)).toEqual([
			expect.objectContaining({
				amount: 25,
				card: {
					brand: 'VISA',
					last_4: '1111',
					iin: '411111',
					expiry_month: 12,
					expiry_year: 2034,
				},
			}),
		]);
		const tx = await call(emulator, 'GET', `/v3/orders/${id}/transactions`);
		expect(tx.body.data).toEqual([
			expect.objectContaining({
				event: 'purchase',
				amount: 25,
				order_id: String(id),
				gateway: 'stripe',
				status: 'ok',
				credit_card: expect.objectContaining({ card_last4: '1111' }),
			}),
		]);
		expect(tx.body.meta.pagination).toMatchObject({ total: 1 });
		// the emulator keeps no card number or CVV anywhere
		expect(JSON.stringify(emulator.requests())).not.toMatch(/4111111111111111|"123"/);
	});

	test('stored card, stored PayPal, stored bank account (pending)', async () => {
		const a = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, a), {
					payment_method_id: 'stripe.card',
					instrument: { type: 'stored_card', token: TOKENS.adaVisa },
				})
			).body.data.status,
		).toBe('success');
		const b = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, b), {
					payment_method_id: 'braintree.paypal',
					instrument: { type: 'stored_paypal_account', token: TOKENS.adaPaypal },
				})
			).status,
		).toBe(201);
		const c = await createOrder(emulator, 1);
		const ach = await pay(emulator, await mintPat(emulator, c), {
			payment_method_id: 'braintree.ach',
			instrument: { type: 'stored_bank_account', token: TOKENS.adaBank },
		});
		expect(ach.body.data.status).toBe('pending');
		expect((await call(emulator, 'GET', `/v2/orders/${c}`)).body.payment_status).toBe('pending');
	});

	test('gift certificate and store credit: partial leaves the order Pending until the rest is paid', async () => {
		const id = await createOrder(emulator, 1, 30);
		const gift = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'bigcommerce.gift_certificate',
			instrument: { type: 'gift_certificate', gift_certificate_code: 'GIFT-010-DEF' },
		});
		expect(gift.status).toBe(201);
		let order = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(order.body).toMatchObject({ status_id: 1, gift_certificate_amount: '10.0000' });
		const credit = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'bigcommerce.store_credit',
			instrument: { type: 'store_credit' },
		});
		expect(credit.status).toBe(201);
		order = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(order.body).toMatchObject({ status_id: 11, store_credit_amount: '20.0000' });
		expect(emulator.charges(id).map((c) => c.amount)).toEqual([10, 20]);
	});

	test('store credit is refused for guests; tokenized cards are accepted', async () => {
		const guest = await createOrder(emulator, 0);
		const r = await pay(emulator, await mintPat(emulator, guest), {
			payment_method_id: 'bigcommerce.store_credit',
			instrument: { type: 'store_credit' },
		});
		expect(r.body).toMatchObject({ status: 422, code: 10001 });
		const other = await createOrder(emulator, 0);
		const t = await pay(emulator, await mintPat(emulator, other), {
			payment_method_id: 'stripe.card',
			instrument: { type: 'tokenized_card', token: 'K7KW-M9GX-6PQ3', last_four_digits: '4242' },
		});
		expect(t.status).toBe(201);
	});

	test('save_instrument vaults the card for the customer', async () => {
		const id = await createOrder(emulator, 4);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			save_instrument: true,
			instrument: card('5555555555554444', { expiry_month: 3, expiry_year: 2033 }),
		});
		expect(r.status).toBe(201);
		const stored = await call(emulator, 'GET', '/v3/customers/4/stored-instruments');
		expect(Array.isArray(stored.body)).toBe(true);
		expect(stored.body).toEqual([
			expect.objectContaining({
				type: 'stored_card',
				brand: 'MASTERCARD',
				last_4: '4444',
				expiry_month: 3,
				expiry_year: 2033,
			}),
		]);
		expect(stored.body[0].token).toHaveLength(64);
	});
});
