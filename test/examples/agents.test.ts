import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import type { ToolAnswer, ToolCalls, WorkflowJson } from 'n8n-harness';
import { runWorkflow, toolVariant, withToolCaller } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { createOrder, sandboxCredentials, withEmulator } from '../helpers/setup';
import { TOOL_NODE_TYPE, sentSince } from '../helpers/tools';

/**
 * The AI examples: an MCP server, an agent behind n8n's human review, and the model-free approval
 * sub-workflow. Their shape is checked here; the MCP server's BigCommerce tools run as they are,
 * called through n8n-core the way the MCP Server Trigger calls them (e2e/mcp.mjs runs the whole
 * workflow in a real n8n).
 */
const load = (file: string) =>
	JSON.parse(
		readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'),
	) as WorkflowJson & { active: boolean; id: string };

const MCP = load('payments-over-mcp.json');
const REVIEW = load('agent-payments-with-human-review.json');
const APPROVE = load('approve-then-charge-or-refund.json');

const byName = (wf: WorkflowJson, name: string) => {
	const node = wf.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`${wf.name} has no node ${name}`);
	return node;
};
/** The node each of `name`'s `type` links go to. */
const targets = (wf: WorkflowJson, name: string, type = 'ai_tool') =>
	(wf.connections[name]?.[type] ?? []).flat().map((c) => c?.node);
const ourTools = (wf: WorkflowJson) => wf.nodes.filter((n) => n.type === TOOL_NODE_TYPE);
const params = (n: INode) => n.parameters as IDataObject;

test('each is importable: id, inactive, sticky note, the sandbox credential', () => {
	for (const wf of [MCP, REVIEW, APPROVE]) {
		expect(wf.id.length).toBeLessThanOrEqual(21);
		expect(wf.active).toBe(false);
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')).toBe(true);
		for (const n of wf.nodes.filter((x) => x.type.startsWith('n8n-nodes-bigcommerce-payments.')))
			expect(n.credentials?.bigCommerceApi?.id).toBe('bcSandboxCred');
		const names = wf.nodes.map((n) => n.name);
		for (const links of Object.values(wf.connections))
			for (const link of Object.values(links).flat(2)) expect(names).toContain(link?.node);
	}
});

