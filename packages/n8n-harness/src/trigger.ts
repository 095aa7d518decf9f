/**
 * Runs a webhook trigger the way n8n's server does, without the server: its `webhookMethods`
 * (checkExists / create / delete) in n8n-core's HookContext, a delivery through its `webhook()` in
 * n8n-core's WebhookContext, then the rest of the workflow in WorkflowExecute with what the trigger
 * emitted. Static data is saved after each call and reloaded for the next, as n8n does with its
 * database, so a trigger can only rely on what it wrote there. Used by the tests and the demo.
 */
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';

import type { EngineOptions, RunResult, WorkflowJson } from './engine';
import { HarnessCredentialsHelper, HarnessNodeTypes, baseAdditionalData } from './engine';

export interface TriggerOptions extends EngineOptions {
	/** n8n's webhook base, e.g. `http://127.0.0.1:5678/webhook` */
	webhookBaseUrl: string;
	/** the trigger node's name in the workflow */
	trigger: string;
}

export interface IncomingDelivery {
	headers: Record<string, string>;
	/** the body as sent */
	body: string;
}

export interface Answer {
	status: number;
	body: unknown;
	/** the workflow run the delivery started, if it started one */
	run?: RunResult;
}

type HookMethod = 'checkExists' | 'create' | 'delete';

/** The part of express's Response a trigger uses. */
class CapturedResponse {
	statusCode = 200;
	body: unknown = undefined;
	sent = false;
	readonly headers: Record<string, string> = {};

	constructor(private readonly onSend: (status: number, body: unknown) => void) {}

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	send(body?: unknown) {
		this.body = body;
		if (!this.sent) this.onSend(this.statusCode, body);
		this.sent = true;
		return this;
	}

	json(body: unknown) {
		return this.send(body);
	}

	end(body?: unknown) {
		return this.send(body);
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string, value: string) {
		return this.setHeader(name, value);
	}
}

export class TriggerHarness {
	/** the workflow's static data as n8n would have saved it */
	staticData: IDataObject = {};
	private readonly nodeTypes: HarnessNodeTypes;
	private readonly credentialsHelper: HarnessCredentialsHelper;

	constructor(
		private readonly workflowJson: WorkflowJson,
		private readonly options: TriggerOptions,
	) {
		this.nodeTypes = new HarnessNodeTypes(options.nodeTypes);
		this.credentialsHelper = new HarnessCredentialsHelper(
			options.credentialTypes,
			options.credentials,
		);
	}

	private load(): Workflow {
		return new Workflow({
			id: this.workflowJson.id ?? 'harness',
			name: this.workflowJson.name,
			nodes: this.workflowJson.nodes,
			connections: this.workflowJson.connections,
			nodeTypes: this.nodeTypes,
			settings: this.workflowJson.settings,
			staticData: JSON.parse(JSON.stringify(this.staticData)) as IDataObject,
			active: true,
		});
	}

	private save(workflow: Workflow): void {
		const copy = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		delete copy.__dataChanged;
		this.staticData = copy;
	}

	private additionalData(workflow: Workflow, mode: WorkflowExecuteMode) {
		const hooks = new ExecutionLifecycleHooks(mode, 'harness-execution', {
			id: workflow.id,
			name: workflow.name,
			nodes: this.workflowJson.nodes,
			connections: this.workflowJson.connections,
			active: true,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as never);
		const data = baseAdditionalData(this.credentialsHelper, hooks);
		data.webhookBaseUrl = this.options.webhookBaseUrl;
		data.webhookTestBaseUrl = `${this.options.webhookBaseUrl}-test`;
		return { data, hooks };
	}

	private triggerNode(workflow: Workflow): INode {
		const node = workflow.getNode(this.options.trigger);
		if (!node) throw new Error(`no node ${this.options.trigger}`);
		return node;
	}

	private webhookData(
		workflow: Workflow,
		node: INode,
		data: IWebhookData['workflowExecuteAdditionalData'],
	) {
		const type = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = type.description.webhooks?.[0] as IWebhookDescription;
		return {
			httpMethod: description.httpMethod,
			node: node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: data,
			webhookId: node.webhookId,
		} as IWebhookData;
	}

	/** The URL n8n registers for the trigger (production). */
	webhookUrl(): string {
		const node = this.workflowJson.nodes.find((n) => n.name === this.options.trigger);
		return `${this.options.webhookBaseUrl}/${node?.webhookId}/webhook`;
	}

	/** One of the trigger's webhookMethods, as n8n calls it on activation, start or deactivation. */
	async hook(
		method: HookMethod,
		activation: WorkflowActivateMode = 'activate',
	): Promise<boolean | undefined> {
		const workflow = this.load();
		const node = this.triggerNode(workflow);
		const { data } = this.additionalData(workflow, 'trigger');
		const context = new HookContext(
			workflow,
			node,
			data,
			'trigger',
			activation,
			this.webhookData(workflow, node, data),
		);
		const type = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = type.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`the trigger has no webhookMethods.default.${method}`);
		try {
			return await fn.call(context);
		} finally {
			this.save(workflow);
		}
	}

	/** n8n's activation: checkExists, then create when it said false. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		if (!(await this.hook('checkExists', activation))) await this.hook('create', activation);
	}

	/**
	 * A delivery, handled as n8n's webhook server does for `responseMode: 'onReceived'`: the trigger
	 * answers itself or returns nothing (200, no run), otherwise 200 at once and the workflow runs.
	 * `onAnswer` gets the HTTP answer before the workflow runs, as the caller would.
	 */
	async deliver(
		delivery: IncomingDelivery,
		onAnswer: (answer: Answer) => void = () => undefined,
	): Promise<Answer> {
		const workflow = this.load();
		const node = this.triggerNode(workflow);
		const { data, hooks } = this.additionalData(workflow, 'webhook');
		const headers = Object.fromEntries(
			Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v]),
		);
		let parsed: unknown = {};
		try {
			parsed = delivery.body ? JSON.parse(delivery.body) : {};
		} catch {
			parsed = {};
		}
		const response = new CapturedResponse((status, body) => onAnswer({ status, body }));
		data.httpRequest = {
			method: 'POST',
			headers,
			body: parsed,
			rawBody: Buffer.from(delivery.body, 'utf8'),
			params: {},
			query: {},
		} as never;
		data.httpResponse = response as never;
		const context = new WebhookContext(
			workflow,
			node,
			data,
			'webhook',
			this.webhookData(workflow, node, data),
			[],
			null,
		);
		const type = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!type.webhook) throw new Error('the trigger has no webhook()');
		let result: IWebhookResponseData;
		try {
			result = await type.webhook.call(context);
		} finally {
			this.save(workflow);
		}
		const answer: Answer = result.noWebhookResponse
			? { status: response.statusCode, body: response.body }
			: result.workflowData === undefined
				? { status: 200, body: { message: 'Webhook call received' } }
				: { status: 200, body: { message: 'Workflow was started' } };
		if (!response.sent) onAnswer({ ...answer });
		if (result.workflowData === undefined) return answer;
		answer.run = await this.run(workflow, node, result.workflowData, data, hooks);
		return answer;
	}

	private async run(
		workflow: Workflow,
		start: INode,
		main: INodeExecutionData[][],
		data: ReturnType<TriggerHarness['additionalData']>['data'],
		hooks: ExecutionLifecycleHooks,
	): Promise<RunResult> {
		let resolveRun: (run: IRun) => void = () => undefined;
		const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
		const runData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node: start, data: { main }, source: null }],
			},
		} as unknown as IRunExecutionData;
		const execute = new WorkflowExecute(data, 'webhook', runData);
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
}
