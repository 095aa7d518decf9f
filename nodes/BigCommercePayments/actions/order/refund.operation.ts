import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { BigCommerceApiError } from '../../helpers/errors';
import { InputError, orderId } from '../../helpers/validation';
import type { StoreConnection } from '../../transport/connection';
import { managementRequest } from '../../transport/request';
import { orderIdField } from '../common.descriptions';

const show = { resource: ['order'], operation: ['refund'] };

export const description: INodeProperties[] = [
	orderIdField(show),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			"How much to refund, in the store's currency (not cents). 0 refunds everything still refundable.",
		displayOptions: { show },
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Shown to staff in the BigCommerce control panel (up to 1000 characters)',
		displayOptions: { show },
	},
];

const toCents = (value: unknown) => Math.round(Number(value) * 100);

/**
 * A refund is BigCommerce's two steps: a quote says how the amount goes back (which payment
 * providers, how much each), then the refund is made with exactly those amounts. The refund POST
 * moves money, so it is never retried.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
): Promise<IDataObject> {
	const id = orderId(this.getNodeParameter('orderId', i));
	const requested = Number(this.getNodeParameter('amount', i, 0));
	if (!Number.isFinite(requested) || requested < 0)
		throw new InputError('Amount', 'must be zero (everything) or a positive amount');
	const reason = String(this.getNodeParameter('reason', i, '') ?? '');
	if (reason.length > 1000) throw new InputError('Reason', 'must be at most 1000 characters');

	let cents = toCents(requested);
	if (cents === 0) {
		const order = (
			await managementRequest.call(this, connection, { method: 'GET', path: `/v2/orders/${id}` })
		).body as IDataObject;
		cents = toCents(order.total_inc_tax) - toCents(order.refunded_amount);
		if (cents <= 0) {
			throw new BigCommerceApiError({
				outcome: 'failed',
				code: null,
				reason: 'nothing_to_refund',
				message: `Order ${id} has nothing left to refund`,
				remedy: 'Check the order: it was not paid, or it was already refunded.',
				retryable: false,
				httpStatus: null,
			});
		}
	}
	const items = [
		{ item_type: 'ORDER', item_id: id, amount: cents / 100, ...(reason ? { reason } : {}) },
	];
	const quote = (
		await managementRequest.call(this, connection, {
			method: 'POST',
			path: `/v3/orders/${id}/payment_actions/refund_quotes`,
			body: { items },
			idempotent: true,
		})
	).body as { data?: { refund_methods?: IDataObject[][] } };
	const method = quote.data?.refund_methods?.[0];
	if (!method?.length) {
		throw new BigCommerceApiError({
			outcome: 'failed',
			code: null,
			reason: 'no_refund_method',
			message: `BigCommerce offered no way to refund order ${id}`,
			remedy: 'Refund it in the BigCommerce control panel.',
			retryable: false,
			httpStatus: null,
		});
	}
	const payments = method.map((m) => ({
		provider_id: m.provider_id,
		amount: m.amount,
		offline: m.offline === true,
	}));
	const refund = (
		await managementRequest.call(this, connection, {
			method: 'POST',
			path: `/v3/orders/${id}/payment_actions/refunds`,
			body: { items, payments },
			idempotent: false,
		})
	).body as { data?: IDataObject };
	return { orderId: id, ...(refund.data ?? {}) };
}
