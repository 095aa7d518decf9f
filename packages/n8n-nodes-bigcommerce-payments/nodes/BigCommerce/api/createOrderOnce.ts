import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ApiContext } from './request';
import type { StoreConnection } from './store';
import { BigCommerceApiError, localFailure } from './errors';
import type { KeyMark } from './keyMarks';
import { findKeyMarks, markAndClaim } from './keyMarks';
import type { OrderFilters } from './orderList';
import { listOrders } from './orderList';
import type { Order } from './orders';
import { archiveOrder, createOrder, getOrder } from './orders';
import type { PaymentClaim } from './paymentClaim';
import { releaseClaim } from './paymentClaim';

/**
 * Exactly one order per business event, with BigCommerce's own records as the only memory that
 * every execution, worker and retry shares (BigCommerce has no Idempotency-Key header).
 *
 * The order is found by its key mark (keyMarks.ts), whatever its status: BigCommerce's docs do not
 * say whether an unfiltered order list shows Incomplete orders. The key is also written to the
 * order's `external_order_id` for people and older tools to see; it is looked up there only after a
 * lost answer to the create, before the order could be marked.
 */
export type IdempotencyOutcome = 'created' | 'existing' | 'merged_into_existing';

export interface OnceOptions {
	key: string;
	/** the mark's metafield key for it: see keyMarkName */
	markName: string;
	lookbackDays: number;
	/** how long to look for the order after a lost answer to the create */
	reconcileForMs: number;
	/** claim the new order for this holder while marking it (one request for both) */
	claim: { holder: string; ttlMs: number };
}

export interface OnceResult {
	order: Order;
	outcome: IdempotencyOutcome;
	/** the order this call made and then archived because an earlier mark names another */
	archivedOrderId?: number;
	/** the create's answer was lost and the order was found by its key */
	reconciled?: boolean;
	/** the claim this call holds on `order`, and when it was sent (this machine's clock) */
	claim?: { held: PaymentClaim; sentAt: number };
}

/** Whose order it is: a key is the caller's, but another customer's order is never a duplicate. */
interface Owner {
	customerId: number;
	email: string;
}

function ownerOf(body: IDataObject): Owner {
	const email = (body.billing_address as IDataObject | undefined)?.email;
	return {
		customerId: Number(body.customer_id ?? 0),
		email: typeof email === 'string' ? email.trim().toLowerCase() : '',
	};
}

const markValue = (key: string, owner: Owner): IDataObject => ({
	key,
	customerId: owner.customerId,
	email: owner.email,
});

/** The marks for this key and owner made within the lookback window, lowest id first. */
async function marksFor(
	this: ApiContext,
	connection: StoreConnection,
	options: OnceOptions,
	owner: Owner,
	above = 0,
): Promise<KeyMark[]> {
	const since = Date.now() - options.lookbackDays * 86_400_000;
	const marks = await findKeyMarks.call(this, connection, options.markName);
	return marks.filter(
		(m) =>
			m.id > above &&
			m.value.key === options.key &&
			m.createdAt >= since &&
			(owner.customerId > 0
				? Number(m.value.customerId) === owner.customerId
				: !owner.email || m.value.email === owner.email),
	);
}

/** The order, or null when BigCommerce has none by that id. */
const orderOrNull = (order: Promise<Order>) =>
	order.catch((error: unknown) => {
		if (error instanceof BigCommerceApiError && error.details.httpStatus === 404) return null;
		throw error;
	});

/**
 * The first marked order that is still live (`mine`, if its mark comes first, without reading it;
 * an archived one is skipped), and the highest mark passed over: marks up to it name archived
 * orders, and the look after creating starts above it.
 */
async function firstLiveOrder(
	this: ApiContext,
	connection: StoreConnection,
	marks: KeyMark[],
	mine?: Order,
): Promise<{ order?: Order; deadUpTo: number }> {
	let deadUpTo = 0;
	for (const mark of marks) {
		if (mine && mark.orderId === mine.id) return { order: mine, deadUpTo };
		const order = await orderOrNull(getOrder.call(this, connection, mark.orderId));
		if (order && order.is_deleted !== true) return { order, deadUpTo };
		deadUpTo = mark.id;
	}
	return { deadUpTo };
}

/** Orders carrying the key in `external_order_id`: asked with the status the order was made with. */
async function listedWithKey(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
	options: OnceOptions,
	owner: Owner,
): Promise<Order[]> {
	const filters: OrderFilters = {
		external_order_id: options.key,
		min_date_created: new Date(Date.now() - options.lookbackDays * 86_400_000).toISOString(),
		sort: 'id:asc',
		...(owner.customerId > 0
			? { customer_id: owner.customerId }
			: owner.email
				? { email: owner.email }
				: {}),
	};
	// Its own status first (an unfiltered list may leave Incomplete orders out), then any status.
	for (const status of [Number(body.status_id ?? 0), undefined]) {
		const found = await listOrders.call(
			this,
			connection,
			status === undefined ? filters : { ...filters, status_id: status },
			250,
		);
		const withKey = found.filter((o) => o.external_order_id === options.key && !o.is_deleted);
		if (withKey.length) return withKey;
	}
	return [];
}

