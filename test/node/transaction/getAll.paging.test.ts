import type { Emulator } from 'bigcommerce-emulator';
import { card, mintPat, pay } from '../../helpers/http';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
// No rate limits: the setup makes more declined attempts than one window allows.
beforeAll(
	async () =>
		(emulator = await withEmulator({
			rateLimits: {
				management: { quota: 100_000, windowMs: 30_000 },
				payments: { quota: 100_000, windowMs: 4_000 },
			},
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const DECLINED = '4000000000009995';

/** An order with `n` declined attempts (each is a transaction) and then a charge. */
async function orderWithTransactions(n: number): Promise<number> {
	const id = await createOrder(emulator, 1);
	for (let k = 0; k < n; k++) {
		const r = await pay(emulator, await mintPat(emulator, id), {
			instrument: card(DECLINED),
			payment_method_id: 'stripe.card',
		});
		expect(r.status).toBe(422);
	}
	const ok = await pay(emulator, await mintPat(emulator, id), {
		instrument: card('4111111111111111'),
		payment_method_id: 'stripe.card',
	});
	expect(ok.status).toBeLessThan(300);
	return id;
}

const pagesRead = (id: number) =>
	emulator
		.requests()
		.filter((r) => r.method === 'GET' && r.path.includes(`/orders/${id}/transactions`)).length;

test('Return All reads every page (50 each); Limit stops early', async () => {
	const id = await orderWithTransactions(60);
	emulator.clearRequests();
	const all = await runNode(emulator, {
		resource: 'transaction',
		operation: 'getAll',
		orderId: String(id),
		returnAll: true,
	});
	const out = json(all.out[0]);
	expect(out).toHaveLength(61);
	expect(new Set(out.map((t) => t.id)).size).toBe(61);
	expect(out.filter((t) => t.status === 'ok' || t.status === 'success')).toHaveLength(1);
	expect(pagesRead(id)).toBe(2);

	emulator.clearRequests();
	const some = await runNode(emulator, {
		resource: 'transaction',
		operation: 'getAll',
		orderId: String(id),
		returnAll: false,
		limit: 5,
	});
	expect(some.out[0]).toHaveLength(5);
	expect(pagesRead(id)).toBe(1);
});

test('Return All is what older workflows (no such parameter) get', async () => {
	const id = await orderWithTransactions(51);
	const run = await runNode(emulator, {
		resource: 'transaction',
		operation: 'getAll',
		orderId: id,
	});
	expect(run.out[0]).toHaveLength(52);
});
