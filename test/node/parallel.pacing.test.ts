import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { call } from '../helpers/http';
import { overranWindow } from '../helpers/rateLimits';
import { createOrder, json, runNode, withEmulator } from '../helpers/setup';

/**
 * The store's quota with items in parallel: one pacer per store and host, shared by every execution
 * in the process, keeps every request inside a window (no 429 but at a window's turn, see
 * `overranWindow`), and a 429 storm caused by
 * someone else (another n8n worker) is waited out on a time budget.
 */
let emulator: Emulator;
afterEach(async () => await emulator.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const limited = () => emulator.requests().filter((r) => r.status === 429);

const charge = (orders: number[], parallelRequests = 8) =>
	runNode(
		emulator,
		{
			resource: 'payment',
			operation: 'process',
			orderId: '={{ $json.order }}',
			instrumentType: 'card',
			paymentMethodId: 'stripe.card',
			cardNumber: '4111111111111111',
			cardholderName: 'Ada Lovelace',
			expiryMonth: 12,
			expiryYear: 2034,
			cvv: '123',
			requestOptions: { parallelRequests },
		},
		orders.map((order) => ({ order })),
	);

async function orders(n: number): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 0; i < n; i++) ids.push(await createOrder(emulator, 1));
	return ids;
}

test('payments host: 8 at once, two executions at once, a small window: every charge made, no window overrun', async () => {
	emulator = await withEmulator({
		rateLimits: { management: false, payments: { quota: 4, windowMs: 400 } },
	});
	emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 60 });
	const ids = await orders(24);
	// Until the payments host has answered, the pacer takes BigCommerce's documented 50 per 4 s (every
	// plan's): this window is far smaller, so one charge first lets the pacer learn it.
	const [warmUp] = await orders(1);
	await charge([warmUp]);
	await pause(450);
	emulator.clearRequests();
	const [first, second] = await Promise.all([charge(ids.slice(0, 12)), charge(ids.slice(12))]);
	expect([...json(first.out[0]), ...json(second.out[0])].map((j) => j.orderId)).toEqual(ids);
	for (const id of ids) expect(emulator.charges(id)).toHaveLength(1);
	expect(overranWindow(emulator.requests())).toEqual([]);
}, 30000);

test('management API: Order → Get, 8 at once, two executions at once, a small window: no window overrun', async () => {
	emulator = await withEmulator({
		rateLimits: { management: { quota: 5, windowMs: 500 }, payments: false },
	});
	const ids = await orders(16);
	await pause(550); // the setup's own requests leave the window it used
	emulator.clearRequests();
	emulator.addFault({ route: 'GET /v2/orders/*', kind: 'latency', latencyMs: 40 });
	const get = (some: number[]) =>
		runNode(
			emulator,
			{
				resource: 'order',
				operation: 'get',
				orderId: '={{ $json.order }}',
				requestOptions: { parallelRequests: 8 },
			},
			some.map((order) => ({ order })),
		);
	const [a, b] = await Promise.all([get(ids.slice(0, 8)), get(ids.slice(8))]);
	expect([...json(a.out[0]), ...json(b.out[0])].map((j) => j.id)).toEqual(ids);
	expect(emulator.requests().filter((r) => r.status === 200)).toHaveLength(16);
	expect(overranWindow(emulator.requests())).toEqual([]);
}, 30000);

describe('a 429 storm from another process sharing the store', () => {
	/** Another client outside this process's pacer, taking the window's one request as it opens. */
	function hog(forMs: number): Promise<void> {
		const until = Date.now() + forMs;
		return (async () => {
			while (Date.now() < until) {
				await call(emulator, 'GET', '/v2/time');
				await pause(3);
			}
		})();
	}

	async function getOne(options: IDataObject) {
		emulator = await withEmulator({
			rateLimits: { management: { quota: 1, windowMs: 200 }, payments: false },
		});
		const [id] = await orders(1);
		const hogging = hog(2500);
		const run = await runNode(
			emulator,
			{ resource: 'order', operation: 'get', orderId: String(id), requestOptions: options },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		await hogging;
		return { run, id };
	}

	test('is waited out within the time budget: the item succeeds, no rate_limited', async () => {
		const { run, id } = await getOne({});
		expect(json(run.out[0])).toEqual([expect.objectContaining({ id })]);
		// it met the storm (how often depends on how fast the other client loops) and waited it out
		expect(limited().filter((r) => r.path === `/v2/orders/${id}`).length).toBeGreaterThanOrEqual(1);
	}, 30000);

	test('past the budget it fails as rate_limited, nothing done', async () => {
		const { run } = await getOne({ rateLimitWaitSeconds: 1 });
		expect(json(run.out[0])).toEqual([
			expect.objectContaining({ details: expect.objectContaining({ reason: 'rate_limited' }) }),
		]);
	}, 30000);
});
