import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import type { ToolAnswer } from 'n8n-harness';
import { ITEMS_NODE_TYPE, TOOL_CALLER_NODE_TYPE, runWorkflow, toolVariant } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';

import { NODE_TYPE, sandboxCredentials } from './setup';

export const TOOL_NODE_TYPE = `${NODE_TYPE}Tool`;

export interface ToolNode {
	parameters: IDataObject;
	settings?: Partial<INode>;
}

export interface ListedTool {
	name: string;
	description: string;
	schema: Record<string, { type: string; description: string | null; optional: boolean }>;
}

/**
 * Connects BigCommerce Payments tool nodes (n8n's tool variant of the node, named by the keys of
 * `tools`) to the harness's tool caller and makes `rounds` of calls, each round at the same moment,
 * through n8n-core's createNodeAsTool as the MCP Server Trigger does. Tool names are the node names
 * with n8n's `nodeNameToToolName` (spaces become `_`).
 */
export async function callTools(
	emulator: Emulator,
	tools: Record<string, ToolNode>,
	rounds: Array<Array<{ tool: string; args: IDataObject }>>,
	credentials?: ICredentialDataDecryptedObject,
): Promise<{ answers: ToolAnswer[]; listed: ListedTool[] }> {
	const toolNodes: INode[] = Object.entries(tools).map(([name, t], n) => ({
		id: `t${n}`,
		name,
		type: TOOL_NODE_TYPE,
		typeVersion: 1,
		position: [200, 200 + n * 100],
		parameters: t.parameters as INode['parameters'],
		credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
		...t.settings,
	}));
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: '[{}]' },
		},
		{
			id: 'caller',
			name: 'Agent',
			type: TOOL_CALLER_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { calls: JSON.stringify(rounds) },
		},
		...toolNodes,
	];
	const connections: Record<string, IDataObject> = {
		Items: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
	};
	for (const t of toolNodes)
		connections[t.name] = { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] };
	const run = await runWorkflow(
		{ nodes, connections: connections as never },
		{
			nodeTypes: { [TOOL_NODE_TYPE]: toolVariant(new BigCommercePayments()) },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: credentials ?? sandboxCredentials(emulator) },
		},
	);
	const error = run.error();
	if (error) throw error;
	const out = run.output('Agent').map((i) => i.json);
	const listed = (out.pop() as { tools: ListedTool[] }).tools;
	return { answers: out as unknown as ToolAnswer[], listed };
}

/** One call of one tool; its answer's first item (a tool's answer is an array of items). */
export async function callTool(
	emulator: Emulator,
	parameters: IDataObject,
	args: IDataObject,
	settings?: Partial<INode>,
): Promise<ToolAnswer & { first?: IDataObject }> {
	const { answers } = await callTools(emulator, { Tool: { parameters, settings } }, [
		[{ tool: 'Tool', args }],
	]);
	const [answer] = answers;
	const first = Array.isArray(answer.result) ? (answer.result[0] as IDataObject) : undefined;
	return { ...answer, first };
}

/** A parameter the agent fills, as a user writes it: `$fromAI(key, description, type)`. */
export const fromAI = (key: string, description: string, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;

/** The Order picker, filled by the agent. */
export const orderFromAI = {
	__rl: true,
	mode: 'id',
	value: fromAI('orderId', 'The BigCommerce order ID, a whole number such as 215'),
};

/**
 * The tool variant run the way AI Agent v3 runs a tool in n8n 2.41: as an ordinary node of the
 * workflow (its type the `…Tool` variant, `isToolExecution()` false), its input item the call's
 * arguments. Returns the node's outputs.
 */
export async function runAsEngineTool(
	emulator: Emulator,
	parameters: IDataObject,
	args: IDataObject,
): Promise<IDataObject[][]> {
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify([{ ...args, toolCallId: 'call_1' }]) },
		},
		{
			id: 'tool',
			name: 'Tool',
			type: TOOL_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: parameters as INode['parameters'],
			credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
		},
	];
	const run = await runWorkflow(
		{
			nodes,
			connections: { Items: { main: [[{ node: 'Tool', type: 'main', index: 0 }]] } },
		},
		{
			nodeTypes: { [TOOL_NODE_TYPE]: toolVariant(new BigCommercePayments()) },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator) },
		},
	);
	const error = run.error();
	if (error) throw error;
	return run.outputs('Tool').map((o) => o.map((i) => i.json));
}

/** What the emulator received since `mark` (its request log's length before the call). */
export const sentSince = (emulator: Emulator, mark: number) =>
	emulator
		.requests()
		.slice(mark)
		.map((r) => `${r.method} ${r.path}`);

/** Requests that change something at BigCommerce (anything but a read). */
export const writesSince = (emulator: Emulator, mark: number) =>
	sentSince(emulator, mark).filter((r) => !r.startsWith('GET '));
