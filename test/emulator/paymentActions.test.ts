import type { Emulator } from '../../emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('capture and void', () => {
	test('authorize-only gateway records an authorization that capture completes; void cancels', async () => {
		const id = await createOrder(emulator, 1);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'authorizenet.card',
			instrument: card('4242424242424242'),
		});
		expect(r.body.data.transaction_type).toBe('authorization');
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status).toBe(
			'authorized',
		);
		const cap = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/capture`);
		expect(cap.status).toBe(201);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status).toBe('captured');
		expect((await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/capture`)).status).toBe(
			422,
		);
		const other = await createOrder(emulator, 1);
		await pay(emulator, await mintPat(emulator, other), {
			payment_method_id: 'authorizenet.card',
			instrument: card('4242424242424242'),
		});
		expect((await call(emulator, 'POST', `/v3/orders/${other}/payment_actions/void`)).status).toBe(
			201,
		);
		expect((await call(emulator, 'GET', `/v2/orders/${other}`)).body.payment_status).toBe('void');
	});
});
