import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { orderId } from '../../helpers/validation';
import type { StoreConnection } from '../../transport/connection';
import { managementRequest } from '../../transport/request';
import { orderIdField } from '../common.descriptions';

export const description: INodeProperties[] = [
	orderIdField(
		{ resource: ['order'], operation: ['capture'] },
		'An order paid through an authorize-only gateway',
	),
];

/**
 * Capture and void are asynchronous at BigCommerce: the order's payment_status goes to
 * `capture pending` / `void pending` until the gateway answers. Not retried: a lost answer may
 * mean the action was taken.
 */
export async function paymentAction(
	this: IExecuteFunctions,
	connection: StoreConnection,
	id: number,
	action: 'capture' | 'void',
): Promise<IDataObject> {
	await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/orders/${id}/payment_actions/${action}`,
		body: {},
		idempotent: false,
	});
	const order = await managementRequest.call(this, connection, {
		method: 'GET',
		path: `/v2/orders/${id}`,
	});
	const body = order.body as IDataObject;
	return {
		orderId: id,
		action,
		paymentStatus: body.payment_status ?? null,
		statusId: body.status_id ?? null,
		status: body.status ?? null,
	};
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
): Promise<IDataObject> {
	return await paymentAction.call(
		this,
		connection,
		orderId(this.getNodeParameter('orderId', i)),
		'capture',
	);
}
