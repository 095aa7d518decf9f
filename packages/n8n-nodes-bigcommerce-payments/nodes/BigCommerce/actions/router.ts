import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ErrorDetails, StoreConnection } from '../api';
import {
	AUTOMATIC_MAX_ITEMS,
	credentialSecrets,
	getConnection,
	itemsInFlight,
	redact,
} from '../api';
import type { FailureContext } from '../helpers/failures';
import {
	describeFailure,
	failureJson,
	itemSecrets,
	nodeError,
	redactedNode,
	withoutSecrets,
} from '../helpers/failures';
import type { Operation, OperationMap, RunState } from './node.type';
import { holderOf } from './heldClaims';
import { runItems } from './itemPool';
import { locatorValue, orderIdOf } from './parameters';
import { AUTOMATIC, requestSettings } from './requestOptions';
import type { Facts } from './tool/answers';
import { toolAnswer, toolFailure } from './tool/answers';
import { isWriteOperation } from './tool/fields';
import { chargeFacts, isToolRun, ownerSettingsRefusal, requireKey } from './tool/guards';
import * as cart from './cart';
import * as checkout from './checkout';
import * as customer from './customer';
import * as order from './order';
import * as payment from './payment';
import * as paymentAccessToken from './paymentAccessToken';
import * as paymentMethod from './paymentMethod';
import * as transaction from './transaction';

const OPERATIONS: OperationMap = {
	cart: { create: cart.create.execute },
	checkout: {
		addConsignment: checkout.addConsignment.execute,
		createOrder: checkout.createOrder.execute,
		get: checkout.get.execute,
		selectShippingOption: checkout.selectShippingOption.execute,
		setBillingAddress: checkout.setBillingAddress.execute,
		toOrder: checkout.toOrder.execute,
	},
	customer: { getStoredInstruments: customer.getStoredInstruments.execute },
	order: {
		capture: order.capture.execute,
		create: order.create.execute,
		get: order.get.execute,
		getAll: order.getAll.execute,
		refund: order.refund.execute,
		void: order.voidPayment.execute,
	},
	payment: { process: payment.process.execute },
	paymentAccessToken: { create: paymentAccessToken.create.execute },
	paymentMethod: { getAll: paymentMethod.getAll.execute },
	transaction: { getAll: transaction.getAll.execute },
};

const APPROVED = 0;
const DECLINED = 1;
const FAILED = 2;

async function operationFor(this: IExecuteFunctions): Promise<{
	run: Operation;
	/** `resource.operation` */
	name: string;
	isPayment: boolean;
	isWrite: boolean;
}> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const byOperation = (OPERATIONS as Record<string, Record<string, Operation> | undefined>)[
		resource
	];
	const known = byOperation && Object.prototype.hasOwnProperty.call(byOperation, operation);
	const run = known ? byOperation[operation] : undefined;
	if (!run) {
		const secrets = await credentialSecrets.call(this);
		throw new NodeOperationError(
			redactedNode(this.getNode(), secrets),
			redact(`The operation "${operation}" is not known for "${resource}"`, secrets),
		);
	}
	return {
		run,
		name: `${resource}.${operation}`,
		isPayment: resource === 'payment' && operation === 'process',
		// a write's success changes something at BigCommerce: a stop must say which were done
		isWrite: isWriteOperation(`${resource}.${operation}`),
	};
}

/** The order and method an item is about, for its failure record, read without failing. */
function contextOf(this: IExecuteFunctions, i: number): FailureContext {
	const context: FailureContext = {};
	const id = orderKeyOf.call(this, i);
	if (id !== undefined) context.orderId = id;
	try {
		const method = locatorValue.call(this, 'paymentMethodId', i);
		if (typeof method === 'string' && method.trim()) context.paymentMethodId = method.trim();
	} catch {
		// not shown for this instrument type
	}
	return context;
}

/**
 * The order item `i` names, or undefined: the parameter is absent from some operations, and an
 * invalid one fails the item later, where it is reported.
 */
function orderKeyOf(this: IExecuteFunctions, i: number): number | undefined {
	try {
		return orderIdOf.call(this, i);
	} catch {
		return undefined;
	}
}

/**
 * What must not run at the same time as another item: its order (two attempts on one order could
 * both mint a token and race to pay) and a payment access token given as input (used once).
 */
