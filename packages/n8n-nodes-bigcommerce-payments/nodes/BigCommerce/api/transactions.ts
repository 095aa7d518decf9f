import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import type { StoreConnection } from './store';
import { listAllPages } from './pages';

export interface Transaction extends IDataObject {
	id: number;
	order_id: string;
	event: string;
	method: string;
	amount: number;
	currency: string;
	gateway: string;
	status: string;
}

/** The order's transactions, page after page (up to `max`). 204 means the order has none yet. */
export async function listTransactions(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	max?: number,
): Promise<Transaction[]> {
	const path = `/v3/orders/${orderId}/transactions`;
	return (await listAllPages.call(this, connection, path, {}, max)) as Transaction[];
}
