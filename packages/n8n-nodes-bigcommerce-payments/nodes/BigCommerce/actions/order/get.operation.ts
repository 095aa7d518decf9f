import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getOrder } from '../../api';
import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { orderIdOf } from '../parameters';

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
	return await getOrder.call(this, connection, orderIdOf.call(this, i));
}
