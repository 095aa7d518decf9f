import type { INodeType } from 'n8n-workflow';

import type { Emulator, LoggedRequest } from 'bigcommerce-emulator';
import { GOOD_CARD, processParams } from '../helpers/params';
import { overranWindow } from '../helpers/rateLimits';
import { createOrder, json, runNode, withEmulator } from '../helpers/setup';

/**
 * Automatic Parallel Requests (the default): the node learns the store's quota from BigCommerce's
 * rate-limit headers and keeps enough items in flight to use it, and nothing more than the headers
 * allow. Two engines with a pacer each (two queue-mode workers) share the store from the headers
 * alone; a plan change between windows is followed within a window.
 */
let emulator: Emulator;
afterEach(async () => await emulator.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The node as a second worker process loads it: its own module state, so its own pacer. */
function anotherWorkersNode(): INodeType {
	let node: INodeType | undefined;
	const path = 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require(path) as { BigCommercePayments: new () => INodeType };
		node = new loaded.BigCommercePayments();
	});
	return node!;
}

const cardCharge = processParams('={{ $json.order }}', GOOD_CARD);

/** A store with the payments host's documented 50 per 4 s and room to spare on the management API. */
const documentedPaymentsStore = () =>
	withEmulator({
		rateLimits: {
			management: { quota: 100_000, windowMs: 30_000 },
			payments: { quota: 50, windowMs: 4000 },
		},
	});

/** The emulator's fixed windows, rebuilt from its log: each opens with the first request after the last ended. */
function windows(log: LoggedRequest[], windowMs: number): LoggedRequest[][] {
	const out: LoggedRequest[][] = [];
	let start = -Infinity;
	for (const r of [...log].sort((a, b) => a.startedAtMs - b.startedAtMs)) {
		if (r.startedAtMs - start >= windowMs) {
			start = r.startedAtMs;
			out.push([]);
		}
		out[out.length - 1].push(r);
	}
	return out;
}

test('two engines, a pacer each, on one store: every charge once, no 429 surfaced, neither starved', async () => {
	emulator = await withEmulator({
		rateLimits: {
			management: { quota: 100_000, windowMs: 30_000 },
			payments: { quota: 6, windowMs: 300 },
		},
	});
	emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 40 });
	const ids: number[] = [];
	for (let i = 0; i < 36; i++) ids.push(await createOrder(emulator, 1));
	const timed = async (node: INodeType | undefined, some: number[]) => {
		const started = Date.now();
		const run = await runNode(
			emulator,
			cardCharge,
			some.map((order) => ({ order })),
			{ onError: 'continueRegularOutput' },
			undefined,
			node,
		);
		return { run, ms: Date.now() - started };
	};
	const [a, b] = await Promise.all([
		timed(undefined, ids.slice(0, 18)),
		timed(anotherWorkersNode(), ids.slice(18)),
	]);
	expect(a.run.error()).toBeUndefined();
	expect(b.run.error()).toBeUndefined();
	// every item approved: none failed as rate_limited
	expect([...json(a.run.out[0]), ...json(b.run.out[0])].map((j) => j.orderId)).toEqual(ids);
	for (const id of ids) expect(emulator.charges(id)).toHaveLength(1);
	// The quota bound them: 36 charges at 6 per 300 ms take six windows at least. (What each pacer
	// could not know of the other's requests the store answered 429, and the pacers waited out.)
	expect(Math.max(a.ms, b.ms)).toBeGreaterThanOrEqual(5 * 300);
	// shared fairly: each took about as long as the other
	expect(Math.min(a.ms, b.ms) / Math.max(a.ms, b.ms)).toBeGreaterThan(0.5);
}, 60000);

