import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';
import type { Order } from './orders';

/** GET /v2/orders: BigCommerce's filters, one page, or page after page. */
export interface OrderFilters extends IDataObject {
	customer_id?: number;
	email?: string;
	status_id?: number;
	min_id?: number;
	max_id?: number;
	min_total?: number;
	max_total?: number;
	min_date_created?: string;
	max_date_created?: string;
	min_date_modified?: string;
	max_date_modified?: string;
	/** the caller's own id for the order, such as an idempotency key */
	external_order_id?: string;
	/** `field:asc` or `field:desc` */
	sort?: string;
}

/** V2 pages are 1-based and at most 250 long. */
export const ORDER_PAGE_MAX = 250;

/**
 * One page of GET /v2/orders: a bare array. BigCommerce answers 204 with no body past the last page
 * (or when nothing matches), which is an empty page here.
 */
export async function listOrdersPage(
	this: ApiContext,
	connection: StoreConnection,
	filters: OrderFilters,
	page: number,
	limit: number,
): Promise<Order[]> {
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: '/v2/orders',
		qs: { ...filters, page, limit },
	});
	return Array.isArray(response.body) ? (response.body as Order[]) : [];
}

/** Orders page after page until `max` (all when undefined) or a short page. */
export async function listOrders(
	this: ApiContext,
	connection: StoreConnection,
	filters: OrderFilters,
	max?: number,
): Promise<Order[]> {
	const all: Order[] = [];
	for (let page = 1; ; page++) {
		const want = max === undefined ? ORDER_PAGE_MAX : Math.min(ORDER_PAGE_MAX, max - all.length);
		const batch = await listOrdersPage.call(this, connection, filters, page, ORDER_PAGE_MAX);
		all.push(...batch.slice(0, want));
		if (batch.length < ORDER_PAGE_MAX || (max !== undefined && all.length >= max)) return all;
	}
}
