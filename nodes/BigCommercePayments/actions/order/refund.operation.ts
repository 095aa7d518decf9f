import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refundOrder } from '../../api';
import { InputError, orderId } from '../../helpers/validation';
import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';

const properties: INodeProperties[] = [
	orderIdField(),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			"How much to refund, in the store's currency (not cents). 0 refunds everything still refundable.",
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Shown to staff in the BigCommerce control panel (up to 1000 characters)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['refund'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const id = orderId(this.getNodeParameter('orderId', i));
	const requested = Number(this.getNodeParameter('amount', i, 0));
	if (!Number.isFinite(requested) || requested < 0)
		throw new InputError('Amount', 'must be zero (everything) or a positive amount');
	const reason = String(this.getNodeParameter('reason', i, '') ?? '');
	if (reason.length > 1000) throw new InputError('Reason', 'must be at most 1000 characters');
	const refund = await refundOrder.call(this, connection, id, {
		cents: Math.round(requested * 100),
		reason,
	});
	return { orderId: id, ...refund };
}
