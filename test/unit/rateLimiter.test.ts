import type { Emulator } from 'bigcommerce-emulator';
import type { Host } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api/pacer';
import {
	DOCUMENTED_QUOTAS,
	afterRequest,
	beforeRequest,
} from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api/pacer';
import { call } from '../helpers/http';
import { overranWindow } from '../helpers/rateLimits';
import { withEmulator } from '../helpers/setup';

/**
 * The pacer against the emulator's real fixed window, over HTTP: many callers at once, each request
 * let out by `beforeRequest` and reported to `afterRequest` with its answer's headers. The emulator
 * counts a request after its latency, so requests in flight are not yet in the headers' count: a
 * pacer that trusted the last answer alone would overrun the window and meet 429s with most of it
 * still to run.
 */
let emulator: Emulator;
afterEach(async () => await emulator.stop());

async function paced(key: string, host: Host = 'management'): Promise<number> {
	const sentAt = await beforeRequest(key, host);
	const answer = await call(emulator, 'GET', '/v2/time').catch((error: unknown) => {
		afterRequest(key, host, sentAt);
		throw error;
	});
	afterRequest(key, host, sentAt, Object.fromEntries(answer.headers.entries()));
	return answer.status;
}

test.each([
	['management', 5, 500, 12],
	['tight', 2, 300, 6],
])(
	'%s window (%i per %i ms), %i callers at once: every request fits a window, none overruns one',
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
		expect(overranWindow(emulator.requests())).toEqual([]);
		// a 429 at most at a window's turn, never most of the calls
		expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(callers);
		// the quota did bind: the requests spanned several windows
		const arrivals = emulator.requests().map((r) => Date.parse(r.at));
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(
			(Math.ceil((callers * 2) / quota) - 1) * windowMs - 50,
		);
	},
	30000,
);

test('a host whose answers carry no rate-limit headers is paced by the documented quota (payments: 50 per 4 s)', async () => {
	emulator = await withEmulator({ rateLimits: { management: false } });
	const key = `${emulator.url}/no-headers`;
	const { quota, windowMs } = DOCUMENTED_QUOTAS.payments;
	const granted: number[] = [];
	await Promise.all(
		Array.from({ length: 12 }, async () => {
			while (granted.length < quota + 6) {
				const sentAt = await beforeRequest(key, 'payments');
				granted.push(sentAt);
				const answer = await call(emulator, 'GET', '/v2/time');
				expect(answer.headers.get('x-rate-limit-requests-left')).toBeNull();
				afterRequest(key, 'payments', sentAt, {});
			}
		}),
	);
	granted.sort((a, b) => a - b);
	// the first answer opens the counted window: the quota's worth goes at once, the rest waits it out
	expect(granted[quota - 1] - granted[0]).toBeLessThan(windowMs / 2);
	expect(granted[quota] - granted[0]).toBeGreaterThanOrEqual(windowMs);
}, 30000);
