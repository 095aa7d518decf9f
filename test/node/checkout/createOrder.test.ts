import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import type { WorkflowJson } from 'n8n-harness';
import { ITEMS_NODE_TYPE, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { call } from '../../helpers/http';
import { NODE_TYPE, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';
import { CHECKOUT_ADDRESS, READINGS } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

/** A checkout ready to become an order, made straight through the API. */
async function readyCheckout(): Promise<string> {
	const cart = (
		await call(emulator, 'POST', '/v3/carts', {
			body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 1 }] },
		})
	).body.data;
	await call(emulator, 'POST', `/v3/checkouts/${cart.id}/billing-address`, {
		body: CHECKOUT_ADDRESS,
	});
	const added = await call(
		emulator,
		'POST',
		`/v3/checkouts/${cart.id}/consignments?include=consignments.available_shipping_options`,
		{
			body: [
				{
					address: CHECKOUT_ADDRESS,
					line_items: cart.line_items.physical_items.map((i: { id: string }) => ({
						item_id: i.id,
						quantity: 1,
					})),
				},
			],
		},
	);
	const c = added.body.data.consignments[0];
	await call(emulator, 'PUT', `/v3/checkouts/${cart.id}/consignments/${c.id}`, {
		body: { shipping_option_id: c.available_shipping_options[0].id },
	});
	return cart.id;
}

const createOrder = (checkoutId: string, settings = {}) =>
	runNode(emulator, { resource: 'checkout', operation: 'createOrder', checkoutId }, [{}], settings);
const orderPosts = () =>
	emulator.requests().filter((r) => r.method === 'POST' && /\/orders$/.test(r.path)).length;
const ordersMade = () => emulator.store().orders.size;

test('a checkout that already has an order answers with it (existing: true), making no second', async () => {
	const id = await readyCheckout();
	const first = json((await createOrder(id)).out[0])[0];
	expect(first).toMatchObject({ existing: false });
	const before = ordersMade();
	emulator.clearRequests();
	const again = json((await createOrder(id)).out[0])[0];
	expect(again).toMatchObject({ orderId: first.orderId, existing: true, status: 'Incomplete' });
	expect(orderPosts()).toBe(0);
	expect(ordersMade()).toBe(before);
});

test('a lost answer is settled by reading the checkout: one order, found, never asked twice', async () => {
	const id = await readyCheckout();
	const before = ordersMade();
	emulator.addFault({ route: 'POST /v3/checkouts/*/orders', kind: 'commitThenDrop' });
	emulator.clearRequests();
	const run = await createOrder(id);
	expect(run.error()).toBeUndefined();
	const [out] = json(run.out[0]);
	expect(ordersMade()).toBe(before + 1);
	expect(orderPosts()).toBe(1);
	const made = (await call(emulator, 'GET', `/v3/checkouts/${id}`)).body.data.order_id;
	expect(out).toMatchObject({ orderId: Number(made), existing: false, recovered: true });
});

test('a lost answer that made nothing stays outcome_unknown, and is not repeated', async () => {
	const id = await readyCheckout();
	const before = ordersMade();
	emulator.addFault({ route: 'POST /v3/checkouts/*/orders', kind: 'reset' });
	emulator.clearRequests();
	const run = await createOrder(id, { continueOnFail: true });
	expect(JSON.stringify(run.out[0][0].json)).toMatch(/outcome_unknown/);
	expect(orderPosts()).toBe(1);
	expect(ordersMade()).toBe(before);
});

test("a checkout that is not ready gets BigCommerce's refusal, and no order", async () => {
	const cart = (
		await call(emulator, 'POST', '/v3/carts', {
			body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 1 }] },
		})
	).body.data;
	const before = ordersMade();
	const run = await createOrder(cart.id, { continueOnFail: true });
	expect(run.out[0][0].json.error).toBeDefined();
	expect(ordersMade()).toBe(before);
});

describe('two runs of Create Order → Process for one checkout at the same moment', () => {
	const credentials = { bigCommerceApi: { id: '1', name: 'sandbox' } };
	const createThenPay = (checkoutId: string): WorkflowJson => ({
		nodes: [
			{
				id: 'in',
				name: 'In',
				type: ITEMS_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify([{ checkoutId }]) },
			},
			{
				id: 'order',
				name: 'Order',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					resource: 'checkout',
					operation: 'createOrder',
					checkoutId: '={{ $json.checkoutId }}',
				},
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
					orderId: '={{ $json.orderId }}',
					instrumentType: 'default_stored_instrument',
				},
				credentials,
			},
		],
		connections: {
			In: { main: [[{ node: 'Order', type: 'main', index: 0 }]] },
			Order: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
		},
	});
	const run = (checkoutId: string) =>
		runWorkflow(createThenPay(checkoutId), {
			nodeTypes: { [NODE_TYPE]: new BigCommercePayments() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator) },
		});

	test.each(READINGS)(
		'listIncomplete $listIncomplete, gatewayCommit $gatewayCommit: one order kept, one charge',
		async (settings) => {
			await fetch(`${emulator.url}/__emulator/settings`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(settings),
			});
			const id = await readyCheckout();
			// Both look before either has made its order; the gateway takes its time.
			emulator.addFault({
				route: 'POST /v3/checkouts/*/orders',
				kind: 'latency',
				latencyMs: 300,
				times: 2,
			});
			emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 300 });
			const runs = await Promise.all([run(id), run(id)]);
			const made = runs.map((r) => json(r.output('Order'))[0]);
			expect(new Set(made.map((o) => o.orderId)).size).toBe(1);
			expect(made.filter((o) => o.archivedDuplicateOrderId !== undefined)).toHaveLength(1);
			const live = [...emulator.store().orders.values()].filter((o) => !o.is_deleted);
			expect(live.map((o) => o.id)).toEqual([made[0].orderId]);
			const paid = runs.map((r) => json(r.output('Pay'))[0]);
			expect(paid.map((p) => p.outcome)).toEqual(['approved', 'approved']);
			expect(emulator.charges()).toHaveLength(1);
			expect(emulator.overlappingPayments()).toEqual([]);
		},
	);
});
