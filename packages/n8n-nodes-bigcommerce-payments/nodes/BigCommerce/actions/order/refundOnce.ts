import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StoreConnection } from '../../api';
import { findRefundByKey, markedReason, refundOrder, unmarkedReason } from '../../api';
import { isLostAnswer, settle } from '../../helpers/failures';
import { keyedRefundReadBack } from './readBack';

export interface KeyedRefund {
	orderId: number;
	cents: number;
	reason: string;
	key: string;
}

const money = (v: unknown) => Number(v ?? 0).toFixed(2);

/** The refund made earlier with this key, as this call's answer: nothing is refunded again. */
function repeatOf(refund: IDataObject, request: KeyedRefund): IDataObject {
	const first = Math.round(Number(refund.total_amount ?? 0) * 100);
	const differs = request.cents > 0 && request.cents !== first;
	return {
		orderId: request.orderId,
		...refund,
		idempotencyKey: request.key,
		refundReason: unmarkedReason(((refund.items as IDataObject[])?.[0] ?? {}).reason, request.key),
		repeat: true,
		...(differs
			? {
					repeatNote: `The first call with this key refunded ${money(refund.total_amount)}; this one asked for ${money(request.cents / 100)} and refunded nothing.`,
				}
			: {}),
	};
}

/**
 * Order → Refund with an idempotency key: a refund that already carries the key is the answer;
 * otherwise the limits are checked (`withLimits`, which may read the order) and the refund is made
 * once, with the key in its reason, so that a lost answer is found by reading, never by sending again.
 */
export async function keyedRefund(
	this: IExecuteFunctions,
	connection: StoreConnection,
	request: KeyedRefund,
	withLimits: () => Promise<{ cents: number }>,
): Promise<IDataObject> {
	const { orderId, key } = request;
	const reason = markedReason(request.reason, key);
	const existing = await findRefundByKey.call(this, connection, orderId, key);
	if (existing) return repeatOf(existing, request);
	const { cents } = await withLimits();
	const made = await settle(refundOrder.call(this, connection, orderId, { cents, reason }));
	let refund: IDataObject;
	if ('value' in made) refund = made.value;
	else if (isLostAnswer(made.error))
		refund = {
			...(await keyedRefundReadBack.call(this, connection, orderId, key, made.error)),
			reconciled: true,
		};
	else throw made.error;
	return {
		orderId,
		...refund,
		idempotencyKey: key,
		refundReason: request.reason,
		repeat: false,
	};
}
