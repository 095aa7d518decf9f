/**
 * Key marks: the index that finds the order made for an idempotency key, whatever the order's
 * status. Each order made with a key carries a metafield naming the key; one batch GET finds every
 * order with it, without relying on whether BigCommerce lists Incomplete orders by default (its docs
 * do not say). Metafield ids grow store-wide in creation order, so the lowest id is the first mark:
 * every execution that made an order for a key marks it before looking again, and all of them agree
 * on the same winner.
 */
import type { IDataObject } from 'n8n-workflow';

import { BigCommerceApiError, isLostWrite } from './errors';
import { claimInput, claimOf, readClaim } from './paymentClaim';
import type { PaymentClaim } from './paymentClaim';
import type { Metafield, MetafieldInput } from './metafields';
import { createOrderMetafields, findOrderMetafields, listOrderMetafields } from './metafields';
import type { ApiContext } from './request';
import type { StoreConnection } from './store';

export const MARKS_NAMESPACE = 'n8n-nodes-bigcommerce-payments.keys';

/** What a metafield key may hold as it is; anything else is named by its digest. */
const SAFE_NAME = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The metafield key for an idempotency key: the key itself when it fits BigCommerce's 64 characters
 * of a plain set, else `sha256:` and 56 hex digits of it (the caller supplies the digest: this room
 * imports nothing but n8n-workflow). The mark's value holds the whole key, so a shared digest never
 * makes one key find another's order.
 */
export function keyMarkName(key: string, sha256Hex: (text: string) => string): string {
	return SAFE_NAME.test(key) ? key : `sha256:${sha256Hex(key).slice(0, 56)}`;
}

export interface KeyMark {
	/** the metafield's id: the lowest is the first order made for the key */
	id: number;
	orderId: number;
	/** when BigCommerce made it (ms) */
	createdAt: number;
	value: IDataObject;
}

function markOf(m: Metafield): KeyMark {
	let value: IDataObject = {};
	try {
		const parsed: unknown = JSON.parse(m.value);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
			value = parsed as IDataObject;
	} catch {
		// not a mark of ours: its value matches no key
	}
	return { id: m.id, orderId: Number(m.resource_id), createdAt: Date.parse(m.date_created), value };
}

/** Every mark with this name on any order (one batch GET a page), lowest id first. */
export async function findKeyMarks(
	this: ApiContext,
	connection: StoreConnection,
	name: string,
): Promise<KeyMark[]> {
	const found = await findOrderMetafields.call(this, connection, {
		namespace: MARKS_NAMESPACE,
		key: name,
	});
	return found
		.filter((m) => m.namespace === MARKS_NAMESPACE && m.key === name)
		.map(markOf)
		.sort((a, b) => a.id - b.id);
}

/**
 * Readable to the store's other API accounts (`read`), so an order made through another account's
 * credential is found too; only its maker may change it.
 */
function markInput(name: string, value: IDataObject): MetafieldInput {
	return {
		permission_set: 'read',
		namespace: MARKS_NAMESPACE,
		key: name,
		value: JSON.stringify(value),
		description: 'n8n: the order made for this idempotency key',
	};
}

export interface MarkRequest {
	orderId: number;
	name: string;
	value: IDataObject;
	/** claim the order for this holder in the same request */
	claim?: { holder: string; ttlMs: number };
}

export interface Marked {
	/** whether the order carries the mark (made now, or found made by an earlier try) */
	marked: boolean;
	/** the claim this request made for the holder, when it made it */
	claim?: PaymentClaim;
}

/** The request's metafields still unsettled: the mark first, then the claim. */
function pending(request: MarkRequest, settled: Settled) {
	const items: Array<MetafieldInput & { resource_id: number }> = [];
	const resource_id = request.orderId;
	if (settled.mark === undefined)
		items.push({ ...markInput(request.name, request.value), resource_id });
	if (request.claim && settled.claim === undefined)
		items.push({ ...claimInput(request.claim.holder, request.claim.ttlMs), resource_id });
	return items;
}

/** Per item: undefined while unsure; `made`, or `exists` (a 409), or `refused` for another reason. */
interface Settled {
	mark?: 'made' | 'exists' | 'refused';
	claim?: 'made' | 'exists' | 'refused';
	markError?: BigCommerceApiError;
	made?: PaymentClaim;
}

/** One batch: what it made and what it refused, item by item. */
async function sendBatch(
	this: ApiContext,
	connection: StoreConnection,
	request: MarkRequest,
	settled: Settled,
): Promise<'answered' | 'lost'> {
	const items = pending(request, settled);
	const sent = await createOrderMetafields.call(this, connection, items).then(
		(result) => ({ result }),
		(error: unknown) => ({ error }),
	);
	if ('error' in sent) {
		if (isLostWrite(sent.error)) return 'lost';
		throw sent.error;
	}
	for (const m of sent.result.created) {
		if (m.namespace === MARKS_NAMESPACE) settled.mark = 'made';
		else {
			settled.claim = 'made';
			settled.made = claimOf(m);
		}
	}
	for (const e of sent.result.errors) {
		// BigCommerce names a refused item by its position in this request.
		const item = e.position === null ? undefined : items[e.position];
		const which = item?.namespace === MARKS_NAMESPACE ? 'mark' : 'claim';
		settled[which] = e.reason === 'already_exists' ? 'exists' : 'refused';
		if (which === 'mark' && settled.mark === 'refused')
			settled.markError = new BigCommerceApiError({
				outcome: 'failed',
				code: null,
				reason: e.reason,
				message: e.message,
				remedy: 'BigCommerce refused to mark the order with its idempotency key.',
				retryable: e.httpStatus === null || e.httpStatus >= 500,
				httpStatus: e.httpStatus,
			});
	}
	return 'answered';
}

/**
 * Marks the order with its key and claims it, in ONE batch request. BigCommerce does each item on
 * its own: a 409 on the mark means an earlier try made it; a 409 on the claim means someone holds
 * the order (perhaps this holder, by an earlier try). A lost answer is sent once more (what exists
 * then answers 409), and whatever is still unsure is read on the order. A refused claim is no
 * failure: the order is marked, and whoever pays it claims it then.
 */
export async function markAndClaim(
	this: ApiContext,
	connection: StoreConnection,
	request: MarkRequest,
): Promise<Marked> {
	const settled: Settled = {};
	for (let attempt = 0; attempt < 2; attempt++) {
		if ((await sendBatch.call(this, connection, request, settled)) === 'answered') break;
	}
	if (settled.markError) throw settled.markError;
	const marked =
		settled.mark !== undefined ||
		(
			await listOrderMetafields.call(this, connection, request.orderId, {
				namespace: MARKS_NAMESPACE,
				key: request.name,
			})
		).length > 0;
	if (!request.claim || settled.claim === 'made' || settled.claim === 'refused')
		return { marked, claim: settled.made };
	// Unsure, or a 409 that may be this holder's own claim from the lost try.
	const read = await readClaim.call(this, connection, request.orderId);
	return { marked, claim: read.claim?.holder === request.claim.holder ? read.claim : undefined };
}
