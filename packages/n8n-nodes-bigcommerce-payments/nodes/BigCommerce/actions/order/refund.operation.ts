import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refundOrder } from '../../api';
import { isLostAnswer, settle } from '../../helpers/failures';
import { InputError, textOf } from '../../helpers/validation';
import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { refundIds, refundReadBack } from './readBack';
import { orderIdOf } from '../parameters';

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
	const id = orderIdOf.call(this, i);
	const amount = this.getNodeParameter('amount', i, 0);
	if (typeof amount !== 'number' && typeof amount !== 'string')
		throw new InputError('Amount', 'must be a number');
	const requested = amount === '' ? NaN : Number(amount);
	if (!Number.isFinite(requested) || requested < 0)
		throw new InputError('Amount', 'must be zero (everything) or a positive amount');
	const reason = textOf(this.getNodeParameter('reason', i, ''), 'Reason');
	if (reason.length > 1000) throw new InputError('Reason', 'must be at most 1000 characters');
	// Listed first so that, if the refund's answer is lost, a new refund can be told from old ones.
	const before = await refundIds.call(this, connection, id);
	const made = await settle(
		refundOrder.call(this, connection, id, { cents: Math.round(requested * 100), reason }),
	);
	if ('value' in made) return { orderId: id, ...made.value };
	if (!isLostAnswer(made.error)) throw made.error;
	return await refundReadBack.call(this, connection, id, before, made.error);
}