test('a plan upgrade between windows is followed within one window, none overrun', async () => {
	const windowMs = 400;
	emulator = await withEmulator({
		rateLimits: { management: { quota: 5, windowMs }, payments: false },
	});
	const [id] = [await createOrder(emulator, 1)];
	await pause(windowMs + 20); // the setup's own request leaves its window
	emulator.clearRequests();
	emulator.addFault({ route: 'GET /v2/orders/*', kind: 'latency', latencyMs: 5 });
	const get = (n: number) =>
		runNode(
			emulator,
			{ resource: 'order', operation: 'get', orderId: String(id) },
			Array.from({ length: n }, () => ({})),
		);
	const running = get(110);
	await pause(windowMs * 2 + 100); // two windows at the old quota
	const upgradedAt = Date.now();
	emulator.setRateLimits({ management: { quota: 25, windowMs } });
	const run = await running;
	expect(json(run.out[0])).toHaveLength(110);
	const log = emulator.requests().filter((r) => r.status !== 429);
	expect(overranWindow(emulator.requests())).toEqual([]);
	const all = windows(log, windowMs);
	const before = all.filter((w) => w[w.length - 1].startedAtMs < upgradedAt);
	const after = all.filter((w) => w[0].startedAtMs > upgradedAt);
	expect(before.length).toBeGreaterThanOrEqual(2);
	for (const w of before) expect(w.length).toBeLessThanOrEqual(5);
	// the first window after the change opens with the new quota: the pacer learns it from that
	// window's first answer and fills it (all but the requests it waits on), and every later one
	expect(after.length).toBeGreaterThanOrEqual(3);
	for (const w of after.slice(0, -1)) {
		expect(w.length).toBeGreaterThanOrEqual(20);
		expect(w.length).toBeLessThanOrEqual(25);
	}
}, 30000);

test('a payment run spends the payments host’s first window before its first answer comes back', async () => {
	emulator = await documentedPaymentsStore();
	const ids: number[] = [];
	for (let i = 0; i < 40; i++) ids.push(await createOrder(emulator, 1));
	emulator.clearRequests();
	for (let i = 0; i < 40; i++)
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 1000, times: 1 });
	const run = await runNode(
		emulator,
		cardCharge,
		ids.map((order) => ({ order })),
	);
	expect(json(run.out[0])).toHaveLength(40);
	const payments = emulator.requests().filter((r) => r.path === '/payments');
	expect(overranWindow(payments)).toEqual([]);
	const firstAnswer = Math.min(...payments.map((r) => r.answeredAtMs));
	// the store's documented 50 per 4 s and a gateway's usual second, guessed before any answer:
	// no lone probe, and more than the 4 items a run starts with when it knows nothing
	expect(payments.filter((r) => r.startedAtMs < firstAnswer).length).toBeGreaterThanOrEqual(20);
}, 30000);

test('a 429 whose reset comes before its X-Retry-After: the host reopens at the reset, the refused payment waits X-Retry-After', async () => {
	emulator = await documentedPaymentsStore();
	const first = await createOrder(emulator, 1);
	const second = await createOrder(emulator, 1);
	emulator.clearRequests();
	// a 429 that says the window resets in 200 ms, and X-Retry-After: 1 (whole seconds)
	emulator.addFault({
		route: 'POST /payments',
		kind: 'status',
		status: 429,
		rateLimitHeaders: { resetMs: 200 },
		times: 1,
	});
	const refusedAt = () =>
		emulator.requests().find((r) => r.path === '/payments' && r.status === 429)?.startedAtMs;
	const a = runNode(emulator, cardCharge, [{ order: first }]);
	while (refusedAt() === undefined) await pause(5);
	const b = runNode(emulator, cardCharge, [{ order: second }]);
	const [runA, runB] = await Promise.all([a, b]);
	expect(json(runA.out[0]).map((j) => j.orderId)).toEqual([first]);
	expect(json(runB.out[0]).map((j) => j.orderId)).toEqual([second]);
	const paid = (order: number) =>
		emulator
			.requests()
			.find((r) => r.path === '/payments' && r.orderId === order && r.status === 201)!.startedAtMs -
		refusedAt()!;
	expect(paid(first)).toBeGreaterThanOrEqual(1000);
	expect(paid(second)).toBeGreaterThanOrEqual(200);
	expect(paid(second)).toBeLessThan(900);
}, 30000);