test('every tool has a manual description an agent can act on, and fixed limits', () => {
	for (const wf of [MCP, REVIEW]) {
		for (const tool of ourTools(wf)) {
			const p = params(tool);
			// n8n fills descriptionType 'auto' unless it is set: the manual text would be dropped
			expect([tool.name, p.descriptionType]).toEqual([tool.name, 'manual']);
			expect(String(p.toolDescription).length).toBeGreaterThan(80);
			expect(JSON.stringify(p.limits ?? {})).not.toMatch(/^=|"=|\$fromAI/);
			if (['payment', 'order'].includes(String(p.resource)) && p.operation !== 'get')
				expect(p.operation === 'getAll' || Array.isArray(p.allowedOperations)).toBe(true);
		}
		const refund = ourTools(wf).find((n) => params(n).operation === 'refund');
		expect(params(refund!).idempotencyKey).toMatch(/\$fromAI\('idempotencyKey'/);
	}
});

test('the MCP server: every tool on the trigger, bearer auth', () => {
	const trigger = byName(MCP, 'MCP Server Trigger');
	expect(trigger.type).toBe('@n8n/n8n-nodes-langchain.mcpTrigger');
	expect(params(trigger)).toMatchObject({ authentication: 'bearerAuth' });
	expect(trigger.credentials?.httpBearerAuth?.id).toBe('bcMcpBearer');
	const tools = MCP.nodes.filter((n) => targets(MCP, n.name).includes('MCP Server Trigger'));
	expect(tools.map((n) => n.name).sort()).toEqual([
		'Ask a Person',
		'Find Orders',
		'Get Order',
		'Order Transactions',
		'Pay Order',
		'Payment Methods',
		'Refund Order',
	]);
	expect(params(byName(MCP, 'Ask a Person')).workflowId).toMatchObject({ value: APPROVE.id });
});

test('human review: charges and refunds go through the review, reads do not', () => {
	const review = byName(REVIEW, 'Ask a Manager by Email');
	expect(review.type).toBe('n8n-nodes-base.emailSendHitlTool');
	expect(params(review).approvalOptions).toEqual({
		values: { approvalType: 'double', approveLabel: 'Approve', disapproveLabel: 'Reject' },
	});
	expect(targets(REVIEW, review.name)).toEqual(['AI Agent']);
	// The chat is public (n8n's hosted page) but only for people signed in to this n8n.
	expect(params(byName(REVIEW, 'When Chat Message Received'))).toMatchObject({
		public: true,
		authentication: 'n8nUserAuth',
	});
	expect(byName(REVIEW, 'AI Agent')).toMatchObject({
		type: '@n8n/n8n-nodes-langchain.agent',
		typeVersion: 3.1,
	});
	expect(targets(REVIEW, 'OpenAI Chat Model', 'ai_languageModel')).toEqual(['AI Agent']);
	for (const tool of ourTools(REVIEW)) {
		const write = ['process', 'refund'].includes(String(params(tool).operation));
		expect([tool.name, targets(REVIEW, tool.name)]).toEqual([
			tool.name,
			[write ? review.name : 'AI Agent'],
		]);
	}
});

test('the approval sub-workflow: nothing is charged or refunded before a person approves', () => {
	const order = [
		'When a Tool Asks',
		'Settings',
		'Ask for Approval',
		'Wait for a Person',
		'Approved?',
		'Charge or Refund?',
	];
	for (let n = 0; n + 1 < order.length; n++)
		expect(targets(APPROVE, order[n], 'main')).toContain(order[n + 1]);
	expect(params(byName(APPROVE, 'Wait for a Person'))).toMatchObject({ resume: 'form' });
	expect(JSON.stringify(params(byName(APPROVE, 'Ask for Approval')))).toContain(
		'$execution.resumeFormUrl',
	);
	// the only way to the writes is Approve → Charge or Refund?
	const writes = APPROVE.nodes.filter((n) => n.type.startsWith('n8n-nodes-bigcommerce-payments.'));
	const into = (name: string) =>
		Object.entries(APPROVE.connections)
			.filter(([, links]) => (links.main ?? []).flat().some((l) => l?.node === name))
			.map(([from]) => from);
	for (const w of writes) expect(into(w.name)).toEqual(['Charge or Refund?']);
	expect((APPROVE.connections['Approved?'].main[0] ?? []).map((l) => l.node)).toEqual([
		'Charge or Refund?',
	]);
});

describe('the MCP server’s BigCommerce tools, called as the MCP trigger calls them', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await withEmulator()));
	afterAll(async () => await emulator.stop());

	async function call(rounds: ToolCalls): Promise<IDataObject[]> {
		const workflow = withToolCaller(MCP, 'MCP Server Trigger', rounds, [TOOL_NODE_TYPE]);
		const run = await runWorkflow(workflow, {
			nodeTypes: { [TOOL_NODE_TYPE]: toolVariant(new BigCommercePayments()) },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator) },
		});
		expect(run.error()).toBeUndefined();
		const answers = run.output('MCP Server Trigger').map((i) => i.json as unknown as ToolAnswer);
		answers.pop(); // the tool list
		return answers.map((a) => (a.result as IDataObject[])[0]);
	}

	test('pay twice, refund twice with one key, once over the limit', async () => {
		const id = await createOrder(emulator, 1, 80);
		const order = { orderId: String(id) };
		const refund = { ...order, amount: 10, reason: 'damaged', idempotencyKey: 'RMA-1' };
		const [read, paid, again, refunded, repeated] = await call([
			[{ tool: 'Get_Order', args: order }],
			[{ tool: 'Pay_Order', args: order }],
			[{ tool: 'Pay_Order', args: order }],
			[{ tool: 'Refund_Order', args: refund }],
			[{ tool: 'Refund_Order', args: refund }],
		]);
		expect(read).toMatchObject({ orderId: id, status: 'Incomplete', total: 80 });
		expect([paid.outcome, paid.repeat, again.outcome, again.repeat]).toEqual([
			'approved',
			false,
			'approved',
			true,
		]);
		expect(emulator.charges().filter((c) => c.order_id === id)).toHaveLength(1);
		expect(repeated).toMatchObject({ refundId: refunded.refundId, repeat: true });
		expect(emulator.store().refunds.filter((r) => r.order_id === id)).toHaveLength(1);

		const mark = emulator.requests().length;
		const [over] = await call([
			[{ tool: 'Refund_Order', args: { ...refund, amount: 60, idempotencyKey: 'RMA-2' } }],
		]);
		expect(over).toMatchObject({ outcome: 'refused', reason: 'over_refund_limit' });
		expect(sentSince(emulator, mark)).toEqual([]);
	});
});
