import { randomUUID } from 'node:crypto';

import type { Ctx, Reply } from './http';
import { familyError, isInt, isObject } from './http';
import type { Cart, CartLine } from './store';

/** Carts live 30 days after their last change (BigCommerce's carts guide). */
export const CART_LIFETIME_MS = 30 * 24 * 3600 * 1000;

const v3 = (status: number, title: string): Reply => familyError('v3', status, title);

/** The cart if it exists and has not expired on the emulator clock. */
export function liveCart(ctx: Ctx, id: string): Cart | undefined {
	const cart = ctx.store.carts.get(id);
	if (!cart) return undefined;
	if (ctx.now() - cart.updated > CART_LIFETIME_MS) {
		ctx.store.carts.delete(id);
		return undefined;
	}
	return cart;
}

function catalogLine(ctx: Ctx, item: unknown, index: number): CartLine | Reply {
	if (!isObject(item)) return v3(422, `line_items[${index}] is invalid`);
	if (!isInt(item.product_id)) return v3(422, `line_items[${index}].product_id is required`);
	if (!isInt(item.quantity) || item.quantity < 1)
		return v3(422, `line_items[${index}].quantity must be at least 1`);
	const product = ctx.store.products.get(item.product_id);
	if (!product) return v3(422, `Product ${item.product_id} does not exist`);
	const selections = Array.isArray(item.option_selections) ? item.option_selections : [];
	const options: CartLine['options'] = [];
	for (const def of product.options ?? []) {
		const chosen = selections.find((s) => isObject(s) && s.option_id === def.id);
		if (!chosen) continue;
		// A value is named by its text or by its 1-based position (the emulator's value ids).
		const raw = (chosen as Record<string, unknown>).option_value;
		if (raw === '' || raw === undefined || raw === null)
			return v3(422, 'Please create some text for the API option');
		const position = typeof raw === 'number' ? raw - 1 : def.values.indexOf(String(raw));
		if (position < 0 || position >= def.values.length)
			return v3(422, `The option value ${JSON.stringify(raw)} is not valid for ${def.name}`);
		options.push({
			name: def.name,
			nameId: def.id,
			value: def.values[position],
			valueId: position + 1,
		});
	}
	if (product.options?.length && options.length < product.options.length && !isInt(item.variant_id))
		return v3(422, 'This product has options; variant ID is required');
	if (product.maxPerOrder !== undefined && item.quantity > product.maxPerOrder)
		return v3(
			409,
			`You can only purchase a maximum of ${product.maxPerOrder} of the ${product.name} per order`,
		);
	const list = typeof item.list_price === 'number' && item.list_price >= 0 ? item.list_price : null;
	return {
		id: randomUUID(),
		product_id: product.id,
		variant_id: isInt(item.variant_id) ? item.variant_id : undefined,
		name: typeof item.name === 'string' && item.name ? item.name : product.name,
		sku: product.sku,
		quantity: item.quantity,
		list_cents: Math.round((list ?? product.price) * 100),
		options,
		custom: false,
	};
}

function customLine(item: unknown, index: number): CartLine | Reply {
	const at = `custom_items[${index}]`;
	if (!isObject(item)) return v3(422, `${at} is invalid`);
	if (typeof item.name !== 'string' || item.name.length < 1 || item.name.length > 250)
		return v3(422, `${at}.name is required (1 to 250 characters)`);
	if (!isInt(item.quantity) || item.quantity < 1)
		return v3(422, `${at}.quantity must be at least 1`);
	if (typeof item.list_price !== 'number' || !(item.list_price >= 0))
		return v3(422, `${at}.list_price must be a non-negative number`);
	return {
		id: randomUUID(),
		product_id: 0,
		name: item.name,
		sku: typeof item.sku === 'string' ? item.sku : '',
		quantity: item.quantity,
		list_cents: Math.round(item.list_price * 100),
		options: [],
		custom: true,
	};
}

