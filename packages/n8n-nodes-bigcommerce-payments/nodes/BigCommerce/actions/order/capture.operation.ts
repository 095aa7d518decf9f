import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { takePaymentAction } from './paymentAction';

const properties: INodeProperties[] = [
	orderIdField('An order paid through an authorize-only gateway'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['capture'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	ctx: OperationContext,
): Promise<IDataObject> {
	return await takePaymentAction.call(this, i, ctx, 'capture');
}