/** After a lost answer: the order is looked for by its key, on a bounded schedule, never re-sent. */
async function findAfterLostAnswer(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
	options: OnceOptions,
	lost: BigCommerceApiError,
): Promise<Order> {
	const owner = ownerOf(body);
	const deadline = Date.now() + options.reconcileForMs;
	let wait = 500;
	let readFailed = false;
	for (;;) {
		try {
			const [order] = await listedWithKey.call(this, connection, body, options, owner);
			if (order) return order;
			readFailed = false;
		} catch {
			readFailed = true;
		}
		if (Date.now() + wait > deadline) break;
		await sleep(wait);
		wait = Math.min(wait * 2, 8000);
	}
	if (readFailed) throw lost;
	throw localFailure(
		'not_created',
		`The order was not created: its answer was lost, and no order carries the idempotency key "${options.key}" after ${Math.round(options.reconcileForMs / 1000)} s`,
		'Run the step again with the same idempotency key: it creates the order only if it still does not exist.',
		true,
	);
}

/** The create, sent once; a lost answer is settled by looking for the key, never by sending again. */
async function createOrFind(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
	options: OnceOptions,
): Promise<{ order: Order; reconciled?: boolean }> {
	const attempt = await createOrder
		.call(this, connection, { ...body, external_order_id: options.key })
		.then(
			(order) => ({ order }),
			(error: unknown) => ({ error }),
		);
	if ('order' in attempt) return attempt;
	const { error } = attempt;
	const lost = error instanceof BigCommerceApiError && error.details.reason === 'outcome_unknown';
	if (!lost) throw error;
	return {
		order: await findAfterLostAnswer.call(this, connection, body, options, error),
		reconciled: true,
	};
}

/** Best effort: an order nobody will pay is taken out of the lists; left Incomplete otherwise. */
async function archiveQuietly(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
): Promise<void> {
	await archiveOrder.call(this, connection, orderId).catch(() => undefined);
}

/**
 * Look up → create → mark and claim (one request) → look again. Two deliveries at the same moment
 * both find nothing and both create; each marks its order before it looks again, so the later one
 * always sees the earlier one's mark, and all of them take the lowest mark as the winner. A loser
 * archives its own order while it is still Incomplete and claimed by it, so nobody is paying it.
 */
export async function createOrderOnce(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
	options: OnceOptions,
): Promise<OnceResult> {
	const owner = ownerOf(body);
	const before = await marksFor.call(this, connection, options, owner);
	const { order: existing, deadUpTo } = await firstLiveOrder.call(this, connection, before);
	if (existing) return { order: existing, outcome: 'existing' };

	const { order: created, reconciled } = await createOrFind.call(this, connection, body, options);
	const sentAt = Date.now();
	const mine = await markAndClaim
		.call(this, connection, {
			orderId: created.id,
			name: options.markName,
			value: markValue(options.key, owner),
			claim: options.claim,
		})
		.catch((error: unknown) => ({ error }));
	if ('error' in mine || !mine.marked) {
		// An unmarked order could be paid beside another delivery's order: nobody pays it.
		await archiveQuietly.call(this, connection, created.id);
		throw keyNotMarked(options.key, created.id, 'error' in mine ? mine.error : undefined);
	}
	const claim = mine.claim ? { held: mine.claim, sentAt } : undefined;
	const winner = await marksFor
		.call(this, connection, options, owner, deadUpTo)
		.then(async (after) => (await firstLiveOrder.call(this, connection, after, created)).order)
		.catch(async (error: unknown) => {
			// Without the second look this order may be a duplicate: it is left to the key's next
			// delivery, which finds the one order by the marks, and is not paid now.
			if (claim) await releaseClaim.call(this, connection, claim.held).catch(() => undefined);
			throw keyNotChecked(options.key, created.id, error);
		});
	if (!winner || winner.id === created.id)
		return { order: created, outcome: 'created', reconciled, claim };
	await archiveQuietly.call(this, connection, created.id);
	return {
		order: winner,
		outcome: 'merged_into_existing',
		archivedOrderId: created.id,
		reconciled,
	};
}

const messageOf = (error: unknown) =>
	error instanceof BigCommerceApiError ? ` (${error.details.message})` : '';

function keyNotMarked(key: string, orderId: number, error: unknown): BigCommerceApiError {
	return localFailure(
		'not_created',
		`Order ${orderId} was made but could not be marked with the idempotency key "${key}"${messageOf(error)}, so it was archived unpaid`,
		'Run the step again with the same idempotency key: it looks for the key and creates the order again if none carries it.',
		true,
	);
}

function keyNotChecked(key: string, orderId: number, error: unknown): BigCommerceApiError {
	return localFailure(
		'key_check_failed',
		`Order ${orderId} was made for the idempotency key "${key}", but the look for another order with the key after creating failed${messageOf(error)}; it was not returned for payment`,
		'Run the step again with the same idempotency key: it returns the one order the key stands for (this one, or an earlier one).',
		true,
	);
}
