import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../transport/request';
import { managementRequest } from '../transport/request';
import type { StoreConnection } from '../transport/connection';
import type { Order } from './orders';

/** The filters of GET /v2/orders that the node uses. */
export interface OrderFilters extends IDataObject {
	customer_id?: number;
	email?: string;
	status_id?: number;
	min_date_created?: string;
	max_date_created?: string;
	min_total?: number;
	max_total?: number;
	external_order_id?: string;
	sort?: string;
}

const V2_PAGE_LIMIT = 250;

/**
 * GET /v2/orders, page after page (V2 answers a bare array, and 204 with no body past the end),
 * until `max` orders are read or the pages run out.
 */
export async function listOrders(
	this: ApiContext,
	connection: StoreConnection,
	filters: OrderFilters,
	max = Number.POSITIVE_INFINITY,
): Promise<Order[]> {
	const orders: Order[] = [];
	for (let page = 1; orders.length < max; page++) {
		const limit = Math.min(V2_PAGE_LIMIT, max - orders.length);
		const response = await managementRequest.call(this, connection, {
			method: 'GET',
			path: '/v2/orders',
			qs: { ...filters, page, limit },
		});
		const batch = Array.isArray(response.body) ? (response.body as Order[]) : [];
		orders.push(...batch);
		if (batch.length < limit) break;
	}
	return orders;
}

/**
 * Archives an order (DELETE /v2/orders/{id}): BigCommerce keeps it, readable but unlisted and
 * unpayable. Repeating it is harmless, so a lost answer may be asked again.
 */
export async function archiveOrder(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
): Promise<void> {
	await managementRequest.call(this, connection, {
		method: 'DELETE',
		path: `/v2/orders/${orderId}`,
		idempotent: true,
	});
}
