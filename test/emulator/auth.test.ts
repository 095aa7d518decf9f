import type { Emulator } from 'bigcommerce-emulator';
import { ADDRESS, withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const V3_ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

describe('auth and envelopes', () => {
	test('401 on a bad token in the envelope of each family', async () => {
		const v3 = await call(emulator, 'GET', '/v3/hooks', { token: 'nope' });
		expect(v3.status).toBe(401);
		expect(v3.body).toMatchObject({ status: 401, type: V3_ERROR_TYPE });
		expect(typeof v3.body.title).toBe('string');
		const v2 = await call(emulator, 'GET', '/v2/orders/1', { token: null });
		expect(v2.status).toBe(401);
		expect(v2.body).toEqual([{ status: 401, message: expect.any(String) }]);
	});

	test('403 on a missing scope; read-only scopes allow only GET', async () => {
		const noScope = await call(emulator, 'GET', '/v2/store', { token: 'payments-only-token' });
		expect(noScope.status).toBe(403);
		expect(noScope.body[0]).toMatchObject({ status: 403 });
		const readOnlyWrite = await call(emulator, 'POST', '/v2/orders', {
			token: 'read-only-token',
			body: { billing_address: ADDRESS, products: [] },
		});
		expect(readOnlyWrite.status).toBe(403);
		const readOnlyPat = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			token: 'read-only-token',
			body: { order: { id: 1 } },
		});
		expect(readOnlyPat.status).toBe(403);
		expect(readOnlyPat.body).toMatchObject({ status: 403, type: V3_ERROR_TYPE });
	});

	test('unknown store hash is 404', async () => {
		const response = await fetch(`${emulator.url}/stores/otherstore/v3/hooks`, {
			headers: { 'X-Auth-Token': 'sandbox-token' },
		});
		expect(response.status).toBe(404);
	});

	test('/v2/time and /v2/store', async () => {
		const t = await call(emulator, 'GET', '/v2/time');
		expect(t.status).toBe(200);
		expect(Math.abs(t.body.time - Date.now() / 1000)).toBeLessThan(5);
		const s = await call(emulator, 'GET', '/v2/store');
		expect(s.body).toMatchObject({ id: 'sandbox', currency: 'USD' });
	});
});
