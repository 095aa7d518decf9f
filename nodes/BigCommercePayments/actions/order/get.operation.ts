import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getOrder } from '../../api';
import { orderId } from '../../helpers/validation';
import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';

const properties: INodeProperties[] = [orderIdField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	return await getOrder.call(this, connection, orderId(this.getNodeParameter('orderId', i)));
}
