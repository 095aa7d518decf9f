import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOrder } from '../../api';
import type { OperationContext } from '../node.type';
import { properties } from './create.fields';
import { bodyFromFields, bodyFromJson } from './orderBody';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const body = (this.getNodeParameter('jsonParameters', i, false) as boolean)
		? bodyFromJson.call(this, i)
		: bodyFromFields.call(this, i);
	return await createOrder.call(this, connection, body);
}
