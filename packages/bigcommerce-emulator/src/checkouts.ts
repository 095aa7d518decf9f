import { createHash, randomUUID } from 'node:crypto';

import { cartBody, liveCart, subtotalCents } from './carts';
import type { Ctx, Reply } from './http';
import { familyError, isInt, isObject } from './http';
import type { Address, Cart, Consignment, ShippingOption } from './store';

const CONFLICT =
	'The request cannot be processed due to a possible conflict. Please review the changes and try again.';

const v3 = (status: number, title: string): Reply => familyError('v3', status, title);

const COUNTRIES: Record<string, string> = {
	US: 'United States',
	CA: 'Canada',
	GB: 'United Kingdom',
	AU: 'Australia',
	DE: 'Germany',
	FR: 'France',
};

const ADDRESS_FIELDS = [
	'first_name',
	'last_name',
	'email',
	'company',
	'address1',
	'address2',
	'city',
	'state_or_province',
	'state_or_province_code',
	'country_code',
	'postal_code',
	'phone',
	'custom_fields',
];

/**
 * Writes to a checkout whose cart is gone answer 500, as BigCommerce's carts guide documents for
 * editing a cart that does not exist or has expired; reads answer 404.
 */
function cartFor(ctx: Ctx, write: boolean): Cart | Reply {
	const cart = liveCart(ctx, ctx.params[0]);
	if (cart) return cart;
	return write ? v3(500, 'Internal Server Error') : v3(404, 'Checkout not found');
}

/** Optimistic concurrency: a `version` that is not the checkout's current one is a 409. */
function conflict(cart: Cart, version: unknown): Reply | undefined {
	if (version === undefined) return undefined;
	return version === cart.version ? undefined : v3(409, CONFLICT);
}

function changed(ctx: Ctx, cart: Cart): void {
	cart.version++;
	cart.updated = ctx.now();
	ctx.store.events.emit('store/cart/updated', { type: 'cart', id: cart.id });
}

function address(value: unknown, required: string[]): Address | string {
	if (!isObject(value)) return 'address is required';
	for (const key of required)
		if (typeof value[key] !== 'string' || value[key] === '') return `${key} is required`;
	const out: Address = {};
	for (const key of ADDRESS_FIELDS) if (value[key] !== undefined) out[key] = value[key];
	const code = String(value.country_code).toUpperCase();
	out.country_code = code;
	out.country = COUNTRIES[code] ?? code;
	if (out.custom_fields === undefined) out.custom_fields = [];
	return out;
}

/** POST /v3/checkouts/{id}/billing-address: 200 with the Checkout. */
export function addBillingAddress(ctx: Ctx): Reply {
	const cart = cartFor(ctx, true);
	if ('status' in cart) return cart;
	const b = isObject(ctx.body) ? ctx.body : {};
	const clash = conflict(cart, b.version);
	if (clash) return clash;
	const billing = address(b, ['email', 'country_code']);
	if (typeof billing === 'string') return v3(422, billing);
	cart.billing_address = { id: cart.billing_address?.id ?? randomUUID(), ...billing };
	if (!cart.email) cart.email = String(billing.email);
	changed(ctx, cart);
	return checkoutReply(ctx, cart);
}

/** Deterministic per consignment, so a test can name an option; free shipping from $100. */
function shippingOptions(cart: Cart, c: Consignment): ShippingOption[] {
	const goods = c.line_item_ids
		.map((id) => cart.lines.find((l) => l.id === id))
		.reduce((s, l) => s + (l ? l.list_cents * l.quantity : 0), 0);
	const domestic = c.address.country_code === 'US';
	const rates: [string, string, number, string][] = domestic
		? [
				['shipping_flatrate', 'Flat Rate', 5, '3-5 business days'],
				['shipping_upsready', 'UPS Next Day Air', 15, '1 business day'],
			]
		: [['shipping_flatrate', 'International Flat Rate', 25, '7-14 business days']];
	if (goods >= 10000) rates.unshift(['freeshipping', 'Free Shipping', 0, '5-7 business days']);
	return rates.map(([type, description, cost, transit]) => ({
		id: createHash('md5').update(`${c.id}:${type}`).digest('hex'),
		type,
		description,
		image_url: '',
		cost,
		transit_time: transit,
		additional_description: '',
	}));
}

function lineItems(cart: Cart, value: unknown, at: string): string[] | string {
	if (!Array.isArray(value) || value.length === 0) return `${at}.line_items is required`;
	const ids: string[] = [];
	for (const [i, item] of value.entries()) {
		const line = isObject(item) ? cart.lines.find((l) => l.id === item.item_id) : undefined;
		if (!line) return `${at}.line_items[${i}].item_id is not an item of this cart`;
		if (!isInt(item.quantity) || item.quantity < 1 || item.quantity > line.quantity)
			return `${at}.line_items[${i}].quantity is invalid`;
		ids.push(line.id);
	}
	return ids;
}

const CONSIGNMENT_ADDRESS = ['email', 'country_code', 'state_or_province', 'postal_code'];

