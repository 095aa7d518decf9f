import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getConnection } from '../api';
import type { FailureContext } from '../helpers/failures';
import { describeFailure, failureJson, nodeError, redactedNode } from '../helpers/failures';
import type { Operation, OperationContext, OperationMap } from './node.type';
import * as order from './order';
import * as payment from './payment';
import * as paymentAccessToken from './paymentAccessToken';
import * as paymentMethod from './paymentMethod';
import * as transaction from './transaction';

const OPERATIONS: OperationMap = {
	order: {
		capture: order.capture.execute,
		create: order.create.execute,
		get: order.get.execute,
		refund: order.refund.execute,
		void: order.voidPayment.execute,
	},
	payment: { process: payment.processPayment.execute },
	paymentAccessToken: { create: paymentAccessToken.create.execute },
	paymentMethod: { getAll: paymentMethod.getAll.execute },
	transaction: { getAll: transaction.getAll.execute },
};

const APPROVED = 0;
const DECLINED = 1;
const FAILED = 2;

function operationFor(this: IExecuteFunctions): { run: Operation; isPayment: boolean } {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const byOperation = (OPERATIONS as Record<string, Record<string, Operation> | undefined>)[
		resource
	];
	const known = byOperation && Object.prototype.hasOwnProperty.call(byOperation, operation);
	const run = known ? byOperation[operation] : undefined;
	if (!run) {
		throw new NodeOperationError(
			redactedNode(this.getNode()),
			`The operation "${operation}" is not known for "${resource}"`,
		);
	}
	return { run, isPayment: resource === 'payment' && operation === 'process' };
}

/** The order and method an item is about, for its failure record, read without failing. */
function contextOf(this: IExecuteFunctions, i: number): FailureContext {
	const context: FailureContext = {};
	try {
		const id = Number(this.getNodeParameter('orderId', i, ''));
		if (Number.isInteger(id) && id > 0) context.orderId = id;
	} catch {
		// the parameter is not on this operation
	}
	try {
		const method = this.getNodeParameter('paymentMethodId', i, '') as string;
		if (method) context.paymentMethodId = method;
	} catch {
		// not shown for this instrument type
	}
	return context;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { run, isPayment } = operationFor.call(this);
	const split = isPayment && this.getNodeParameter('routing', 0, 'split') === 'split';
	const outputs: INodeExecutionData[][] = split ? [[], [], []] : [[]];
	const paymentState: OperationContext['paymentState'] = { spentTokens: new Set<string>() };
	let ctx: OperationContext | undefined;

	for (let i = 0; i < items.length; i++) {
		const pairedItem = { item: i };
		paymentState.paymentMethodId = undefined;
		try {
			ctx ??= { connection: await getConnection.call(this), paymentState };
			// A payment's declines and failures are thrown; what returns was approved.
			const result = await run.call(this, i, ctx);
			for (const json of Array.isArray(result) ? result : [result])
				outputs[APPROVED].push({ json, pairedItem });
		} catch (error) {
			const details = describeFailure(error, i);
			const context = contextOf.call(this, i);
			context.paymentMethodId ??= paymentState.paymentMethodId;
			const json = failureJson(details, context);
			if (split) {
				// The Approved output only ever carries approved payments, whatever the error settings.
				outputs[details.outcome === 'declined' ? DECLINED : FAILED].push({ json, pairedItem });
				continue;
			}
			if (this.continueOnFail()) {
				// n8n's own error-item shape ({error, details}): it is what routes an item to the error
				// output, and an item carrying an Error object would lose every field but the message.
				outputs[0].push({ json: { error: details.message, details: json }, pairedItem });
				continue;
			}
			throw nodeError(this.getNode(), details, i);
		}
	}
	return outputs;
}
