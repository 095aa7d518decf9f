import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RefundClaim, StoreConnection } from '../../api';
import {
	BigCommerceApiError,
	claimRefundKey,
	findRefundByKey,
	isLostWrite,
	localFailure,
	markedReason,
	readRefundClaim,
	refundOrder,
	releaseRefundClaim,
	settleRefundClaim,
	unmarkedReason,
} from '../../api';
import { settle } from '../../helpers/failures';
import { refusal } from '../tool/guards';
import { keyedRefundReadBack } from './readBack';

export interface KeyedRefund {
	orderId: number;
	cents: number;
	reason: string;
	key: string;
}

/** How long a call waits for another call's refund with the same key: 0.25 + 0.5 + 1 + 2 + 4 s. */
const WAIT_FOR_OTHER_MS = [250, 500, 1000, 2000, 4000];
/**
 * A claim without a refund this old was left by a call that died between claim and refund: longer
 * than any refund can take (two requests, each waiting out rate limits for up to 300 s).
 */
const STALE_CLAIM_MS = 15 * 60_000;

const isStale = (claim: RefundClaim) =>
	claim.state === 'claimed' && !(Date.now() - Date.parse(claim.claimedAt) < STALE_CLAIM_MS);

/** Another call holds the key and has not refunded yet: asking again later is safe. */
const inProgress = ({ key, orderId }: KeyedRefund) =>
	localFailure(
		'refund_in_progress',
		`Another call with refund key "${key}" is refunding order ${orderId} right now; this call refunded nothing`,
		'Call again with the same idempotency key in a few seconds: it answers with that refund.',
		true,
	);

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
 * otherwise the limits are checked (`withLimits`, which may read the order), the key is claimed on
 * the order, and the refund is made once, with the key in its reason, so that a lost answer is
 * found by reading, never by sending again.
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
	const claim = await claimOrWait.call(this, connection, request, cents);
	if ('refund' in claim) return repeatOf(claim.refund, request);
	const mine = claim.mine;

	const made = await settle(refundOrder.call(this, connection, orderId, { cents, reason }));
	let refund: IDataObject;
	if ('value' in made) refund = made.value;
	else if (!isLostWrite(made.error)) {
		// BigCommerce refused it: nothing was refunded, and the key is free for another try.
		await releaseRefundClaim.call(this, connection, orderId, mine);
		throw made.error;
	} else {
		const read = await settle(keyedRefundReadBack.call(this, connection, orderId, key, made.error));
		if ('error' in read) {
			const notDone =
				read.error instanceof BigCommerceApiError && read.error.details.reason === 'not_done';
			// Unknown: the claim stays, so no other call refunds while the outcome is open.
			if (notDone) await releaseRefundClaim.call(this, connection, orderId, mine);
			throw read.error;
		}
		refund = { ...read.value, reconciled: true };
	}
	await settleRefundClaim.call(this, connection, orderId, key, mine, refund.id);
	return { orderId, ...refund, idempotencyKey: key, refundReason: request.reason, repeat: false };
}

/**
 * The key for this call, or the refund another call with the key made while this one waited. An
 * account that may not write order metafields is refused: without the claim, two calls at the same
 * moment could both refund.
 */
async function claimOrWait(
	this: IExecuteFunctions,
	connection: StoreConnection,
	request: KeyedRefund,
	cents: number,
): Promise<{ mine: RefundClaim } | { refund: IDataObject }> {
	const { orderId, key } = request;
	const claimed = await settle(claimRefundKey.call(this, connection, orderId, key, cents));
	if ('error' in claimed) {
		const e = claimed.error;
		if (!(e instanceof BigCommerceApiError) || e.details.reason !== 'missing_scope') throw e;
		throw refusal(
			'idempotency_unavailable',
			`This API account cannot write order metafields (BigCommerce: ${e.details.message}), so a refund with an idempotency key cannot be made exactly once`,
			'Nothing was refunded. Give the API account Orders: modify (store_v2_orders), which governs order metafields, or refund without a key outside a tool.',
		);
	}
	if ('mine' in claimed.value) return claimed.value;
	let held = claimed.value.heldBy;
	if (held && !isStale(held)) {
		for (const pause of WAIT_FOR_OTHER_MS) {
			await sleep(pause);
			const refund = await findRefundByKey.call(this, connection, orderId, key);
			if (refund) return { refund };
		}
		held = await readRefundClaim.call(this, connection, orderId, key);
		if (held && !isStale(held)) {
			throw inProgress(request);
		}
	}
	// Released by a call that failed, or left by one that died: take the key over, once.
	if (held) await releaseRefundClaim.call(this, connection, orderId, held);
	const again = await claimRefundKey.call(this, connection, orderId, key, cents);
	if ('mine' in again) return again;
	throw inProgress(request);
}
