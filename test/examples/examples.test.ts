import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import type { WorkflowJson } from 'n8n-harness';
import { n8nBaseNodeTypes, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { NODE_TYPE, sandboxCredentials, withEmulator } from '../helpers/setup';

/** The importable examples, run as they are in n8n's engine with n8n's own nodes. */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

async function runExample(file: string) {
	const workflow = JSON.parse(
		readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'),
	) as WorkflowJson;
	const nodeTypes = {
		...n8nBaseNodeTypes(workflow.nodes.map((n) => n.type)),
		[NODE_TYPE]: new BigCommercePayments(),
	};
	const run = await runWorkflow(workflow, {
		nodeTypes,
		credentialTypes: { bigCommerceApi: new BigCommerceApi() },
		credentials: { bigCommerceApi: sandboxCredentials(emulator) },
	});
	expect(run.error()).toBeUndefined();
	// a node fed by two branches runs once per branch
	const all = (node: string, output = 0) =>
		(run.run.data.resultData.runData[node] ?? [])
			.flatMap((r) => (r.data?.main?.[output] ?? []) as INodeExecutionData[])
			.map((i) => i.json);
	return { workflow, all };
}

test('each example is importable: id, inactive, Manual Trigger, sticky note, credential', () => {
	for (const file of [
		'charge-card-on-file-when-deal-closes.json',
		'nightly-retry-declined-charges.json',
		'pay-new-order-with-new-card.json',
		'recover-abandoned-cart.json',
	]) {
		const wf = JSON.parse(
			readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'),
		) as WorkflowJson & { active: boolean };
		expect(wf.id?.length).toBeLessThanOrEqual(21);
		expect(wf.active).toBe(false);
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')).toBe(true);
		for (const n of wf.nodes.filter((x) => x.type === NODE_TYPE))
			expect(n.credentials?.bigCommerceApi?.id).toBe('bcSandboxCred');
		for (const target of Object.values(wf.connections).flatMap((c) => c.main.flat()))
			expect(wf.nodes.map((n) => n.name)).toContain(target?.node);
	}
});

test('CRM deal closed: each outcome reaches its Respond node with a fitting status', async () => {
	const { workflow, all } = await runExample('charge-card-on-file-when-deal-closes.json');
	expect(all('Respond: Charged')).toEqual([expect.objectContaining({ outcome: 'approved' })]);
	expect(all('Respond: Declined')).toEqual([expect.objectContaining({ code: 30107 })]);
	expect(all('Respond: Failed')).toEqual([
		expect.objectContaining({ reason: 'no_default_instrument', retryable: false }),
	]);
	const codes = Object.fromEntries(
		workflow.nodes
			.filter((n) => n.type === 'n8n-nodes-base.respondToWebhook')
			.map((n) => [n.name, (n.parameters.options as { responseCode: unknown }).responseCode]),
	);
	expect(codes).toEqual({
		'Respond: Charged': 200,
		'Respond: Declined': 402,
		'Respond: Failed': '={{ $json.retryable ? 503 : 422 }}',
	});
	expect(emulator.charges()).toHaveLength(1);
});

test('nightly retry: only retryable outcomes are retried, the rest reported', async () => {
	const { all } = await runExample('nightly-retry-declined-charges.json');
	expect(all('Paid')).toHaveLength(1);
	expect(all('Retry Charge', 1)).toEqual([
		expect.objectContaining({ reason: 'insufficient_funds' }),
	]);
	expect(all('Retry Tomorrow').map((r) => r.reason)).toEqual(['insufficient_funds']);
	expect(
		all('Report to Team')
			.map((r) => r.reason)
			.sort(),
	).toEqual(['authorization_revoked', 'no_default_instrument']);
	expect(emulator.store().attempts.filter((a) => a.code === 30106)).toHaveLength(2);
});

test('new card: paid, saved, and shown as brand, last 4 and expiry only', async () => {
	const { all } = await runExample('pay-new-order-with-new-card.json');
	expect(all('Show Saved Card')).toEqual([
		expect.objectContaining({ savedCard: 'VISA •••• 1111, expires 8/2033' }),
	]);
	expect(JSON.stringify(all('Pay With New Card'))).not.toContain('4111111111111111');
	expect(emulator.store().customers.get(4)?.instruments).toHaveLength(1);
});

test('abandoned cart: checkout (cheapest shipping) to order, charged once to the default card', async () => {
	const { all } = await runExample('recover-abandoned-cart.json');
	const [cart] = all('Sample Abandoned Cart');
	const [order] = all('Create Order');
	expect(order).toMatchObject({ checkoutId: cart.id, status: 'Incomplete', existing: false });
	const options = all('Add Consignment')[0].shippingOptions as { cost: number }[];
	const cheapest = Math.min(...options.map((o) => o.cost));
	expect(order.shippingTotal).toBe(cheapest);
	expect(order.grandTotal).toBeCloseTo(2 * 19.99 + 3 * 4.5 + cheapest, 2);
	expect(all('Methods for This Checkout').map((m) => m.id)).toEqual(['stripe.card']);
	expect(all('Recovered')).toEqual([
		expect.objectContaining({ outcome: 'approved', orderId: order.orderId }),
	]);
	expect(all('Declined: Ask the Shopper')).toEqual([]);
	expect(all('Failed: Check the Order')).toEqual([]);
	expect(emulator.charges()).toEqual([
		expect.objectContaining({ order_id: order.orderId, amount: order.grandTotal }),
	]);
});
