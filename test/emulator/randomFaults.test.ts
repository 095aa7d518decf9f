import type { Emulator } from 'bigcommerce-emulator';
import { startEmulator } from 'bigcommerce-emulator';
import { call } from '../helpers/http';

/** Faults that hit at random, drawn from the generator the caller passes in. */
let emulator: Emulator;
let draws: number[] = [];
beforeAll(
	async () =>
		(emulator = await startEmulator({
			rateLimits: { management: false, payments: false },
			random: () => draws.shift() ?? 0.99,
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

test('a fault with a probability hits the requests whose draw falls below it, and only those', async () => {
	emulator.addFault({
		route: 'GET /v3/payments/methods',
		kind: 'status',
		status: 503,
		probability: 0.3,
	});
	draws = [0.1, 0.5, 0.29, 0.3];
	const statuses = [];
	for (let n = 0; n < 4; n++)
		statuses.push((await call(emulator, 'GET', '/v3/payments/methods?order_id=1')).status);
	expect(statuses.map((s) => s === 503)).toEqual([true, false, true, false]);
});

test('a request a probabilistic fault passes over can be hit by the next fault in the list', async () => {
	emulator.addFault({ route: '*', kind: 'status', status: 502, probability: 0.5 });
	emulator.addFault({ route: '*', kind: 'status', status: 500, probability: 0.5 });
	draws = [0.9, 0.1];
	expect((await call(emulator, 'GET', '/v2/orders')).status).toBe(500);
});

test('a 429 fault sends the rate-limit headers when asked, and none otherwise', async () => {
	emulator.addFault({
		route: '*',
		kind: 'status',
		status: 429,
		times: 1,
		rateLimitHeaders: { resetMs: 250 },
	});
	emulator.addFault({ route: '*', kind: 'status', status: 429, times: 1 });
	const limited = await call(emulator, 'GET', '/v2/orders');
	expect(limited.status).toBe(429);
	expect(limited.headers.get('x-rate-limit-time-reset-ms')).toBe('250');
	expect(limited.headers.get('x-rate-limit-requests-left')).toBe('0');
	const bare = await call(emulator, 'GET', '/v2/orders');
	expect(bare.status).toBe(429);
	expect(bare.headers.get('x-rate-limit-time-reset-ms')).toBeNull();
});
