import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FailureContext } from '../helpers/items';
import { describeFailure, failureJson, nodeError } from '../helpers/items';
import type { StoreConnection } from '../transport/connection';
import { getConnection } from '../transport/request';
import * as order from './order';
import * as payment from './payment';
import * as paymentAccessToken from './paymentAccessToken';
import * as paymentMethod from './paymentMethod';
import * as transaction from './transaction';

type Operation = (
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
) => Promise<IDataObject | IDataObject[]>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	paymentMethod: { getAll: paymentMethod.getMany.execute },
	paymentAccessToken: { create: paymentAccessToken.create.execute },
	order: {
		capture: order.capture.execute,
		create: order.create.execute,
		get: order.get.execute,
		refund: order.refund.execute,
		void: order.voidPayment.execute,
	},
	transaction: { getAll: transaction.getMany.execute },
};

const APPROVED = 0;
const DECLINED = 1;
const FAILED = 2;

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
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const isPayment = resource === 'payment' && operation === 'process';
	const split = isPayment && this.getNodeParameter('routing', 0, 'split') === 'split';
	const outputs: INodeExecutionData[][] = split ? [[], [], []] : [[]];
	let connection: StoreConnection | undefined;
	const paymentState: payment.processPayment.ProcessState = { spentTokens: new Set<string>() };

	for (let i = 0; i < items.length; i++) {
		const pairedItem = { item: i };
		paymentState.paymentMethodId = undefined;
		try {
			connection ??= await getConnection.call(this);
			if (isPayment) {
				// Declines and failures are thrown; what returns was approved.
				const json = await payment.processPayment.execute.call(this, i, connection, paymentState);
				outputs[APPROVED].push({ json, pairedItem });
				continue;
			}
			const run = OPERATIONS[resource]?.[operation];
			if (!run) throw new Error(`The operation "${operation}" is not known for "${resource}"`);
			const result = await run.call(this, i, connection);
			for (const json of Array.isArray(result) ? result : [result])
				outputs[0].push({ json, pairedItem });
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
