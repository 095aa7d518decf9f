import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { orderId } from '../../helpers/validation';
import type { StoreConnection } from '../../transport/connection';
import { orderIdField } from '../common.descriptions';
import { paymentAction } from './capture.operation';

export const description: INodeProperties[] = [
	orderIdField(
		{ resource: ['order'], operation: ['void'] },
		'An order with an authorization that was not captured',
	),
];

export async function execute(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
): Promise<IDataObject> {
	return await paymentAction.call(
		this,
		connection,
		orderId(this.getNodeParameter('orderId', i)),
		'void',
	);
}
