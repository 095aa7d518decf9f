import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Order, PaymentAction, StoreConnection } from '../../api';
import {
	BigCommerceApiError,
	findRefundByKey,
	getOrder,
	listOrderRefunds,
	orderState,
} from '../../api';

/** Reads at 0, 1 and 2 s: capture, void and refund show at once in BigCommerce's records. */
const READ_BACK_PAUSES_MS = [1000, 2000];

type Seen<T> = { found: T } | { notYet: true } | { failed: string };

/** Asks `look` until it finds something or the pauses run out; the last look decides. */
async function readBack<T>(look: () => Promise<T | undefined>): Promise<Seen<T>> {
	let seen: Seen<T> = { failed: 'not read' };
	for (let n = 0; ; n++) {
		try {
			const found = await look();
			if (found !== undefined) return { found };
			seen = { notYet: true };
		} catch (error) {
			seen = {
				failed: error instanceof BigCommerceApiError ? error.details.message : 'read failed',
			};
		}
		if (n >= READ_BACK_PAUSES_MS.length) return seen;
		await sleep(READ_BACK_PAUSES_MS[n]);
	}
}

/** The request is known not to have taken effect: safe to send again. */
function notDone(
	lost: BigCommerceApiError,
	message: string,
	extra: IDataObject,
): BigCommerceApiError {
	return new BigCommerceApiError({
		outcome: 'failed',
		code: lost.details.code,
		reason: 'not_done',
		message: `${message} (the answer was lost: ${lost.details.message})`,
		remedy: 'Safe to retry: BigCommerce shows the request did not take effect.',
		retryable: true,
		httpStatus: lost.details.httpStatus,
		...(lost.details.networkCode ? { networkCode: lost.details.networkCode } : {}),
		extra: { reconciled: true, ...extra },
	});
}

/** Nothing could be read: the request may have taken effect, as the lost answer said. */
function stillUnknown(lost: BigCommerceApiError, why: string): BigCommerceApiError {
	return new BigCommerceApiError({
		...lost.details,
		message: `${lost.details.message}; the read-back failed too (${why})`,
		extra: { reconciled: false },
	});
}

const AFTER: Record<PaymentAction, string[]> = {
	capture: ['capture pending', 'captured'],
	void: ['void pending', 'void'],
};

/**
 * A capture or void whose answer was lost: BigCommerce sets `capture pending` / `void pending` as
 * it accepts one, so the order's payment status says whether it was taken.
 */
export async function paymentActionReadBack(
	this: IExecuteFunctions,
	connection: StoreConnection,
	orderId: number,
	action: PaymentAction,
	lost: BigCommerceApiError,
): Promise<IDataObject> {
	let last: Order | undefined;
	const seen = await readBack(async () => {
		last = await getOrder.call(this, connection, orderId);
		return AFTER[action].includes(String(last.payment_status ?? '')) ? last : undefined;
	});
	if ('found' in seen) return { orderId, action, ...orderState(seen.found), reconciled: true };
	if ('failed' in seen || !last) throw stillUnknown(lost, 'failed' in seen ? seen.failed : '');
	throw notDone(
		lost,
		`The ${action} of order ${orderId} was not made: its payment status is still "${String(last.payment_status ?? '')}"`,
		{ order: orderState(last) },
	);
}

/**
 * BigCommerce refused a capture or void (no authorization left to act on): when the order already
 * shows that action taken, the refusal is a repeat and the order's state is the answer, for an
 * agent or a re-run not to try again. Undefined when the refusal stands.
 */
export async function paymentActionRepeat(
	this: IExecuteFunctions,
	connection: StoreConnection,
	orderId: number,
	action: PaymentAction,
	refusal: BigCommerceApiError,
): Promise<IDataObject | undefined> {
	const status = refusal.details.httpStatus;
	if (status === null || status < 400 || status >= 500 || [401, 403, 404, 429].includes(status))
		return undefined;
	let order: Order;
	try {
		order = await getOrder.call(this, connection, orderId);
	} catch {
		return undefined;
	}
	const taken = [...AFTER[action], ...(action === 'capture' ? FINAL_AFTER_CAPTURE : [])];
	if (!taken.includes(String(order.payment_status ?? ''))) return undefined;
	return { orderId, action, ...orderState(order), repeat: true };
}

/** A captured payment can since have been refunded: the capture was still made. */
const FINAL_AFTER_CAPTURE = ['partially refunded', 'refunded'];

/** The refund ids an order has, before a refund is sent; undefined when they cannot be read. */
export async function refundIds(
	this: IExecuteFunctions,
	connection: StoreConnection,
	orderId: number,
): Promise<Set<unknown> | undefined> {
	try {
		return new Set((await listOrderRefunds.call(this, connection, orderId)).map((r) => r.id));
	} catch {
		return undefined;
	}
}

/** A refund whose answer was lost: a refund that was not there before is this one. */
export async function refundReadBack(
	this: IExecuteFunctions,
	connection: StoreConnection,
	orderId: number,
	before: Set<unknown> | undefined,
	lost: BigCommerceApiError,
): Promise<IDataObject> {
	if (!before) throw stillUnknown(lost, 'the refunds made before it could not be listed');
	const seen = await readBack(async () =>
		(await listOrderRefunds.call(this, connection, orderId)).find((r) => !before.has(r.id)),
	);
	if ('found' in seen) return { orderId, ...seen.found, reconciled: true };
	if ('failed' in seen) throw stillUnknown(lost, seen.failed);
	throw notDone(lost, `Order ${orderId} has no new refund: the refund was not made`, {});
}

/** A keyed refund whose answer was lost: the refund that carries the key is this one. */
export async function keyedRefundReadBack(
	this: IExecuteFunctions,
	connection: StoreConnection,
	orderId: number,
	key: string,
	lost: BigCommerceApiError,
): Promise<IDataObject> {
	const seen = await readBack(
		async () => await findRefundByKey.call(this, connection, orderId, key),
	);
	if ('found' in seen) return seen.found;
	if ('failed' in seen) throw stillUnknown(lost, seen.failed);
	throw notDone(lost, `Order ${orderId} has no refund with this key: the refund was not made`, {});
}
