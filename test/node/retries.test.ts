import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../helpers/setup';
import { GOOD_CARD, orderParams, processParams } from '../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

/**
 * What the node retries, and how it waits out BigCommerce's rate limits. A write whose answer is
 * lost is never retried: payment/process.moneySafety.test.ts and order/*.test.ts show that.
 */
describe('retries and rate limits', () => {
	test('reads are retried on 5xx and dropped connections', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 503, times: 2 });
		emulator.addFault({ route: 'GET /v3/payments/methods', kind: 'reset', times: 1 });
		const get = await runNode(emulator, orderParams('get', orderId));
		expect(json(get.out[0])[0].id).toBe(orderId);
		const pay = await runNode(
			emulator,
			processParams(orderId, { instrumentType: 'default_stored_instrument' }),
		);
		expect(json(pay.out[0])[0].outcome).toBe('approved');
	});

	test('a burst past the quota: every item processed, no rate-limit error', async () => {
		const tight = await withEmulator({
			rateLimits: {
				management: { windowMs: 1000, quota: 8 },
				payments: { windowMs: 1000, quota: 5 },
			},
		});
		try {
			const orders: { order: number }[] = [];
			for (let i = 0; i < 12; i++) orders.push({ order: await createOrder(tight, 1, 5) });
			const run = await runNode(
				tight,
				processParams('={{ $json.order }}', GOOD_CARD),
				orders,
				{},
				sandboxCredentials(tight),
			);
			expect(run.out[0]).toHaveLength(12);
			expect(run.out[1]).toHaveLength(0);
			expect(run.out[2]).toHaveLength(0);
			expect(tight.charges()).toHaveLength(12);
		} finally {
			await tight.stop();
		}
	}, 20000);

	test('a 429 without any rate-limit header backs off and recovers', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 429, times: 1 });
		const started = Date.now();
		const run = await runNode(emulator, orderParams('get', orderId));
		expect(json(run.out[0])[0].id).toBe(orderId);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});
});
