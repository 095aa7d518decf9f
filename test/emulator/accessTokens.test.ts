import type { Emulator } from 'bigcommerce-emulator';
import { verifyJwt } from 'bigcommerce-emulator/src/jwt';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const V3_ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

describe('payment access tokens', () => {
	test('a PAT is an HS256 JWT with the documented claims, expiring in an hour', async () => {
		const id = await createOrder(emulator, 1, 12.34);
		const r = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id, is_recurring: true } },
		});
		expect(r.status).toBe(201);
		expect(r.body.meta).toEqual({});
		const [header, payload] = r.body.data.id
			.split('.')
			.slice(0, 2)
			.map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
		expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(payload).toMatchObject({
			iss: 'payments.bigcommerce.com',
			sub: 'sandbox',
			data: { store_id: '1000001', order_id: String(id), amount: 1234, currency: 'USD' },
		});
		expect(payload.exp - payload.iat).toBe(3600);
		expect(payload.nbf).toBe(payload.iat);
		expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
		expect(verifyJwt(r.body.data.id, emulator.store().patSecret)).toBeDefined();
	});

	test('PAT errors: bad body 422, unknown order 404, non-incomplete order 30101', async () => {
		expect(
			(await call(emulator, 'POST', '/v3/payments/access_tokens', { body: { order: { id: 0 } } }))
				.status,
		).toBe(422);
		const missing = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id: 9999 } },
		});
		expect(missing).toMatchObject({ status: 404, body: { code: 30003 } });
		const pending = await createOrder(emulator, 1, 10, { status_id: 1 });
		const r = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id: pending } },
		});
		expect(r).toMatchObject({
			status: 422,
			body: { status: 422, code: 30101, type: V3_ERROR_TYPE },
		});
	});
});

describe('a part-paid Pending order', () => {
	test('takes a new PAT for the remainder, and the next payment completes it', async () => {
		const id = await createOrder(emulator, 1, 30);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'bigcommerce.gift_certificate',
			instrument: { type: 'gift_certificate', gift_certificate_code: 'GIFT-010-DEF' },
		});
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.status_id).toBe(1);
		const pat = await mintPat(emulator, id);
		const claims = JSON.parse(Buffer.from(pat.split('.')[1], 'base64url').toString());
		expect(claims.data.amount).toBe(2000);
		const rest = await pay(emulator, pat, {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		expect(rest.status).toBe(201);
		expect(emulator.charges(id).map((c) => c.amount)).toEqual([10, 20]);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.status_id).toBe(11);
		const again = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id } },
		});
		expect(again.body.code).toBe(30101);
	});
});
