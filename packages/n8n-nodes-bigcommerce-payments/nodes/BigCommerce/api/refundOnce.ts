/**
 * One refund per idempotency key, with BigCommerce's own records as the only memory every
 * execution, worker and retry shares. BigCommerce has no client identifier on refunds; the one
 * text that is written with a refund and read back with it is each item's `reason` (up to 1000
 * characters, orders.v3 RefundItem), so the key travels there, at its end, as a marker.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import type { StoreConnection } from './store';
import { localFailure } from './errors';
import { listOrderRefunds } from './orders';

/** BigCommerce's limit on a refund item's reason. */
export const REFUND_REASON_MAX = 1000;
/** A key long enough for any business id, short enough to leave the reason room. */
export const REFUND_KEY_MAX = 100;

export function refundMarker(key: string): string {
	return `[refund key: ${key}]`;
}

/** The reason sent with a keyed refund: the user's reason, then the marker. */
export function markedReason(reason: string, key: string): string {
	if (!key || key.length > REFUND_KEY_MAX || /[\r\n\]]/.test(key)) {
		throw localFailure(
			'invalid_idempotency_key',
			`The refund's idempotency key must be 1 to ${REFUND_KEY_MAX} characters on one line, without "]"`,
			'Use a business id such as a ticket or return number; nothing was sent.',
		);
	}
	const marked = reason ? `${reason} ${refundMarker(key)}` : refundMarker(key);
	if (marked.length > REFUND_REASON_MAX) {
		throw localFailure(
			'invalid_input',
			`The reason and the idempotency key together must be at most ${REFUND_REASON_MAX} characters (they have ${marked.length})`,
			'Shorten the reason; nothing was sent.',
		);
	}
	return marked;
}

/** The reason as the user wrote it, without the marker. */
export function unmarkedReason(reason: unknown, key: string): string {
	const text = typeof reason === 'string' ? reason : '';
	const marker = refundMarker(key);
	return text.endsWith(marker) ? text.slice(0, -marker.length).trimEnd() : text;
}

const carriesKey = (refund: IDataObject, key: string) =>
	((refund.items as IDataObject[] | undefined) ?? []).some(
		(item) => typeof item.reason === 'string' && item.reason.endsWith(refundMarker(key)),
	);

/** The order's refund made with this key, if there is one (the oldest, should there be two). */
export async function findRefundByKey(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	key: string,
): Promise<IDataObject | undefined> {
	return (await listOrderRefunds.call(this, connection, orderId)).find((r) => carriesKey(r, key));
}
