import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { orderId } from '../../helpers/validation';
import { orderIdField } from '../common.descriptions';
import type { StoreConnection } from '../../transport/connection';
import { managementRequest } from '../../transport/request';

export const description: INodeProperties[] = [
	orderIdField({ resource: ['order'], operation: ['get'] }),
];

export async function execute(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
): Promise<IDataObject> {
	const id = orderId(this.getNodeParameter('orderId', i));
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: `/v2/orders/${id}`,
	});
	return response.body as IDataObject;
}
