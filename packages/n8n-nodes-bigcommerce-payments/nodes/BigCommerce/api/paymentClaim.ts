/**
 * The payment claim: at most one payment in flight per order, across executions and workers, with
 * BigCommerce as the arbiter. A claim is an order metafield under one namespace and key; BigCommerce
 * refuses a second one on the same order (409), so whoever made it holds the order until it deletes
 * the claim or the claim's time runs out on BigCommerce's clock.
 */
import type { IDataObject } from 'n8n-workflow';

import { BigCommerceApiError, isLostWrite } from './errors';
import type { Metafield, MetafieldInput } from './metafields';
import { createOrderMetafield, deleteOrderMetafield } from './metafields';
import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';

/** Everyone who pays an order makes exactly this metafield on it. */
export const PAYMENT_CLAIM_NAMESPACE = 'n8n-nodes-bigcommerce-payments.claims';
export const PAYMENT_CLAIM_KEY = 'payment-claim';

/** A claim whose value cannot be read is given this long before anyone may take it over. */
const UNREADABLE_TTL_MS = 15 * 60_000;
/** BigCommerce's dates are whole seconds: a claim is judged expired only this long after. */
const CLOCK_SLACK_MS = 2000;

export interface PaymentClaim {
	/** the metafield's id: a claim is deleted by it, so a newer claim is never deleted by mistake */
	id: number;
	orderId: number;
	/** who made it (an execution), as it wrote itself into the value */
	holder: string;
	ttlMs: number;
	/** when BigCommerce last wrote it, on BigCommerce's clock (ms) */
	modifiedAt: number;
}

/** The claim on an order as read, and BigCommerce's time when it answered (its Date header). */
export interface ClaimRead {
	claim?: PaymentClaim;
	serverNow: number;
}

export type ClaimAttempt =
	/** `remainingMs`: found by reading after a lost answer, it runs this much longer (BigCommerce's clock) */
	| { held: PaymentClaim; remainingMs?: number }
	/** someone holds it, or the attempt's answer was lost and the claim must be read */
	| { contended: true }
	/** the API account may not write metafields (403): payments go on without a claim */
	| { unavailable: BigCommerceApiError };

/** The claim as the batch create and the single create send it. */
export function claimInput(holder: string, ttlMs: number): MetafieldInput {
	return {
		permission_set: 'app_only',
		namespace: PAYMENT_CLAIM_NAMESPACE,
		key: PAYMENT_CLAIM_KEY,
		value: JSON.stringify({ holder, ttlMs }),
		description: 'n8n: a payment of this order is in flight',
	};
}

export function claimOf(m: Metafield): PaymentClaim {
	let value: IDataObject = {};
	try {
		value = JSON.parse(m.value) as IDataObject;
	} catch {
		// not ours to read: treated as someone's claim of unknown length
	}
	const ttl = Number(value.ttlMs);
	return {
		id: m.id,
		orderId: Number(m.resource_id),
		holder: typeof value.holder === 'string' ? value.holder : '',
		ttlMs: Number.isFinite(ttl) && ttl > 0 ? ttl : UNREADABLE_TTL_MS,
		modifiedAt: Date.parse(m.date_modified),
	};
}

const reasonOf = (error: unknown) =>
	error instanceof BigCommerceApiError ? error.details.reason : undefined;

/** The answer's Date header (BigCommerce's clock), or this machine's time without one. */
function serverTime(headers: Record<string, unknown>): number {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === 'date');
	const parsed = key ? Date.parse(String(headers[key])) : NaN;
	return Number.isFinite(parsed) ? parsed : Date.now();
}

/** The order's claim (this API account's: claims are `app_only`), with BigCommerce's time. */
export async function readClaim(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
): Promise<ClaimRead> {
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: `/v3/orders/${orderId}/metafields`,
		qs: { namespace: PAYMENT_CLAIM_NAMESPACE, key: PAYMENT_CLAIM_KEY, limit: 250 },
	});
	const data = (response.body as { data?: Metafield[] } | undefined)?.data ?? [];
	const found = data.find(
		(m) => m.namespace === PAYMENT_CLAIM_NAMESPACE && m.key === PAYMENT_CLAIM_KEY,
	);
	return { claim: found ? claimOf(found) : undefined, serverNow: serverTime(response.headers) };
}

/** How long the claim still runs, on BigCommerce's clock (negative: over). */
export function claimRemainingMs(read: ClaimRead): number {
	if (!read.claim) return 0;
	return read.claim.modifiedAt + read.claim.ttlMs - read.serverNow;
}

/** Over by BigCommerce's clock, with room for its dates being whole seconds. */
export function claimExpired(read: ClaimRead): boolean {
	return read.claim !== undefined && claimRemainingMs(read) < -CLOCK_SLACK_MS;
}

/**
 * Claims the order for `holder`. BigCommerce's 409 means someone holds it. A lost answer is read
 * back: the holder named in the claim tells whether it is this one.
 */
export async function takeClaim(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	holder: string,
	ttlMs: number,
): Promise<ClaimAttempt> {
	const made = await createOrderMetafield
		.call(this, connection, orderId, claimInput(holder, ttlMs))
		.then(
			(m) => ({ m }),
			(error: unknown) => ({ error }),
		);
	if ('m' in made) return { held: claimOf(made.m) };
	const { error } = made;
	if (reasonOf(error) === 'already_exists') return { contended: true };
	if (reasonOf(error) === 'missing_scope') return { unavailable: error as BigCommerceApiError };
	if (!isLostWrite(error)) throw error;
	const read = await readClaim.call(this, connection, orderId);
	return read.claim?.holder === holder
		? { held: read.claim, remainingMs: claimRemainingMs(read) }
		: { contended: true };
}

/**
 * Deletes a claim by its id; true when this call deleted it, false when it was already gone (taken
 * over or released). Ids are never reused, so this never deletes a newer claim.
 */
export async function releaseClaim(
	this: ApiContext,
	connection: StoreConnection,
	claim: Pick<PaymentClaim, 'id' | 'orderId'>,
): Promise<boolean> {
	return await deleteOrderMetafield.call(this, connection, claim.orderId, claim.id);
}
