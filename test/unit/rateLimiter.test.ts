import type { Emulator } from 'bigcommerce-emulator';
import {
	afterRequest,
	beforeRequest,
} from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api/pacer';
import { call } from '../helpers/http';
import { withEmulator } from '../helpers/setup';

/**
 * The pacer against the emulator's real fixed window, over HTTP: many callers at once, each request
 * let out by `beforeRequest` and reported to `afterRequest` with its answer's headers. The emulator
 * counts a request after its latency, so requests in flight are not yet in the headers' count: a
 * pacer that trusted the last answer alone would overrun the window and meet 429s.
 */
let emulator: Emulator;
afterEach(async () => await emulator.stop());

async function paced(key: string): Promise<number> {
	await beforeRequest(key);
	const answer = await call(emulator, 'GET', '/v2/time').catch((error: unknown) => {
		afterRequest(key);
		throw error;
	});
	afterRequest(key, Object.fromEntries(answer.headers.entries()));
	return answer.status;
}

test.each([
	['management', 5, 500, 12],
	['tight', 2, 300, 6],
])(
	'%s window (%i per %i ms), %i callers at once: every request fits the window, none meets a 429',
	async (name, quota, windowMs, callers) => {
		emulator = await withEmulator({ rateLimits: { management: { quota, windowMs } } });
		emulator.addFault({ route: 'GET /v2/time', kind: 'latency', latencyMs: 40 });
		const key = `${emulator.url}/${name}`;
		const statuses = (
			await Promise.all(
				Array.from({ length: callers }, async () => [await paced(key), await paced(key)]),
			)
		).flat();
		expect(statuses).toHaveLength(callers * 2);
		expect(statuses.filter((s) => s !== 200)).toEqual([]);
		// the quota did bind: the requests spanned several windows
		const arrivals = emulator.requests().map((r) => Date.parse(r.at));
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(
			(Math.ceil((callers * 2) / quota) - 1) * windowMs - 50,
		);
	},
	30000,
);

test('a store that sends no rate-limit headers is not held back', async () => {
	emulator = await withEmulator({ rateLimits: { management: false } });
	const key = `${emulator.url}/unlimited`;
	await paced(key);
	let inFlight = 0;
	let most = 0;
	await Promise.all(
		Array.from({ length: 6 }, async () => {
			await beforeRequest(key);
			most = Math.max(most, ++inFlight);
			await call(emulator, 'GET', '/v2/time');
			inFlight--;
			afterRequest(key, {});
		}),
	);
	expect(most).toBe(6);
});
