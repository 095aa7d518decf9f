import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ApiContext } from './request';
import type { StoreConnection } from './store';
import { BigCommerceApiError, localFailure } from './errors';
import type { OrderFilters } from './orderList';
import { listOrders } from './orderList';
import type { Order } from './orders';
import { archiveOrder, createOrder } from './orders';

/**
 * Exactly one order per business event, with BigCommerce's own order state as the only memory that
 * every execution, worker and retry shares (BigCommerce has no Idempotency-Key header).
 *
 * The key is written to the order's `external_order_id`: BigCommerce's V2 Orders spec documents it as
 * writable on create and as a filter of GET /v2/orders, whereas `external_id` is read-only there.
 */
export type IdempotencyOutcome = 'created' | 'existing' | 'merged_into_existing';

export interface OnceOptions {
	key: string;
	lookbackDays: number;
	/** how long to look for the order after a lost answer to the create */
	reconcileForMs: number;
}

export interface OnceResult {
	order: Order;
	outcome: IdempotencyOutcome;
	/** the order this call made and then archived because an older one carries the key */
	archivedOrderId?: number;
	/** the create's answer was lost and the order was found by its key */
	reconciled?: boolean;
	/** the duplicate check after creating could not be made (the order is still created) */
	duplicateCheckFailed?: boolean;
}

/** Orders of the same owner that carry the key, oldest (lowest id) first. */
async function ordersWithKey(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
	options: OnceOptions,
): Promise<Order[]> {
	const customerId = Number(body.customer_id ?? 0);
	const email = (body.billing_address as IDataObject | undefined)?.email;
	const since = new Date(Date.now() - options.lookbackDays * 86_400_000).toISOString();
	const filters: OrderFilters = {
		external_order_id: options.key,
		min_date_created: since,
		sort: 'id:asc',
		// The key is the caller's, but an order of another customer is never someone's duplicate.
		...(customerId > 0
			? { customer_id: customerId }
			: typeof email === 'string' && email
				? { email }
				: {}),
	};
	const found = await listOrders.call(this, connection, filters, 250);
	return found
		.filter((o) => o.external_order_id === options.key && o.is_deleted !== true)
		.sort((a, b) => a.id - b.id);
}

/** After a lost answer: the order is looked for by its key, on a bounded schedule, never re-sent. */
async function findAfterLostAnswer(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
	options: OnceOptions,
	lost: BigCommerceApiError,
): Promise<Order> {
	const deadline = Date.now() + options.reconcileForMs;
	let wait = 500;
	let readFailed = false;
	for (;;) {
		try {
			const [order] = await ordersWithKey.call(this, connection, body, options);
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

export async function createOrderOnce(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
	options: OnceOptions,
): Promise<OnceResult> {
	const [existing] = await ordersWithKey.call(this, connection, body, options);
	if (existing) return { order: existing, outcome: 'existing' };

	const attempt = await createOrder
		.call(this, connection, { ...body, external_order_id: options.key })
		.then(
			(order) => ({ order }),
			(error: unknown) => ({ error }),
		);
	if ('error' in attempt) {
		const { error } = attempt;
		const lost = error instanceof BigCommerceApiError && error.details.reason === 'outcome_unknown';
		if (!lost) throw error;
		const order = await findAfterLostAnswer.call(this, connection, body, options, error);
		return { order, outcome: 'created', reconciled: true };
	}
	const created = attempt.order;

	// Two deliveries at the same moment both found nothing and both created. Every one of them now
	// converges on the oldest order with the key; the newer ones are archived while still unpaid.
	let withKey: Order[];
	try {
		withKey = await ordersWithKey.call(this, connection, body, options);
	} catch {
		return { order: created, outcome: 'created', duplicateCheckFailed: true };
	}
	const oldest = withKey[0];
	if (!oldest || oldest.id >= created.id) return { order: created, outcome: 'created' };
	try {
		await archiveOrder.call(this, connection, created.id);
	} catch {
		// Left Incomplete: it is never paid, since every delivery converges on the oldest order.
	}
	return { order: oldest, outcome: 'merged_into_existing', archivedOrderId: created.id };
}
