import type { Emulator } from 'bigcommerce-emulator';
import { APPROVED, FAILED } from '../../helpers/params';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';

/**
 * Two n8n engines paying the same orders at once, against a gateway that checks a payment when it
 * arrives and charges it when it answers (`gatewayCommit: onAnswer`, so two overlapping payments
 * for one order would both be charged) and answers slowly: the claim lets one payment per order
 * out, and the other execution answers with it.
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			settings: { gatewayCommit: 'onAnswer' },
			rateLimits: { management: { windowMs: 3000, quota: 150 } },
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const payAll = (orders: number[]) =>
	runNode(
		emulator,
		{
			resource: 'payment',
			operation: 'process',
			orderId: '={{ $json.order }}',
			instrumentType: 'stored_card',
			paymentMethodId: 'stripe.card',
			storedToken: 'a1'.repeat(32),
		},
		orders.map((order) => ({ order })),
	);

test.each([
	{ name: 'the same order first in both', shuffle: false },
	{ name: 'in opposite orders', shuffle: true },
])(
	'two engines, twelve orders, $name: one charge each, never two payments in flight',
	async ({ shuffle }) => {
		const orders: number[] = [];
		for (let n = 0; n < 12; n++) orders.push(await createOrder(emulator, 1, 10 + n));
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 400 });
		const [a, b] = await Promise.all([
			payAll(orders),
			payAll(shuffle ? [...orders].reverse() : orders),
		]);
		for (const run of [a, b]) {
			expect(run.error()).toBeUndefined();
			expect(json(run.out[APPROVED])).toHaveLength(12);
		}
		const approved = [...json(a.out[APPROVED]), ...json(b.out[APPROVED])];
		expect(approved.filter((o) => o.alreadyPaid !== true)).toHaveLength(12);
		for (const order of orders) expect(emulator.charges(order)).toHaveLength(1);
		expect(emulator.overlappingPayments()).toEqual([]);
	},
);

test('a gateway slower than Timeout and Reconcile For: not_charged keeps the order claimed, so an immediate retry pays nothing and the first payment is the only charge', async () => {
	const order = await createOrder(emulator, 1);
	emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 3500, times: 1 });
	const pay = (reconcileFor: number) =>
		runNode(emulator, {
			resource: 'payment',
			operation: 'process',
			orderId: String(order),
			instrumentType: 'stored_card',
			paymentMethodId: 'stripe.card',
			storedToken: 'a1'.repeat(32),
			additionalFields: { timeout: 1000, reconcileFor },
		});
	const first = await pay(1);
	expect(json(first.out[FAILED])).toEqual([expect.objectContaining({ reason: 'not_charged' })]);
	expect(emulator.charges(order)).toHaveLength(0);
	// The CRM retries at once, while the gateway still holds the first payment.
	const retry = await pay(0);
	expect(json(retry.out[FAILED])).toEqual([
		expect.objectContaining({ reason: 'payment_in_progress', retryable: true }),
	]);
	for (let waited = 0; emulator.charges(order).length === 0 && waited < 5000; waited += 100)
		await new Promise((r) => setTimeout(r, 100));
	const later = await pay(0);
	expect(json(later.out[APPROVED])).toEqual([expect.objectContaining({ alreadyPaid: true })]);
	expect(emulator.charges(order)).toHaveLength(1);
	expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
}, 30000);