/** POST /v3/checkouts/{id}/consignments: a JSON array of `{address, line_items}`. */
export function addConsignments(ctx: Ctx): Reply {
	const cart = cartFor(ctx, true);
	if ('status' in cart) return cart;
	const body = ctx.body;
	if (!Array.isArray(body) || body.length === 0)
		return v3(422, 'The request body must be an array of consignments');
	for (const item of body) {
		const clash = conflict(cart, isObject(item) ? item.version : undefined);
		if (clash) return clash;
	}
	const added: Consignment[] = [];
	for (const [i, item] of body.entries()) {
		const at = `[${i}]`;
		if (!isObject(item)) return v3(422, `${at} is invalid`);
		const where = address(item.address ?? item.shipping_address, CONSIGNMENT_ADDRESS);
		if (typeof where === 'string') return v3(422, `${at}.address: ${where}`);
		const ids = lineItems(cart, item.line_items, at);
		if (typeof ids === 'string') return v3(422, ids);
		const taken = [...cart.consignments, ...added].some((c) =>
			c.line_item_ids.some((id) => ids.includes(id)),
		);
		if (taken) return v3(422, `${at}.line_items: an item is already in another consignment`);
		const consignment: Consignment = {
			id: randomUUID(),
			address: where,
			line_item_ids: ids,
			available: [],
		};
		consignment.available = shippingOptions(cart, consignment);
		added.push(consignment);
	}
	cart.consignments.push(...added);
	changed(ctx, cart);
	return checkoutReply(ctx, cart);
}

/**
 * PUT /v3/checkouts/{id}/consignments/{consignmentId}: either `shipping_option_id`, or a new
 * address and line items (which clear the selection), never both in one request.
 */
export function updateConsignment(ctx: Ctx): Reply {
	const cart = cartFor(ctx, true);
	if ('status' in cart) return cart;
	const consignment = cart.consignments.find((c) => c.id === ctx.params[1]);
	if (!consignment) return v3(404, `Consignment ${ctx.params[1]} not found`);
	const b = isObject(ctx.body) ? ctx.body : {};
	const clash = conflict(cart, b.version);
	if (clash) return clash;
	const moving = b.address !== undefined || b.line_items !== undefined;
	if (b.shipping_option_id !== undefined && moving)
		return v3(422, 'Select the shipping option in a request of its own, after the address change');
	if (b.shipping_option_id !== undefined) {
		const option = consignment.available.find((o) => o.id === b.shipping_option_id);
		if (!option) return v3(422, `Shipping option ${String(b.shipping_option_id)} is not available`);
		consignment.selected = option;
	} else if (moving) {
		const where =
			b.address === undefined ? consignment.address : address(b.address, CONSIGNMENT_ADDRESS);
		if (typeof where === 'string') return v3(422, `address: ${where}`);
		const ids =
			b.line_items === undefined ? consignment.line_item_ids : lineItems(cart, b.line_items, '');
		if (typeof ids === 'string') return v3(422, ids);
		consignment.address = where;
		consignment.line_item_ids = ids;
		consignment.selected = undefined;
		consignment.available = shippingOptions(cart, consignment);
	} else {
		return v3(422, 'Send shipping_option_id, or address and line_items');
	}
	changed(ctx, cart);
	return checkoutReply(ctx, cart);
}

/** GET /v3/checkouts/{id}. */
export function getCheckout(ctx: Ctx): Reply {
	const cart = cartFor(ctx, false);
	if ('status' in cart) return cart;
	return checkoutReply(ctx, cart);
}

function checkoutReply(ctx: Ctx, cart: Cart): Reply {
	return { status: 200, body: { data: checkoutBody(ctx, cart), meta: {} } };
}

export const shippingCents = (cart: Cart) =>
	cart.consignments.reduce((s, c) => s + Math.round((c.selected?.cost ?? 0) * 100), 0);

export function checkoutBody(ctx: Ctx, cart: Cart) {
	const withOptions = (ctx.query.get('include') ?? '')
		.split(',')
		.includes('consignments.available_shipping_options');
	const subtotal = subtotalCents(cart) / 100;
	const shipping = shippingCents(cart) / 100;
	const out: Record<string, unknown> = {
		id: cart.id,
		cart: {
			...cartBody(ctx, cart),
			cart_amount_inc_tax: subtotal,
			cart_amount_ex_tax: subtotal,
		},
		consignments: cart.consignments.map((c) => {
			const body: Record<string, unknown> = {
				id: c.id,
				address: c.address,
				line_item_ids: c.line_item_ids,
				coupon_discounts: [],
				discounts: [],
				shipping_cost_inc_tax: c.selected?.cost ?? 0,
				shipping_cost_ex_tax: c.selected?.cost ?? 0,
				handling_cost_inc_tax: 0,
				handling_cost_ex_tax: 0,
			};
			// BigCommerce lists the options only when asked with include=consignments.available_shipping_options.
			if (withOptions) body.available_shipping_options = c.available;
			if (c.selected) body.selected_shipping_option = c.selected;
			return body;
		}),
		taxes: [{ name: 'Tax', amount: 0 }],
		coupons: [],
		fees: [],
		order_id: cart.order_id,
		shipping_cost_total_inc_tax: shipping,
		shipping_cost_total_ex_tax: shipping,
		handling_cost_total_inc_tax: 0,
		handling_cost_total_ex_tax: 0,
		tax_total: 0,
		subtotal_inc_tax: subtotal,
		subtotal_ex_tax: subtotal,
		grand_total: subtotal + shipping,
		created_time: new Date(cart.created).toISOString(),
		updated_time: new Date(cart.updated).toISOString(),
		customer_message: '',
		promotions: [],
		version: cart.version,
	};
	if (cart.billing_address) out.billing_address = cart.billing_address;
	return out;
}
