import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';
import type { Cart } from './carts';
import { BigCommerceApiError, localFailure } from './errors';
import { findKeyMarks, markAndClaim } from './keyMarks';
import { archiveOrder } from './orders';
import type { PaymentClaim } from './paymentClaim';
import { releaseClaim } from './paymentClaim';

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

/** Where the cart's physical items go (as physicalItems gives them), each in its whole quantity. */
export interface NewConsignment {
	address: CheckoutAddress;
	items: IDataObject[];
}

const consignmentBody = (consignment: NewConsignment): IDataObject => ({
	address: consignment.address,
	line_items: consignment.items.map((item) => ({
		item_id: String(item.id),
		quantity: Number(item.quantity),
	})),
});

/**
 * POST consignments (a JSON array), asking for each consignment's shipping options. Not repeated:
 * a second consignment for the same items would be refused or split the shipment.
 */
export async function addConsignments(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
	consignments: NewConsignment[],
): Promise<Checkout> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: `/v3/checkouts/${encodeURIComponent(checkoutId)}/consignments`,
		qs: { include: OPTIONS },
		body: consignments.map(consignmentBody) as unknown as IDataObject,
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
	/** the checkout already had an order before this call: nothing was created */
	existing: boolean;
	/** the answer was lost and the order was found on the checkout instead */
	recovered: boolean;
	checkout: Checkout;
	/** the order this call made and archived, because an earlier one of the checkout is kept */
	archivedOrderId?: number;
	/** the claim this call holds on the order, and when it was sent (this machine's clock) */
	claim?: { held: PaymentClaim; sentAt: number };
}

export interface CheckoutOnceOptions {
	/** the key mark's metafield key for `checkout:<id>`: see keyMarkName */
	markName: string;
	claim: { holder: string; ttlMs: number };
}

/** The orders marked for this checkout, first mark first. */
async function markedOrders(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
	options: CheckoutOnceOptions,
): Promise<number[]> {
	const marks = await findKeyMarks.call(this, connection, options.markName);
	return marks.filter((m) => m.value.checkoutId === checkoutId).map((m) => m.orderId);
}

/**
 * POST orders, once; a lost answer is settled by reading the checkout's `order_id`. For a checkout
 * only this execution knows (a cart it just made); any other goes through createOrderFromCheckout.
 */
export async function postCheckoutOrderOnce(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
): Promise<{ orderId: number; recovered: boolean }> {
	const posted = await postCheckoutOrder.call(this, connection, checkoutId).then(
		(orderId) => ({ orderId }),
		(error: unknown) => ({ error }),
	);
	if ('orderId' in posted) return { orderId: posted.orderId, recovered: false };
	const lost =
		posted.error instanceof BigCommerceApiError &&
		posted.error.details.reason === 'outcome_unknown';
	const after = lost
		? await getCheckout.call(this, connection, checkoutId).catch(() => undefined)
		: undefined;
	if (!after?.order_id) throw posted.error;
	return { orderId: Number(after.order_id), recovered: true };
}

/**
 * The checkout's order, made at most once for every delivery of the same checkout. The checkout id is
 * the idempotency key: BigCommerce makes another order on every POST, so the order is marked with
 * `checkout:<id>` (keyMarks.ts) and claimed in one request, and the marks are looked at before and
 * after: two deliveries at the same moment both create, and both keep the order with the first mark
 * (the other is archived unpaid). A checkout that names an order nobody marked (made elsewhere) is
 * marked and answered with. A lost answer is settled by reading the checkout, never by asking again.
 */
export async function createOrderFromCheckout(
	this: ApiContext,
	connection: StoreConnection,
	checkoutId: string,
	options: CheckoutOnceOptions,
): Promise<CheckoutOrder> {
	const before = await markedOrders.call(this, connection, checkoutId, options);
	const checkout = await getCheckout.call(this, connection, checkoutId);
	if (before.length) return { orderId: before[0], existing: true, recovered: false, checkout };
	const adopted = checkout.order_id ? Number(checkout.order_id) : undefined;
	const made = adopted
		? { orderId: adopted, recovered: false }
		: await postCheckoutOrderOnce.call(this, connection, checkoutId);
	const sentAt = Date.now();
	const mine = await markAndClaim
		.call(this, connection, {
			orderId: made.orderId,
			name: options.markName,
			value: { checkoutId },
			claim: options.claim,
		})
		.catch((error: unknown) => ({ error }));
	if ('error' in mine || !mine.marked) {
		if (adopted)
			throw localFailure(
				'key_check_failed',
				`Checkout ${checkoutId} names order ${adopted}, which could not be marked with it${'error' in mine && mine.error instanceof BigCommerceApiError ? ` (${mine.error.details.message})` : ''}`,
				'Run the step again: it answers with the order the checkout stands for.',
				true,
			);
		// An unmarked order could be paid beside another delivery's order: nobody pays it.
		await archiveOrder.call(this, connection, made.orderId).catch(() => undefined);
		throw localFailure(
			'not_created',
			`Order ${made.orderId} was made for checkout ${checkoutId} but could not be marked with it, so it was archived unpaid`,
			"Run the step again: it looks for the checkout's order and makes one only if none is marked.",
			true,
		);
	}
	const claim = mine.claim ? { held: mine.claim, sentAt } : undefined;
	const result = { ...made, existing: adopted !== undefined, checkout, claim };
	const [first] = await markedOrders
		.call(this, connection, checkoutId, options)
		.catch(async (error: unknown) => {
			// Without the look after marking, this order may be a duplicate: not paid now.
			if (claim) await releaseClaim.call(this, connection, claim.held).catch(() => undefined);
			throw error;
		});
	if (first === undefined || first === made.orderId) return result;
	if (!adopted) await archiveOrder.call(this, connection, made.orderId).catch(() => undefined);
	return {
		orderId: first,
		existing: true,
		recovered: made.recovered,
		checkout,
		...(adopted ? {} : { archivedOrderId: made.orderId }),
	};
}
