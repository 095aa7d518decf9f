/**
 * Runs workflows through n8n's real engine (`n8n-core`'s WorkflowExecute), the way n8n does,
 * with a credentials helper that resolves and authenticates credentials like n8n's own.
 * Used by the tests and by the demo; it never ships.
 */
import type {
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeListSearchResult,
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	IConnections,
	IVersionedNodeType,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, NodeConnectionTypes } from 'n8n-workflow';
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	WorkflowExecute,
	Credentials,
} from 'n8n-core';

import { TOOL_CALLER_NODE_TYPE, ToolCallerNode } from './tools';

export const PACKAGE_NAME = 'n8n-nodes-bigcommerce-payments';
export const ITEMS_NODE_TYPE = 'harness.items';

/** A start node that emits the items in its `items` parameter (a JSON array), like a pinned trigger. */
class ItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: ITEMS_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0);
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [
			items.map((json, i) => ({
				json,
				pairedItem: { item: Math.min(i, this.getInputData().length - 1) },
			})),
		];
	}
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodes: Record<string, INodeType | IVersionedNodeType>) {
		this.types.set(ITEMS_NODE_TYPE, new ItemsNode());
		this.types.set(TOOL_CALLER_NODE_TYPE, new ToolCallerNode());
		for (const [name, type] of Object.entries(nodes)) this.types.set(name, type);
	}

	getByName(name: string): INodeType | IVersionedNodeType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Resolves stored credential data and applies a credential type's `authenticate`, as n8n's CLI does. */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes[typeName];
		if (typeof type?.authenticate === 'function')
			return await type.authenticate(credentials, requestOptions);
		if (type?.authenticate) throw new Error('generic authenticate is not used by this package');
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		return new Credentials({ id: null, name: '' }, '', '');
	}

	/** Stored values over the type's defaults, like n8n's applyDefaultsAndOverwrites. */
	async getDecrypted(
		_a: IWorkflowExecuteAdditionalData,
		_n: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const defaults: ICredentialDataDecryptedObject = {};
		for (const p of this.credentialTypes[type]?.properties ?? []) {
			if (p.type !== 'notice')
				defaults[p.name] = p.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...(this.data[type] ?? {}) };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes[type]?.properties ?? [];
	}
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

export interface EngineOptions {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

export interface RunResult {
	run: IRun;
	/** the items a node sent out of one output (0-based), in its first run */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	outputs(nodeName: string): INodeExecutionData[][];
	/** the error that stopped the workflow, if one did */
	error(): Error | undefined;
}

export function baseAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const unsupported = async () => {
		throw new Error('not supported by the harness');
	};
	return {
		credentialsHelper,
		hooks,
		executeWorkflow: unsupported,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => undefined,
		startRunnerTask: unsupported,
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executions = 0;

export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: EngineOptions,
): Promise<RunResult> {
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes);
	const credentialsHelper = new HarnessCredentialsHelper(
		options.credentialTypes,
		options.credentials,
	);
	const workflow = new Workflow({
		id: workflowJson.id ?? 'harness',
		name: workflowJson.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		nodeTypes,
		settings: workflowJson.settings,
		active: false,
	});
	// Each run is an execution of its own, with its own id, as in n8n (nodes may tell them apart).
	const executionId = `harness-${process.pid}-${++executions}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const additionalData = baseAdditionalData(credentialsHelper, hooks);
	additionalData.executionId = executionId;
	// Like `n8n execute`: a Manual Trigger starts the run when there is one.
	const start =
		workflowJson.nodes.find((n) => n.type === ITEMS_NODE_TYPE) ??
		workflowJson.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ??
		workflow.getStartNode();
	if (!start) throw new Error('the workflow has no start node');
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const outputs = (name: string) =>
		(run.data.resultData.runData[name]?.[0]?.data?.main ?? []).map(
			(o: INodeExecutionData[] | null) => o ?? [],
		);
	return {
		run,
		outputs,
		output: (name, index = 0) => outputs(name)[index] ?? [],
		error: () => run.data.resultData.error as Error | undefined,
	};
}

/** What the editor calls a node's methods with: LoadOptionsContext over the node's parameters. */
function editorContext(
	node: INode,
	method: string,
	options: Omit<EngineOptions, 'credentials'> & {
		credentials: Record<string, ICredentialDataDecryptedObject>;
	},
	purpose: string,
) {
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', purpose, {} as never);
	const additionalData = baseAdditionalData(
		new HarnessCredentialsHelper(options.credentialTypes, options.credentials),
		hooks,
	);
	additionalData.currentNodeParameters = workflow.getNode(node.name)?.parameters;
	const context = new LoadOptionsContext(
		workflow,
		workflow.getNode(node.name) as INode,
		additionalData,
		`parameters.${method}`,
	);
	return { context, type: nodeTypes.getByNameAndVersion(node.type, node.typeVersion) };
}

/**
 * Calls a node's loadOptions method the way the editor does when a dropdown opens: n8n-core's
 * LoadOptionsContext, the node's current parameters, and the credential.
 */
export async function loadOptions(
	node: INode,
	method: string,
	options: Omit<EngineOptions, 'credentials'> & {
		credentials: Record<string, ICredentialDataDecryptedObject>;
	},
): Promise<INodePropertyOptions[]> {
	const { context, type } = editorContext(node, method, options, 'load-options');
	const fn = type.methods?.loadOptions?.[method] as
		| ((this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>)
		| undefined;
	if (!fn) throw new Error(`no loadOptions method ${method}`);
	return await fn.call(context);
}

/**
 * n8n's own nodes (Manual Trigger, Set, If, Respond to Webhook, …) from the n8n-nodes-base package,
 * loaded by type name the way n8n resolves them: the file listed in the package's `n8n.nodes` whose
 * name matches the type.
 */
export function n8nBaseNodeTypes(
	typeNames: string[],
): Record<string, INodeType | IVersionedNodeType> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const manifest = require('n8n-nodes-base/package.json') as { n8n: { nodes: string[] } };
	const out: Record<string, INodeType | IVersionedNodeType> = {};
	for (const type of typeNames.filter((t) => t.startsWith('n8n-nodes-base.'))) {
		const wanted = `${type.slice('n8n-nodes-base.'.length)}.node.js`.toLowerCase();
		const file = manifest.n8n.nodes.find((f) => f.toLowerCase().endsWith(`/${wanted}`));
		if (!file) throw new Error(`n8n-nodes-base has no node ${type}`);
		const className = file
			.split('/')
			.pop()!
			.replace(/\.node\.js$/, '');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(`n8n-nodes-base/${file}`) as Record<
			string,
			new () => INodeType | IVersionedNodeType
		>;
		out[type] = new module[className]();
	}
	return out;
}

/**
 * Calls a node's listSearch method the way a Resource Locator's "From list" does: n8n-core's
 * LoadOptionsContext over the node's current parameters, with the typed filter and the token of
 * the page before.
 */
export async function listSearch(
	node: INode,
	method: string,
	options: Omit<EngineOptions, 'credentials'> & {
		credentials: Record<string, ICredentialDataDecryptedObject>;
	},
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { context, type } = editorContext(node, method, options, 'list-search');
	const fn = type.methods?.listSearch?.[method] as
		| ((
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
		  ) => Promise<INodeListSearchResult>)
		| undefined;
	if (!fn) throw new Error(`no listSearch method ${method}`);
	return await fn.call(context, filter, paginationToken);
}
