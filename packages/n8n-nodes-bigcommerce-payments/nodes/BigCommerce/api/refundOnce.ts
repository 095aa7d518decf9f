/**
 * One refund per idempotency key, with BigCommerce's own records as the only memory every
 * execution, worker and retry shares.
 *
 * - Finding it: BigCommerce has no client identifier on refunds; the one text written with a refund
 *   and read back with it is each item's `reason` (up to 1000 characters, orders.v3 RefundItem), so
 *   the key travels there, at its end, as a marker.
 * - Two calls at once: the one compare-and-set BigCommerce documents on an order is the order
 *   metafield's 409 (one per API account, namespace, key and order). A call claims the key with a
 *   metafield before it refunds; a second call meets the 409 and waits for the first one's refund.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import type { StoreConnection } from './store';
import { BigCommerceApiError, localFailure } from './errors';
import type { Metafield } from './metafields';
import {
	createOrderMetafield,
	deleteOrderMetafield,
	listOrderMetafields,
	updateOrderMetafield,
} from './metafields';
import { listOrderRefunds } from './orders';

/** BigCommerce's limit on a refund item's reason. */
export const REFUND_REASON_MAX = 1000;
/** A metafield key is at most 64 characters; `refund:` takes 7, and a business id needs fewer. */
export const REFUND_KEY_MAX = 50;

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

/** This package's metafields on an order; `app_only`, so only the API account that made them sees them. */
export const CLAIM_NAMESPACE = 'n8n-nodes-bigcommerce-payments';

export interface RefundClaim {
	metafieldId: number;
	state: 'claimed' | 'done';
	/** when it was claimed, by the claimer's clock (ISO) */
	claimedAt: string;
	/** tells this claim from another one with the same key after a lost answer */
	claimId: string;
	cents: number;
	refundId?: unknown;
}

const claimKey = (key: string) => `refund:${key}`;

function claimOf(m: Metafield): RefundClaim {
	let value: IDataObject = {};
	try {
		value = JSON.parse(m.value) as IDataObject;
	} catch {
		// someone else's value under our key: treated as a claim made at an unknown time
	}
	return {
		metafieldId: m.id,
		state: value.state === 'done' ? 'done' : 'claimed',
		claimedAt: typeof value.claimedAt === 'string' ? value.claimedAt : m.date_created,
		claimId: typeof value.claimId === 'string' ? value.claimId : '',
		cents: Number(value.cents ?? 0),
		...(value.refundId !== undefined ? { refundId: value.refundId } : {}),
	};
}

const fields = (key: string, claim: Omit<RefundClaim, 'metafieldId'>) => ({
	permission_set: 'app_only' as const,
	namespace: CLAIM_NAMESPACE,
	key: claimKey(key),
	value: JSON.stringify(claim),
	description: 'n8n: one refund per idempotency key',
});

/** The claim on this key, if any. */
export async function readRefundClaim(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	key: string,
): Promise<RefundClaim | undefined> {
	const [m] = await listOrderMetafields.call(this, connection, orderId, {
		namespace: CLAIM_NAMESPACE,
		key: claimKey(key),
	});
	return m ? claimOf(m) : undefined;
}

/**
 * Claims the key for one refund of `cents`: `{ mine }` when this call holds it, `{ heldBy }` when
 * another call does (BigCommerce's 409). A lost answer is settled by reading the claim back.
 * An account that may not write metafields gets BigCommerce's refusal (`missing_scope`).
 */
export async function claimRefundKey(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	key: string,
	cents: number,
): Promise<{ mine: RefundClaim } | { heldBy: RefundClaim | undefined }> {
	const claim = {
		state: 'claimed' as const,
		claimedAt: new Date().toISOString(),
		claimId: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
		cents,
	};
	const made = await createOrderMetafield.call(this, connection, orderId, fields(key, claim)).then(
		(m) => ({ m }),
		(error: unknown) => ({ error }),
	);
	if ('m' in made) return { mine: { ...claim, metafieldId: made.m.id } };
	const reason = made.error instanceof BigCommerceApiError ? made.error.details.reason : '';
	if (reason !== 'already_exists' && reason !== 'outcome_unknown') throw made.error;
	const held = await readRefundClaim.call(this, connection, orderId, key);
	if (held?.claimId === claim.claimId) return { mine: held };
	if (reason === 'outcome_unknown' && !held)
		throw localFailure(
			'not_done',
			`The claim on refund key "${key}" was not made (its answer was lost); nothing was refunded`,
			'Safe to retry with the same idempotency key.',
			true,
		);
	return { heldBy: held };
}

/** After the refund: the claim names it. A failure here is no failure of the refund. */
export async function settleRefundClaim(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	key: string,
	claim: RefundClaim,
	refundId: unknown,
): Promise<void> {
	const { metafieldId, ...rest } = claim;
	await updateOrderMetafield
		.call(this, connection, orderId, metafieldId, fields(key, { ...rest, state: 'done', refundId }))
		.catch(() => undefined);
}

/**
 * Gives the key back when the refund is known not to have been made; true when this call removed
 * it (false: it was already gone). Deleting by its id never removes a newer claim on the key.
 */
export async function releaseRefundClaim(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	claim: RefundClaim,
): Promise<boolean> {
	return await deleteOrderMetafield
		.call(this, connection, orderId, claim.metafieldId)
		.catch(() => false);
}
