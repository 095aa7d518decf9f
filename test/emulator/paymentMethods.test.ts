import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('payment methods and access tokens', () => {
	test("methods for an order include the customer's stored instruments", async () => {
		const id = await createOrder(emulator, 1);
		const r = await call(emulator, 'GET', `/v3/payments/methods?order_id=${id}`);
		expect(r.status).toBe(200);
		expect(r.body.meta).toEqual({});
		const ids = r.body.data.map((m: { id: string }) => m.id);
		expect(ids).toEqual([
			'stripe.card',
			'authorizenet.card',
			'braintree.paypal',
			'braintree.ach',
			'bigcommerce.gift_certificate',
			'bigcommerce.store_credit',
		]);
		const stripe = r.body.data[0];
		expect(stripe.stored_instruments[0]).toEqual({
			type: 'stored_card',
			brand: 'VISA',
			expiry_month: 12,
			expiry_year: 2031,
			issuer_identification_number: '424242',
			last_4: '4242',
			token: TOKENS.adaVisa,
			is_default: true,
		});
		expect(r.body.data[2].stored_instruments[0]).toMatchObject({
			type: 'stored_paypal_account',
			email: 'ada.paypal@example.com',
		});
	});

	test('guest orders see no stored instruments and no store credit; checkout_id works', async () => {
		const id = await createOrder(emulator, 0);
		const order = await call(emulator, 'GET', `/v2/orders/${id}`);
		const r = await call(emulator, 'GET', `/v3/payments/methods?checkout_id=${order.body.cart_id}`);
		expect(
			r.body.data.every(
				(m: { stored_instruments: unknown[] }) => m.stored_instruments.length === 0,
			),
		).toBe(true);
		expect(r.body.data.map((m: { id: string }) => m.id)).not.toContain('bigcommerce.store_credit');
	});

	test('methods errors: no id → 422, unknown order → 404, pagination params → 422', async () => {
		expect((await call(emulator, 'GET', '/v3/payments/methods')).status).toBe(422);
		expect((await call(emulator, 'GET', '/v3/payments/methods?order_id=9999')).status).toBe(404);
		const limit = await call(emulator, 'GET', '/v3/payments/methods?order_id=1&limit=5');
		expect(limit.status).toBe(422);
		expect(limit.body.title).toMatch(/limit are not valid filter/);
	});
});