function keysOf(this: IExecuteFunctions, i: number): string[] {
	const keys: string[] = [];
	const order = orderKeyOf.call(this, i);
	if (order !== undefined) keys.push(`order:${order}`);
	try {
		if (this.getNodeParameter('accessTokenSource', i, '') === 'input') {
			const token = this.getNodeParameter('paymentAccessToken', i, '');
			if (typeof token === 'string' && token.trim()) keys.push(`token:${token.trim()}`);
		}
	} catch {
		// not a payment
	}
	return keys;
}

/**
 * What the run tells every item, fixed before the first one starts: who holds its claims, which item
 * first has each payment access token given as input, and a warning said once however many meet it.
 */
function runStateOf(this: IExecuteFunctions, keys: string[][]): RunState {
	const firstWith = new Map<string, number>();
	for (let i = keys.length - 1; i >= 0; i--)
		for (const key of keys[i]) if (key.startsWith('token:')) firstWith.set(key, i);
	const warned = new Set<string>();
	return {
		holder: holderOf.call(this),
		firstItemWithToken: (token) => firstWith.get(`token:${token}`),
		warnOnce: (message, detail) => {
			if (warned.has(message)) return;
			warned.add(message);
			this.logger?.warn(`BigCommerce Payments: ${message} (${detail})`);
			if (typeof this.addExecutionHints === 'function')
				this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
		},
	};
}

type ItemResult =
	| { ok: IDataObject[]; facts: Facts }
	| {
			failure: ErrorDetails & { field?: string };
			context: FailureContext;
			/** what the item's failure must not repeat: its secret values, the credential's */
			secrets: string[];
	  };

/** An item a stop must report as done: what it changed, by order. */
function doneRecord(i: number, json: IDataObject): IDataObject {
	const record: IDataObject = { item: i, orderId: json.orderId ?? json.id ?? null };
	if (json.paymentId !== undefined) record.paymentId = json.paymentId;
	if (json.action !== undefined) record.action = json.action;
	if (json.orderId !== undefined && json.id !== undefined) record.refundId = json.id;
	return record;
}

function describeDone(r: IDataObject): string {
	const order = `order ${String(r.orderId)}`;
	if (r.paymentId) return `${order} (payment ${String(r.paymentId)})`;
	if (r.refundId) return `${order} (refund ${String(r.refundId)})`;
	if (r.action) return `${order} (${String(r.action)})`;
	return order;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { run, name, isPayment, isWrite } = await operationFor.call(this);
	// Called by an AI agent or an MCP client: the owner's settings are checked, every answer is a
	// compact one on the first output (a tool returns only that), and no failure stops the node.
	const tool = isToolRun.call(this);
	const refused = ownerSettingsRefusal.call(this, tool, name);
	let settings;
	try {
		settings = requestSettings.call(this);
	} catch (error) {
		throw nodeError(
			this.getNode(),
			describeFailure(error, 0),
			0,
			await credentialSecrets.call(this),
		);
	}
	const split = !tool && isPayment && this.getNodeParameter('routing', 0, 'split') === 'split';
	// Without Continue On Fail, Single Output turns a failure into the node's error, which stops it.
	const stops = !tool && !split && !this.continueOnFail();
	// n8n's Retry On Fail re-runs the node and throws away the first attempt's error, with the
	// payments it named. One item at a time, a retry meets every order charged before the failure
	// (and answers alreadyPaid for it) before it can stop again, so none goes unreported.
	const bound =
		stops && this.getNode().retryOnFail
			? 1
			: settings.parallel === AUTOMATIC
				? AUTOMATIC_MAX_ITEMS
				: settings.parallel;
	// Known once the first item has connected; until then the pacer's first guess.
	let store: StoreConnection | undefined;
	// Read once: the pool keeps items with one key apart, and the run learns its tokens from them.
	const keys = items.map((_, i) => keysOf.call(this, i));
	const runState = runStateOf.call(this, keys);
	let connecting: Promise<StoreConnection> | undefined;
	const connect = async () => {
		connecting ??= getConnection.call(this).then(
			(c) => (store = { ...c, rateLimitWaitMs: settings.rateLimitWaitMs }),
			(error: unknown) => {
				connecting = undefined; // each item meets a credential problem for itself, as before
				throw error;
			},
		);
		return await connecting;
	};

	const results: Array<ItemResult | undefined> = new Array(items.length);
	// Never more than `bound`, so 1 stays one at a time.
	const parallel = () => itemsInFlight(store, bound, isPayment);
	const { stoppedAt } = await runItems(items.length, parallel, {
		keysOf: (i) => keys[i],
		run: async (i) => {
			try {
				if (refused) throw refused;
				if (tool) requireKey.call(this, i, name);
				const connection = await connect();
				const facts = isPayment ? await chargeFacts.call(this, i, connection, tool) : {};
				// A payment's declines and failures are thrown; what returns was approved.
				const result = await run.call(this, i, { connection, run: runState });
				results[i] = { ok: Array.isArray(result) ? result : [result], facts };
				return true;
			} catch (error) {
				const context = contextOf.call(this, i);
				const failure = describeFailure(error, i);
				context.paymentMethodId ??= failure.paymentMethodId;
				results[i] = { failure, context, secrets: [] };
				return !stops;
			}
		},
	});
	await withoutItemSecrets.call(this, results);

	if (stoppedAt !== undefined) {
		const failed = results[stoppedAt] as Extract<ItemResult, { failure: unknown }>;
		const done: IDataObject[] = [];
		if (isWrite) {
			results.forEach((r, i) => {
				if (r && 'ok' in r) for (const json of r.ok) done.push(doneRecord(i, json));
			});
		}
		throw stopError.call(this, failed, stoppedAt, done, isPayment);
	}

	if (tool) return [toolOutput(results, name)];
	const outputs: INodeExecutionData[][] = split ? [[], [], []] : [[]];
	results.forEach((r, i) => {
		const pairedItem = { item: i };
		if (!r) return;
		if ('ok' in r) {
			for (const json of r.ok) outputs[APPROVED].push({ json, pairedItem });
			return;
		}
		const json = failureJson(r.failure, r.context);
		if (split) {
			// The Approved output only ever carries approved payments, whatever the error settings.
			outputs[r.failure.outcome === 'declined' ? DECLINED : FAILED].push({ json, pairedItem });
			return;
		}
		// n8n's own error-item shape ({error, details}): it is what routes an item to the error
		// output, and an item carrying an Error object would lose every field but the message.
		outputs[0].push({ json: { error: r.failure.message, details: json }, pairedItem });
	});
	return outputs;
}

