import { shippingCents } from './checkouts';
import { liveCart } from './carts';
import type { Ctx, Reply } from './http';
import { familyError } from './http';
import { recomputeTotals } from './orderInput';
import type { Address, Cart, Order } from './store';

const v3 = (status: number, title: string): Reply => familyError('v3', status, title);

/** A checkout address in the V2 order's terms (street_1, zip, country_iso2, …). */
function v2Address(a: Address): Address {
	return {
		first_name: a.first_name ?? '',
		last_name: a.last_name ?? '',
		company: a.company ?? '',
		street_1: a.address1 ?? '',
		street_2: a.address2 ?? '',
		city: a.city ?? '',
		state: a.state_or_province ?? '',
		zip: a.postal_code ?? '',
		country: a.country ?? '',
		country_iso2: a.country_code ?? '',
		phone: a.phone ?? '',
		email: a.email ?? '',
	};
}

/** What stops a checkout from becoming an order (the wording is the emulator's; BigCommerce documents none). */
function notReady(cart: Cart): string | undefined {
	if (!cart.billing_address) return 'The checkout has no billing address.';
	const assigned = new Set(cart.consignments.flatMap((c) => c.line_item_ids));
	if (cart.lines.some((l) => !l.custom && !assigned.has(l.id)))
		return 'Every physical item needs a consignment with a shipping address.';
	if (cart.consignments.some((c) => !c.selected))
		return 'Every consignment needs a selected shipping option.';
	return undefined;
}

/**
 * POST /v3/checkouts/{id}/orders: 200 `{data: {id}, meta: {}}` and an Incomplete order. Not
 * idempotent at BigCommerce: every call makes another order, and the checkout's `order_id` names
 * the last one.
 */
export function createCheckoutOrder(ctx: Ctx): Reply {
	const cart = liveCart(ctx, ctx.params[0]);
	if (!cart) return v3(500, 'Internal Server Error');
	const missing = notReady(cart);
	if (missing) return v3(422, missing);
	const store = ctx.store;
	const id = store.nextOrderId++;
	const now = ctx.now();
	const order: Order = {
		id,
		customer_id: cart.customer_id,
		status_id: 0,
		created_via: 'api',
		date_created: now,
		date_modified: now,
		billing_address: v2Address(cart.billing_address ?? {}),
		shipping_addresses: cart.consignments.map((c) => ({
			...v2Address(c.address),
			shipping_method: c.selected?.description ?? '',
		})),
		products: cart.lines.map((l) => ({
			id: store.nextOrderProductId++,
			order_id: id,
			product_id: l.product_id,
			name: l.name,
			sku: l.sku,
			quantity: l.quantity,
			price_ex_tax: l.list_cents / 100,
			price_inc_tax: l.list_cents / 100,
			product_options: l.options.map((o) => ({ id: o.nameId, value: o.value })),
		})),
		total_ex_cents: 0,
		total_inc_cents: 0,
		shipping_cents: shippingCents(cart),
		paid_cents: 0,
		refunded_cents: 0,
		store_credit_cents: 0,
		gift_certificate_cents: 0,
		payment_method: '',
		payment_provider_id: '',
		payment_status: '',
		customer_message: '',
		staff_notes: '',
		external_source: null,
		external_id: null,
		external_order_id: null,
		is_deleted: false,
		order_source: 'checkout_api',
		cart_id: cart.id,
		transactions: [],
		version: 1,
	};
	recomputeTotals(order);
	store.orders.set(id, order);
	cart.order_id = String(id);
	store.events.emit('store/order/created', { type: 'order', id });
	return { status: 200, body: { data: { id }, meta: {} } };
}
