import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';
import type { Cart } from './carts';
import { BigCommerceApiError } from './errors';

/** A checkout address, in the Checkout API's names (not V2's street_1/zip). */
export interface CheckoutAddress extends IDataObject {
	first_name?: string;
	last_name?: string;
	email: string;
	company?: string;
	address1?: string;
	address2?: string;
	city?: string;
	state_or_province?: string;
	state_or_province_code?: string;
	country_code: string;
	postal_code?: string;
	phone?: string;
}

export interface ShippingOption extends IDataObject {
	id: string;
	type?: string;
	description: string;
	cost: number;
}

export interface Consignment extends IDataObject {
	id: string;
	available_shipping_options?: ShippingOption[];
	selected_shipping_option?: ShippingOption | null;
}

export interface Checkout extends IDataObject {
	id: string;
	cart: Pick<Cart, 'id' | 'line_items'> & { customer_id?: number; currency?: { code: string } };
	consignments?: Consignment[];
	order_id: string | null;
	grand_total?: number;
	subtotal_inc_tax?: number;
	tax_total?: number;
	shipping_cost_total_inc_tax?: number;
	version?: number;
}

const OPTIONS = 'consignments.available_shipping_options';

function checkoutOf(body: unknown): Checkout {
	return (body as { data: Checkout }).data;
}

export async function getCheckout(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
): Promise<Checkout> {
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: `/v3/checkouts/${encodeURIComponent(checkoutId)}`,
		qs: { include: OPTIONS },
	});
	return checkoutOf(response.body);
}

/**
 * POST billing-address: what turns a cart into a checkout. Setting the same address twice leaves
 * the same checkout, so a lost answer may be asked again.
 */
export async function setBillingAddress(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
	address: CheckoutAddress,
): Promise<Checkout> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/checkouts/${encodeURIComponent(checkoutId)}/billing-address`,
		body: address,
		idempotent: true,
	});
	return checkoutOf(response.body);
}

export interface ConsignmentInput extends IDataObject {
	address: CheckoutAddress;
	line_items: { item_id: string; quantity: number }[];
}

/**
 * POST consignments (a JSON array), asking for each consignment's shipping options. Not repeated:
 * a second consignment for the same items would be refused or split the shipment.
 */
export async function addConsignments(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
	consignments: ConsignmentInput[],
): Promise<Checkout> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/checkouts/${encodeURIComponent(checkoutId)}/consignments`,
		qs: { include: OPTIONS },
		body: consignments as unknown as IDataObject,
		idempotent: false,
	});
	return checkoutOf(response.body);
}

/** PUT a consignment's shipping option: a separate call from address changes, as BigCommerce asks. */
export async function selectShippingOption(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
	consignmentId: string,
	shippingOptionId: string,
): Promise<Checkout> {
	const response = await managementRequest.call(this, connection, {
		method: 'PUT',
		path: `/v3/checkouts/${encodeURIComponent(checkoutId)}/consignments/${encodeURIComponent(consignmentId)}`,
		qs: { include: OPTIONS },
		body: { shipping_option_id: shippingOptionId },
		// choosing the same option again changes nothing
		idempotent: true,
	});
	return checkoutOf(response.body);
}

/** POST orders: each call makes another Incomplete order, so it is sent once, never repeated. */
export async function postCheckoutOrder(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
): Promise<number> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/checkouts/${encodeURIComponent(checkoutId)}/orders`,
		body: {},
		idempotent: false,
	});
	return Number((response.body as { data?: { id?: unknown } })?.data?.id);
}

export interface CheckoutOrder {
	orderId: number;
	/** the checkout already had this order before this call: nothing was created */
	existing: boolean;
	/** the answer was lost and the order was found on the checkout instead */
	recovered: boolean;
	checkout: Checkout;
}

/**
 * The checkout's order, created at most once. The checkout id is the idempotency key: a checkout
 * that already names an order is answered with it, and a lost answer is settled by reading the
 * checkout's `order_id` rather than by asking again (which would make a second order).
 */
export async function createOrderFromCheckout(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
): Promise<CheckoutOrder> {
	const before = await getCheckout.call(this, connection, checkoutId);
	if (before.order_id) {
		return { orderId: Number(before.order_id), existing: true, recovered: false, checkout: before };
	}
	const posted = await postCheckoutOrder.call(this, connection, checkoutId).then(
		(orderId) => ({ orderId }),
		(error: unknown) => ({ error }),
	);
	if ('orderId' in posted) {
		const checkout = await getCheckout.call(this, connection, checkoutId).catch(() => before);
		return { orderId: posted.orderId, existing: false, recovered: false, checkout };
	}
	const lost =
		posted.error instanceof BigCommerceApiError &&
		posted.error.details.reason === 'outcome_unknown';
	const after = lost
		? await getCheckout.call(this, connection, checkoutId).catch(() => undefined)
		: undefined;
	if (!after?.order_id) throw posted.error;
	return { orderId: Number(after.order_id), existing: false, recovered: true, checkout: after };
}
