import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';
import { localFailure } from './errors';
import { listAllPages } from './pages';

/** A V2 order, as BigCommerce returns it; only the fields the node reads are named. */
export interface Order extends IDataObject {
	id: number;
	status_id?: number;
	status?: string;
	payment_status?: string;
	total_inc_tax?: string | number;
	refunded_amount?: string | number;
	gift_certificate_amount?: string | number;
	store_credit_amount?: string | number;
	payment_provider_id?: string | number;
}

export type PaymentAction = 'capture' | 'void';

export async function getOrder(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
): Promise<Order> {
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: `/v2/orders/${orderId}`,
	});
	return response.body as Order;
}

/** Not idempotent: a lost answer could mean a created order, and a retry would make a second one. */
export async function createOrder(
	this: ApiContext,
	connection: StoreConnection,
	body: IDataObject,
): Promise<Order> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: '/v2/orders',
		body,
		idempotent: false,
	});
	return response.body as Order;
}

/**
 * Capture and void are asynchronous at BigCommerce: the order's payment_status goes to
 * `capture pending` / `void pending` until the gateway answers. Not retried: a lost answer may
 * mean the action was taken.
 */
export async function orderPaymentAction(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	action: PaymentAction,
): Promise<void> {
	await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/orders/${orderId}/payment_actions/${action}`,
		body: {},
		idempotent: false,
	});
}

export interface RefundItem extends IDataObject {
	item_type: 'ORDER';
	item_id: number;
	amount: number;
	reason?: string;
}

export interface RefundMethodPart extends IDataObject {
	provider_id: string;
	amount: number;
	offline?: boolean;
}

export interface RefundPayment extends IDataObject {
	provider_id: string;
	amount: number;
	offline: boolean;
}

/** How BigCommerce would pay the items back: one or more ways, each split across providers. */
export async function createRefundQuote(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	items: RefundItem[],
): Promise<RefundMethodPart[][]> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/orders/${orderId}/payment_actions/refund_quotes`,
		body: { items },
		// a quote changes nothing
		idempotent: true,
	});
	const body = response.body as { data?: { refund_methods?: RefundMethodPart[][] } };
	return body?.data?.refund_methods ?? [];
}

/** Moves money back, so it is never retried. */
export async function createRefund(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	items: RefundItem[],
	payments: RefundPayment[],
): Promise<IDataObject> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/orders/${orderId}/payment_actions/refunds`,
		body: { items, payments },
		idempotent: false,
	});
	return (response.body as { data?: IDataObject } | undefined)?.data ?? {};
}

/** The refunds recorded for an order, oldest first. */
export async function listOrderRefunds(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
): Promise<IDataObject[]> {
	const path = `/v3/orders/${orderId}/payment_actions/refunds`;
	return (await listAllPages.call(this, connection, path)) as IDataObject[];
}

const toCents = (value: unknown) => Math.round(Number(value) * 100);

/**
 * A refund is BigCommerce's two steps: a quote says how the amount goes back (which payment
 * providers, how much each), then the refund is made with exactly those amounts. `cents` 0 refunds
 * everything still refundable, read from the order.
 */
export async function refundOrder(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	refund: { cents: number; reason?: string },
): Promise<IDataObject> {
	let cents = refund.cents;
	if (cents === 0) {
		const order = await getOrder.call(this, connection, orderId);
		cents = toCents(order.total_inc_tax) - toCents(order.refunded_amount);
		if (cents <= 0) {
			throw localFailure(
				'nothing_to_refund',
				`Order ${orderId} has nothing left to refund`,
				'Check the order: it was not paid, or it was already refunded.',
			);
		}
	}
	const items: RefundItem[] = [
		{
			item_type: 'ORDER',
			item_id: orderId,
			amount: cents / 100,
			...(refund.reason ? { reason: refund.reason } : {}),
		},
	];
	const method = (await createRefundQuote.call(this, connection, orderId, items))[0];
	if (!method?.length) {
		throw localFailure(
			'no_refund_method',
			`BigCommerce offered no way to refund order ${orderId}`,
			'Refund it in the BigCommerce control panel.',
		);
	}
	const payments = method.map((m) => ({
		provider_id: m.provider_id,
		amount: m.amount,
		offline: m.offline === true,
	}));
	return await createRefund.call(this, connection, orderId, items, payments);
}

/** The V2 list filters, by BigCommerce's own query names. */
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