/** POST /v3/carts: 201 `{data: Cart, meta}`. */
export function createCart(ctx: Ctx): Reply {
	const b = ctx.body;
	if (!isObject(b)) return v3(422, 'Missing line_items in request body');
	const catalog = Array.isArray(b.line_items) ? b.line_items : [];
	const custom = Array.isArray(b.custom_items) ? b.custom_items : [];
	if (catalog.length + custom.length === 0) return v3(422, 'Missing line_items in request body');
	const customerId = b.customer_id ?? 0;
	if (!isInt(customerId) || customerId < 0) return v3(422, 'customer_id must be an integer');
	const customer = ctx.store.customers.get(customerId);
	if (customerId !== 0 && !customer) return v3(422, `Customer ${customerId} does not exist`);
	if (b.channel_id !== undefined && b.channel_id !== 1)
		return v3(422, `Channel ${String(b.channel_id)} does not exist`);
	const currency = isObject(b.currency) ? b.currency.code : undefined;
	if (currency !== undefined && currency !== ctx.store.currency)
		return v3(422, `The currency ${String(currency)} is not enabled for this store`);
	const lines: CartLine[] = [];
	for (const [i, item] of catalog.entries()) {
		const line = catalogLine(ctx, item, i);
		if ('status' in line) return line;
		lines.push(line);
	}
	for (const [i, item] of custom.entries()) {
		const line = customLine(item, i);
		if ('status' in line) return line;
		lines.push(line);
	}
	const now = ctx.now();
	const cart: Cart = {
		id: randomUUID(),
		customer_id: customerId,
		channel_id: 1,
		email: customer?.email ?? '',
		locale: typeof b.locale === 'string' ? b.locale : 'en',
		created: now,
		updated: now,
		lines,
		consignments: [],
		order_id: null,
		version: 1,
	};
	ctx.store.carts.set(cart.id, cart);
	ctx.store.events.emit('store/cart/created', { type: 'cart', id: cart.id });
	return { status: 201, body: { data: cartBody(ctx, cart), meta: {} } };
}

/** GET /v3/carts/{id}: 404 once it is gone (converted, expired or never made). */
export function getCart(ctx: Ctx): Reply {
	const cart = liveCart(ctx, ctx.params[0]);
	if (!cart) return v3(404, 'Cart not found');
	return { status: 200, body: { data: cartBody(ctx, cart), meta: {} } };
}

export const subtotalCents = (cart: Cart) =>
	cart.lines.reduce((s, l) => s + l.list_cents * l.quantity, 0);

function itemBody(line: CartLine) {
	const price = line.list_cents / 100;
	const total = (line.list_cents * line.quantity) / 100;
	if (line.custom)
		return {
			id: line.id,
			sku: line.sku,
			name: line.name,
			quantity: line.quantity,
			list_price: price,
			extended_list_price: total,
		};
	return {
		id: line.id,
		variant_id: line.variant_id ?? line.product_id * 10,
		product_id: line.product_id,
		sku: line.sku,
		name: line.name,
		url: `https://sandbox.example.com/products/${line.product_id}`,
		quantity: line.quantity,
		is_taxable: true,
		image_url: '',
		discounts: [],
		coupons: [],
		discount_amount: 0,
		coupon_amount: 0,
		original_price: price,
		list_price: price,
		sale_price: price,
		extended_list_price: total,
		extended_sale_price: total,
		is_require_shipping: true,
		options: line.options,
	};
}

export function lineItemsBody(cart: Cart) {
	return {
		physical_items: cart.lines.filter((l) => !l.custom).map(itemBody),
		digital_items: [],
		gift_certificates: [],
		custom_items: cart.lines.filter((l) => l.custom).map(itemBody),
	};
}

export function cartBody(ctx: Ctx, cart: Cart) {
	const amount = subtotalCents(cart) / 100;
	return {
		id: cart.id,
		customer_id: cart.customer_id,
		channel_id: cart.channel_id,
		email: cart.email,
		currency: { code: ctx.store.currency },
		tax_included: false,
		base_amount: amount,
		discount_amount: 0,
		manual_discount_amount: 0,
		cart_amount: amount,
		coupons: [],
		discounts: [],
		line_items: lineItemsBody(cart),
		created_time: new Date(cart.created).toISOString(),
		updated_time: new Date(cart.updated).toISOString(),
		locale: cart.locale,
		version: cart.version,
	};
}
