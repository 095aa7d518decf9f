import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getOrder, isLostWrite, refundOrder } from '../../api';
import { settle } from '../../helpers/failures';
import { InputError, textOf } from '../../helpers/validation';
import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { checkRefundLimits, refundNeedsOrder } from '../tool/guards';
import { refundIds, refundReadBack } from './readBack';
import { keyedRefund } from './refundOnce';
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
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: '={{ $json.return_id }}',
		description:
			"The refund's own business ID, such as the return or support ticket. A repeated call with the same key returns the refund already made instead of refunding again, also when two calls arrive at the same moment. Required when the node runs as a tool.",
		hint: 'Recommended whenever a retry, a re-run or an AI agent can ask for the same refund twice',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['refund'] } },
	properties,
);

const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);

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
	const key = textOf(this.getNodeParameter('idempotencyKey', i, ''), 'Idempotency Key');
	let plan = { orderId: id, cents: Math.round(requested * 100), reason };
	// An amount over the limit is refused before any request.
	if (plan.cents > 0) checkRefundLimits.call(this, i, plan);
	const needsOrder = refundNeedsOrder.call(this, i, plan.cents);
	/** "Everything" and the refunded share need the order: read once, after any repeat is found. */
	const withLimits = async () => {
		if (!needsOrder) return plan;
		const order = await getOrder.call(this, connection, id);
		const rest = cents(order.total_inc_tax) - cents(order.refunded_amount);
		plan = { ...plan, cents: plan.cents || Math.max(rest, 0) };
		checkRefundLimits.call(this, i, {
			...plan,
			total: order.total_inc_tax,
			refunded: order.refunded_amount,
		});
		return plan;
	};
	if (key) return await keyedRefund.call(this, connection, { ...plan, key }, withLimits);

	await withLimits();
	// Listed first so that, if the refund's answer is lost, a new refund can be told from old ones.
	const before = await refundIds.call(this, connection, id);
	const made = await settle(refundOrder.call(this, connection, id, plan));
	if ('value' in made) return { orderId: id, ...made.value };
	if (!isLostWrite(made.error)) throw made.error;
	return await refundReadBack.call(this, connection, id, before, made.error);
}
