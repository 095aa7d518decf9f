import type { Emulator } from 'bigcommerce-emulator';
import { withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('webhooks (v3 /hooks)', () => {
	test('CRUD, visible only to the creating client', async () => {
		const created = await call(emulator, 'POST', '/v3/hooks', {
			body: {
				scope: 'store/order/created',
				destination: 'https://example.com/hook',
				is_active: true,
			},
		});
		expect(created.status).toBe(200);
		const id = created.body.data.id;
		expect(created.body.data).toMatchObject({
			scope: 'store/order/created',
			client_id: 'sandbox-client',
			store_hash: 'sandbox',
		});
		expect((await call(emulator, 'GET', '/v3/hooks')).body.data).toHaveLength(1);
		expect(
			(await call(emulator, 'GET', '/v3/hooks', { token: 'payments-only-token' })).body.data,
		).toHaveLength(0);
		expect(
			(await call(emulator, 'GET', `/v3/hooks/${id}`, { token: 'payments-only-token' })).status,
		).toBe(404);
		expect(
			(await call(emulator, 'PUT', `/v3/hooks/${id}`, { body: { is_active: false } })).body.data
				.is_active,
		).toBe(false);
		const dup = await call(emulator, 'POST', '/v3/hooks', {
			body: { scope: 'store/order/created', destination: 'https://example.com/hook' },
		});
		expect(dup.status).toBe(422);
		const badPort = await call(emulator, 'POST', '/v3/hooks', {
			body: { scope: 'store/order/created', destination: 'https://example.com:8443/hook' },
		});
		expect(badPort.body).toMatchObject({
			status: 422,
			errors: { destination: 'error.path.missing.' },
		});
		expect((await call(emulator, 'DELETE', `/v3/hooks/${id}`)).body.data.id).toBe(id);
		expect((await call(emulator, 'GET', `/v3/hooks/${id}`)).body.title).toBe(
			`Webhook with id [${id}] not found`,
		);
	});
});
