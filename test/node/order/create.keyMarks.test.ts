import type { IDataObject, INode } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { ITEMS_NODE_TYPE, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { createOrderParams } from '../../helpers/params';
import {
	ADDRESS,
	NODE_TYPE,
	json,
	runNode,
	sandboxCredentials,
	withEmulator,
} from '../../helpers/setup';

/**
 * Order → Create with an Idempotency Key finds the order made for a key by its key mark (an order
 * metafield), whatever the order's status and whether BigCommerce lists Incomplete orders by default;
 * the order is marked and claimed in one request, and looked for again after.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator({ settings: { listIncomplete: false } })));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const KEYS = 'n8n-nodes-bigcommerce-payments.keys';
const CLAIMS = 'n8n-nodes-bigcommerce-payments.claims';

const dealOrder = (extra: IDataObject = {}) =>
	createOrderParams({
		customerId: '={{ $json.customer_id }}',
		billingAddress: ADDRESS,
		lineItems: { customItems: [{ name: 'Annual plan', quantity: 1, price: 99 }] },
		idempotencyKey: '={{ $json.deal_id }}',
		...extra,
	});

const metafields = (namespace: string) =>
	[...emulator.store().metafields.values()].filter((m) => m.namespace === namespace);
const liveOrders = () => [...emulator.store().orders.values()].filter((o) => !o.is_deleted);
const requests = () => emulator.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`);

test('with Incomplete orders left out of unfiltered lists, a repeated deal still finds its order', async () => {
	const first = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-1', customer_id: 1 }])).out[0],
	)[0];
	emulator.clearRequests();
	const again = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-1', customer_id: 1 }])).out[0],
	)[0];
	expect(again).toMatchObject({ id: first.id, idempotency: 'existing', status_id: 0 });
	// the mark's look-up and the order: no order list at all
	expect(requests()).toEqual(['GET /v3/orders/metafields', `GET /v2/orders/${first.id}`]);
	expect(liveOrders()).toHaveLength(1);
});

test('a fresh order costs four requests: look-up, create, mark and claim in one, look again', async () => {
	const out = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-2', customer_id: 1 }])).out[0],
	)[0];
	expect(requests()).toEqual([
		'GET /v3/orders/metafields',
		'POST /v2/orders',
		'POST /v3/orders/metafields',
		'GET /v3/orders/metafields',
	]);
	const [mark] = metafields(KEYS);
	expect(mark).toMatchObject({ resource_id: out.id, key: 'K-2', permission_set: 'read' });
	expect(JSON.parse(mark.value)).toEqual({ key: 'K-2', customerId: 1, email: 'ada@example.com' });
	const [claim] = metafields(CLAIMS);
	expect(claim).toMatchObject({ resource_id: out.id, permission_set: 'app_only' });
	expect(JSON.parse(claim.value).ttlMs).toBe(135000);
	expect(emulator.store().orders.get(out.id as number)?.external_order_id).toBe('K-2');
});

test('a key outside the plain set is marked by its digest, and still found', async () => {
	const key = `ACME, Inc. / deal #42 — ${'x'.repeat(80)}`;
	const first = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: key, customer_id: 1 }])).out[0],
	)[0];
	const [mark] = metafields(KEYS);
	expect(mark.key).toMatch(/^sha256:[0-9a-f]{56}$/);
	expect(JSON.parse(mark.value).key).toBe(key);
	const again = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: key, customer_id: 1 }])).out[0],
	)[0];
	expect(again).toMatchObject({ id: first.id, idempotency: 'existing' });
});

test('a mark BigCommerce refuses leaves no order to pay: archived, and not_created (retryable)', async () => {
	emulator.addFault({ route: 'POST /v3/orders/metafields', kind: 'status', status: 400, times: 1 });
	const run = await runNode(emulator, dealOrder(), [{ deal_id: 'K-3', customer_id: 1 }], {
		continueOnFail: true,
	});
	const [item] = json(run.out[0]);
	expect(item.details).toMatchObject({ reason: 'not_created', retryable: true });
	expect(liveOrders()).toHaveLength(0);
	const retry = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-3', customer_id: 1 }])).out[0],
	)[0];
	expect(retry).toMatchObject({ idempotency: 'created' });
	expect(liveOrders().map((o) => o.id)).toEqual([retry.id]);
});

test('a lost answer to the mark is sent once more and read back: marked once, claimed once', async () => {
	emulator.addFault({ route: 'POST /v3/orders/metafields', kind: 'commitThenDrop', times: 1 });
	const out = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-4', customer_id: 1 }])).out[0],
	)[0];
	expect(out).toMatchObject({ idempotency: 'created' });
	expect(metafields(KEYS)).toHaveLength(1);
	expect(metafields(CLAIMS)).toHaveLength(1);
	expect(requests().filter((r) => r === 'POST /v3/orders/metafields')).toHaveLength(2);
});

test('an archived order with the key is passed over: a new one is made, and kept', async () => {
	const first = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-5', customer_id: 1 }])).out[0],
	)[0];
	emulator.store().orders.get(first.id as number)!.is_deleted = true;
	const again = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-5', customer_id: 1 }])).out[0],
	)[0];
	expect(again).toMatchObject({ idempotency: 'created' });
	expect(again.id).not.toBe(first.id);
	const third = json(
		(await runNode(emulator, dealOrder(), [{ deal_id: 'K-5', customer_id: 1 }])).out[0],
	)[0];
	expect(third).toMatchObject({ idempotency: 'existing', id: again.id });
});

test("Create and Process in one execution: Process pays under Create's claim, six requests in all", async () => {
	const credentials = { bigCommerceApi: { id: '1', name: 'sandbox' } };
	const nodes: INode[] = [
		{
			id: 'deal',
			name: 'Deal',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify([{ deal_id: 'K-6', customer_id: 1 }]) },
		},
		{
			id: 'create',
			name: 'Create',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: dealOrder() as INode['parameters'],
			credentials,
		},
		{
			id: 'pay',
			name: 'Pay',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [400, 0],
			parameters: {
				resource: 'payment',
				operation: 'process',
				orderId: '={{ $json.id }}',
				instrumentType: 'default_stored_instrument',
			},
			credentials,
		},
	];
	const run = await runWorkflow(
		{
			nodes,
			connections: {
				Deal: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
				Create: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
			},
		},
		{
			nodeTypes: { [NODE_TYPE]: new BigCommercePayments() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator) },
		},
	);
	expect(json(run.output('Pay'))).toEqual([expect.objectContaining({ outcome: 'approved' })]);
	const management = emulator.requests().filter((r) => r.family !== 'payments');
	expect(management.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
		'GET /v3/orders/metafields',
		'POST /v2/orders',
		'POST /v3/orders/metafields',
		'GET /v3/orders/metafields',
		'GET /v3/payments/methods',
		'POST /v3/payments/access_tokens',
	]);
});