/** Every result as a tool's compact answer, on the one output a tool returns; a read with no match says so. */
function toolOutput(results: Array<ItemResult | undefined>, name: string): INodeExecutionData[] {
	return results.flatMap((r, i) => {
		if (!r) return [];
		const pairedItem = { item: i };
		if ('failure' in r) return [{ json: toolFailure(r.failure, r.context), pairedItem }];
		if (r.ok.length === 0)
			return [
				{ json: { outcome: 'none', message: 'BigCommerce has nothing that matches.' }, pairedItem },
			];
		return r.ok.map((json) => ({ json: toolAnswer(name, json, r.facts), pairedItem }));
	});
}

/**
 * Failures scrubbed of what they must not repeat: the credential's secrets, read once and only when
 * something failed, and each failed item's own secret values. Done after the items ran, so a failure
 * stops the node as soon as it did before.
 */
async function withoutItemSecrets(
	this: IExecuteFunctions,
	results: Array<ItemResult | undefined>,
): Promise<void> {
	if (!results.some((r) => r && 'failure' in r)) return;
	const credential = await credentialSecrets.call(this);
	results.forEach((r, i) => {
		if (!r || !('failure' in r)) return;
		r.secrets = [...credential, ...itemSecrets.call(this, i)];
		r.failure = withoutSecrets(r.failure, r.secrets);
		if (r.context.paymentMethodId)
			r.context.paymentMethodId = redact(r.context.paymentMethodId, r.secrets);
	});
}

/**
 * The error that stops the node. Its outputs are thrown away with it, so it names what this run
 * already did (payments approved, orders created, refunds made), for nobody to do them again.
 */
function stopError(
	this: IExecuteFunctions,
	{ failure, secrets }: Extract<ItemResult, { failure: unknown }>,
	i: number,
	done: IDataObject[],
	isPayment: boolean,
) {
	const error = nodeError(this.getNode(), failure, i, secrets);
	// A verdict that holds as of a read (not_charged, payment_in_progress) says when it was read.
	const checkedAt = failure.extra?.checkedAt;
	if (typeof checkedAt === 'string') error.context.checkedAt = checkedAt;
	if (done.length > 0) {
		const what = isPayment ? 'payments were approved' : 'items were done';
		error.description =
			`${error.description ?? ''} Before this stop, ${done.length} ${what} in this run and must not be repeated: ${done.map(describeDone).join(', ')}.`.trim();
		error.context.doneInThisRun = done;
	}
	return error;
}
