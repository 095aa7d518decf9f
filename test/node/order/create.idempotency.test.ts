import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { createOrderParams } from '../../helpers/params';
import { ADDRESS, json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

/** Order → Create for a deal, keyed by the deal's ID as the CRM would send it. */
const dealOrder = (extra: IDataObject = {}) =>
	createOrderParams({
		customerId: '={{ $json.customer_id }}',
		billingAddress: ADDRESS,
		lineItems: { customItems: [{ name: 'Annual plan', quantity: 1, price: 99 }] },
		idempotencyKey: '={{ $json.deal_id }}',
		...extra,
	});

/** The orders BigCommerce lists with this key: archived ones are not listed. */
const listedWithKey = (key: string) =>
	[...emulator.store().orders.values()].filter((o) => o.external_order_id === key && !o.is_deleted);

describe('Order → Create with an Idempotency Key', () => {
	test('a deal delivered three times, one after another, makes one order', async () => {
		const runs = [];
		for (let n = 0; n < 3; n++)
			runs.push(await runNode(emulator, dealOrder(), [{ deal_id: 'D-1', customer_id: 1 }]));
		const outputs = runs.map((r) => json(r.out[0])[0]);
		expect(outputs.map((o) => o.idempotency)).toEqual(['created', 'existing', 'existing']);
		expect(outputs.map((o) => o.existing)).toEqual([false, true, true]);
		expect(new Set(outputs.map((o) => o.id)).size).toBe(1);
		expect(outputs[0]).toMatchObject({ external_order_id: 'D-1', idempotencyKey: 'D-1' });
		expect(emulator.store().orders.size).toBe(1);
	});

	test('a deal delivered three times at the same moment converges on one order, the first marked', async () => {
		// Every create waits, so all three look before any of them has created.
		emulator.addFault({ route: 'POST /v2/orders', kind: 'latency', latencyMs: 300, times: 3 });
		const runs = await Promise.all(
			[0, 1, 2].map(() => runNode(emulator, dealOrder(), [{ deal_id: 'D-2', customer_id: 1 }])),
		);
		const outputs = runs.map((r) => json(r.out[0])[0]);
		const ids = new Set(outputs.map((o) => o.id));
		expect(ids.size).toBe(1);
		const [kept] = listedWithKey('D-2');
		expect(listedWithKey('D-2')).toHaveLength(1);
		expect([...ids][0]).toBe(kept.id);
		expect(outputs.filter((o) => o.idempotency === 'created')).toHaveLength(1);
		const merged = outputs.filter((o) => o.idempotency === 'merged_into_existing');
		expect(merged).toHaveLength(2);
		// The duplicates were archived while still Incomplete: readable, unlisted, never to be paid.
		for (const o of merged) {
			const archived = emulator.store().orders.get(o.archivedDuplicateOrderId as number);
			expect(archived).toMatchObject({ is_deleted: true, status_id: 0 });
		}
	});

	test('the same key from another customer is not the same deal', async () => {
		await runNode(emulator, dealOrder(), [{ deal_id: 'D-3', customer_id: 1 }]);
		const other = await runNode(emulator, dealOrder(), [{ deal_id: 'D-3', customer_id: 3 }]);
		expect(json(other.out[0])[0]).toMatchObject({ idempotency: 'created', customer_id: 3 });
		expect(emulator.store().orders.size).toBe(2);
	});

	test('an order older than the lookback window is not found', async () => {
		await runNode(emulator, dealOrder(), [{ deal_id: 'D-4', customer_id: 1 }]);
		const [first] = emulator.store().orders.values();
		first.date_created -= 40 * 86_400_000;
		// The key mark was made with the order: it ages with it.
		for (const mark of emulator.store().metafields.values()) mark.date_created -= 40 * 86_400_000;
		const again = await runNode(emulator, dealOrder(), [{ deal_id: 'D-4', customer_id: 1 }]);
		expect(json(again.out[0])[0]).toMatchObject({ idempotency: 'created' });
		const shorter = await runNode(emulator, dealOrder({ options: { lookbackDays: 60 } }), [
			{ deal_id: 'D-4', customer_id: 1 },
		]);
		expect(json(shorter.out[0])[0]).toMatchObject({ idempotency: 'existing', id: first.id });
	});

	test('a lost answer to the create is found by its key, never sent again', async () => {
		emulator.addFault({ route: 'POST /v2/orders', kind: 'commitThenDrop', times: 1 });
		const run = await runNode(emulator, dealOrder(), [{ deal_id: 'D-5', customer_id: 1 }]);
		expect(run.error()).toBeUndefined();
		expect(json(run.out[0])[0]).toMatchObject({ idempotency: 'created', reconciled: true });
		expect(
			emulator.requests().filter((r) => r.method === 'POST' && r.path === '/v2/orders'),
		).toHaveLength(1);
		expect(emulator.store().orders.size).toBe(1);
	});

	test('a create that never arrived is reported not_created, retryable, after the window', async () => {
		emulator.addFault({ route: 'POST /v2/orders', kind: 'reset', times: 1 });
		const run = await runNode(
			emulator,
			dealOrder({ options: { reconcileForSeconds: 1 } }),
			[{ deal_id: 'D-6', customer_id: 1 }],
			{ continueOnFail: true },
		);
		const [item] = json(run.out[0]);
		expect(item.details).toMatchObject({ reason: 'not_created', retryable: true });
		expect(String(item.error)).toMatch(/D-6/);
		expect(emulator.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(emulator.store().orders.size).toBe(0);
	});

	test('without a key every delivery creates an order, as before', async () => {
		const params = dealOrder({ idempotencyKey: '' });
		await runNode(emulator, params, [{ customer_id: 1 }]);
		await runNode(emulator, params, [{ customer_id: 1 }]);
		expect(emulator.store().orders.size).toBe(2);
	});
});
