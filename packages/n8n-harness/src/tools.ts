/**
 * A node as an AI tool, the way n8n 2.41.1 makes and calls one, for the tests: `toolVariant` is
 * n8n's own conversion of a `usableAsTool` node (the `n8n` package's tool-generation/ai-tools.js
 * `convertNodeToAiTool`, applied the way its node-types.js builds a synthetic `<type>Tool` at run
 * time; the `n8n` package is not a dependency here, so these few lines are ported), and
 * `harness.toolCaller` is a parent node that gets the connected tools from n8n-core exactly as the
 * MCP Server Trigger and AI Agent v1/v2 do (`getInputConnectionData('ai_tool')`: n8n-core's
 * createNodeAsTool, its `$fromAI` schema and its per-call run index) and invokes them.
 */
import type {
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { WorkflowJson } from './engine';
import { ITEMS_NODE_TYPE } from './engine';

export const TOOL_CALLER_NODE_TYPE = 'harness.toolCaller';

/** n8n's `convertNodeToAiTool` over a clone of the node, as `NodeTypes.getByNameAndVersion` does. */
export function toolVariant(nodeType: INodeType): INodeType {
	const base = nodeType.description;
	const properties: INodeProperties[] = [...base.properties];
	const description: INodeTypeDescription = {
		...base,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties,
	};
	delete description.usableAsTool;
	const hasResourceOrOperation = properties.some(
		(p) => p.name === 'resource' || p.name === 'operation',
	);
	if (!properties.some((p) => p.name === 'toolDescription')) {
		let lastCallout = -1;
		properties.forEach((p, i) => {
			if (p.type === 'callout') lastCallout = i;
		});
		const toolDescription: INodeProperties = {
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: base.description,
			required: true,
			typeOptions: { rows: 2 },
			description: 'Explain to the LLM what this tool does',
		};
		properties.splice(lastCallout + 1, 0, toolDescription);
		if (hasResourceOrOperation) {
			properties.splice(lastCallout + 1, 0, {
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			});
			toolDescription.displayOptions = { show: { descriptionType: ['manual'] } };
		}
	}
	const tool = Object.create(nodeType) as INodeType;
	Object.defineProperty(tool, 'description', { value: description });
	return tool;
}

/** What a tool answered one call: the text the agent or MCP client reads, or the error thrown. */
export interface ToolAnswer {
	tool: string;
	args: IDataObject;
	/** JSON.parse of the text, when it is JSON */
	result?: unknown;
	text?: string;
	error?: string;
}

interface ToolLike {
	name: string;
	description: string;
	schema: unknown;
	invoke(args: IDataObject): Promise<unknown>;
}

/** A zod object schema as `{key: {type, description, optional}}`, without a zod-to-json dependency. */
function schemaSummary(schema: unknown): IDataObject {
	const shape = (schema as { shape?: Record<string, unknown> })?.shape ?? {};
	const out: IDataObject = {};
	for (const [key, field] of Object.entries(shape)) {
		let def = (field as { _def: IDataObject })._def;
		const description = (field as { description?: string }).description ?? null;
		let optional = false;
		while (def && (def.innerType as { _def?: IDataObject } | undefined)?._def) {
			if (def.typeName === 'ZodOptional' || def.typeName === 'ZodDefault') optional = true;
			def = (def.innerType as { _def: IDataObject })._def;
		}
		out[key] = { type: String(def?.typeName ?? ''), description, optional };
	}
	return out;
}

/**
 * Gets the tools connected to its `ai_tool` input and makes the calls in its `calls` parameter: a
 * JSON array of rounds, each an array of `{tool, args}` invoked at the same moment. Emits one item
 * per call (`ToolAnswer`), then one item `{tools}` with each tool's name, description and schema.
 */
export class ToolCallerNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tool Caller',
		name: TOOL_CALLER_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Calls connected AI tools the way an MCP client does',
		defaults: { name: 'Tool Caller' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connected = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as
			| unknown[]
			| unknown;
		const tools = (Array.isArray(connected) ? connected : [connected]).flatMap((t) =>
			Array.isArray((t as { tools?: unknown[] }).tools)
				? ((t as { tools: ToolLike[] }).tools as ToolLike[])
				: [t as ToolLike],
		);
		const raw = this.getNodeParameter('calls', 0);
		const rounds = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<
			Array<{ tool: string; args: IDataObject }>
		>;
		const answers: ToolAnswer[] = [];
		for (const round of rounds) {
			answers.push(
				...(await Promise.all(
					round.map(async ({ tool, args }): Promise<ToolAnswer> => {
						const found = tools.find((t) => t.name === tool);
						if (!found) return { tool, args, error: `no tool named ${tool}` };
						try {
							const text = String(await found.invoke(args));
							let result: unknown;
							try {
								result = JSON.parse(text);
							} catch {
								result = undefined;
							}
							return { tool, args, text, result };
						} catch (error) {
							return { tool, args, error: (error as Error).message };
						}
					}),
				)),
			);
		}
		const listed = tools.map((t) => ({
			name: t.name,
			description: t.description,
			schema: schemaSummary(t.schema),
		}));
		return [
			[...answers.map((a) => ({ json: a as unknown as IDataObject })), { json: { tools: listed } }],
		];
	}
}

/** One round of tool calls made at the same moment. */
export type ToolCalls = Array<Array<{ tool: string; args: IDataObject }>>;

/**
 * A workflow that serves tools to a trigger (the MCP Server Trigger, `triggerName`) as the harness
 * can run it: the trigger becomes the tool caller making `rounds` of calls, started by an Items
 * node; tools of a type not in `keepTypes` (such as a Call n8n Workflow tool) are left out.
 */
export function withToolCaller(
	workflow: WorkflowJson,
	triggerName: string,
	rounds: ToolCalls,
	keepTypes: string[],
): WorkflowJson {
	const tools = workflow.nodes.filter((n) =>
		(workflow.connections[n.name]?.ai_tool ?? []).some((links) =>
			(links ?? []).some((l) => l.node === triggerName),
		),
	);
	const kept = tools.filter((n) => keepTypes.includes(n.type));
	const nodes: INode[] = [
		{
			id: 'harness-items',
			name: 'Items',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: '[{}]' },
		},
		{
			id: 'harness-caller',
			name: triggerName,
			type: TOOL_CALLER_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { calls: JSON.stringify(rounds) },
		},
		...kept,
	];
	const connections: IConnections = {
		Items: { main: [[{ node: triggerName, type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	for (const n of kept) connections[n.name] = { ai_tool: workflow.connections[n.name].ai_tool };
	return { ...workflow, nodes, connections };
}
