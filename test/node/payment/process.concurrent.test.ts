import type { Emulator } from 'bigcommerce-emulator';
import { APPROVED } from '../../helpers/params';
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
