import type { Ctx, Reply } from './http';
import { familyError, isInt, isObject, isReply, rfc2822 } from './http';
import { buildProducts, recomputeTotals, validAddress } from './orderInput';
import type { Order } from './store';
import { ORDER_STATUSES, money, settle, toCents } from './store';

export function orderOr404(ctx: Ctx, id: number): Order | Reply {
	const order = ctx.store.orders.get(id);
	if (!order) {
		return ctx.family === 'v2'
			? familyError('v2', 404, 'The requested resource was not found.')
			: familyError(ctx.family, 404, `Order ${id} not found`);
	}
	settle(order, ctx.now());
	return order;
}

const ORDER_POST_FIELDS = new Set([
	'status_id',
	'customer_id',
	'billing_address',
	'shipping_addresses',
	'products',
	'consignments',
	'channel_id',
	'external_source',
	'external_id',
	'external_order_id',
	'payment_method',
	'customer_message',
	'staff_notes',
	'default_currency_code',
	'customer_locale',
	'date_created',
	'ip_address',
	'ip_address_v6',
	'discount_amount',
	'base_shipping_cost',
	'shipping_cost_ex_tax',
	'shipping_cost_inc_tax',
]);

export function createOrder(ctx: Ctx): Reply {
	const b = ctx.body;
	if (!isObject(b)) return familyError('v2', 400, 'The request body is invalid.');
	for (const key of Object.keys(b)) {
		if (!ORDER_POST_FIELDS.has(key))
			return familyError(
				'v2',
				400,
				`The field '${key}' cannot be written to. Please remove it from your request before trying again.`,
			);
	}
	if (b.consignments !== undefined)
		return familyError(
			'v2',
			400,
			"The field 'consignments' is not supported by the emulator; send 'products'.",
		);
	const addressError = validAddress(b.billing_address, 'billing_address');
	if (b.billing_address === undefined)
		return familyError('v2', 400, "The field 'billing_address' is required.");
	if (addressError) return familyError('v2', 400, addressError);
	const statusId = b.status_id ?? 1;
	if (!isInt(statusId) || !(statusId in ORDER_STATUSES))
		return familyError('v2', 400, "The field 'status_id' is invalid.");
	const customerId = b.customer_id ?? 0;
	if (!isInt(customerId) || customerId < 0)
		return familyError('v2', 400, "The field 'customer_id' is invalid.");
	if (customerId !== 0 && !ctx.store.customers.has(customerId))
		return familyError('v2', 400, `The customer with id ${customerId} does not exist.`);
	const shipping = b.shipping_addresses ?? [];
	if (!Array.isArray(shipping))
		return familyError('v2', 400, "The field 'shipping_addresses' is invalid.");
	for (const [i, s] of shipping.entries()) {
		const e = validAddress(s, `shipping_addresses[${i}]`);
		if (e) return familyError('v2', 400, e);
	}
	for (const key of ['external_id', 'external_order_id'] as const) {
		if (b[key] !== undefined && b[key] !== null && typeof b[key] !== 'string')
			return familyError('v2', 400, `The field '${key}' is invalid.`);
	}
	const id = ctx.store.nextOrderId++;
	const products = buildProducts(ctx, id, b.products);
	if (typeof products === 'string') {
		ctx.store.nextOrderId--;
		return familyError('v2', 400, products);
	}
	const now = ctx.now();
	const order: Order = {
		id,
		customer_id: customerId,
		status_id: statusId,
		created_via: 'api',
		date_created: now,
		date_modified: now,
		billing_address: { ...(b.billing_address as object) },
		shipping_addresses: shipping.map((s) => ({ ...(s as object) })),
		products,
		total_ex_cents: 0,
		total_inc_cents: 0,
		shipping_cents: 0,
		paid_cents: 0,
		refunded_cents: 0,
		store_credit_cents: 0,
		gift_certificate_cents: 0,
		payment_method: typeof b.payment_method === 'string' ? b.payment_method : '',
		payment_provider_id: '',
		payment_status: '',
		customer_message: typeof b.customer_message === 'string' ? b.customer_message : '',
		staff_notes: typeof b.staff_notes === 'string' ? b.staff_notes : '',
		external_source: typeof b.external_source === 'string' ? b.external_source : null,
		external_id: typeof b.external_id === 'string' ? b.external_id : null,
		external_order_id: typeof b.external_order_id === 'string' ? b.external_order_id : null,
		is_deleted: false,
		order_source: 'external',
		cart_id: ctx.store.newCartId(),
		transactions: [],
		version: 1,
	};
	recomputeTotals(order);
	ctx.store.orders.set(id, order);
	ctx.store.events.emit('store/order/created', { type: 'order', id });
	return { status: 201, body: orderBody(ctx, order) };
}

export function orderBody(ctx: Ctx, o: Order): Record<string, unknown> {
	const base = `${ctx.req.headers.host ? `http://${ctx.req.headers.host}` : ''}/stores/${ctx.store.hash}/v2/orders/${o.id}`;
	const tax = o.total_inc_cents - o.total_ex_cents;
	return {
		id: o.id,
		customer_id: o.customer_id,
		date_created: rfc2822(o.date_created),
		date_modified: rfc2822(o.date_modified),
		date_shipped: '',
		status_id: o.status_id,
		status: ORDER_STATUSES[o.status_id],
		subtotal_ex_tax: money(o.total_ex_cents - o.shipping_cents),
		subtotal_inc_tax: money(o.total_inc_cents - o.shipping_cents),
		subtotal_tax: money(tax),
		base_shipping_cost: money(o.shipping_cents),
		shipping_cost_ex_tax: money(o.shipping_cents),
		shipping_cost_inc_tax: money(o.shipping_cents),
		total_ex_tax: money(o.total_ex_cents),
		total_inc_tax: money(o.total_inc_cents),
		total_tax: money(tax),
		items_total: o.products.reduce((s, p) => s + p.quantity, 0),
		items_shipped: 0,
		payment_method: o.payment_method,
		payment_provider_id: o.payment_provider_id,
		payment_status: o.payment_status,
		refunded_amount: money(o.refunded_cents),
		store_credit_amount: money(o.store_credit_cents),
		gift_certificate_amount: money(o.gift_certificate_cents),
		currency_code: ctx.store.currency,
		currency_exchange_rate: '1.0000000000',
		default_currency_code: ctx.store.currency,
		customer_message: o.customer_message,
		staff_notes: o.staff_notes,
		external_source: o.external_source,
		cart_id: o.cart_id,
		channel_id: 1,
		order_source: o.order_source,
		external_id: o.external_id,
		external_merchant_id: null,
		// Non-nullable in the order schema: empty until set.
		external_order_id: o.external_order_id ?? '',
		is_deleted: o.is_deleted,
		billing_address: { ...o.billing_address, form_fields: [] },
		products: { url: `${base}/products`, resource: `/orders/${o.id}/products` },
		shipping_addresses: {
			url: `${base}/shipping_addresses`,
			resource: `/orders/${o.id}/shipping_addresses`,
		},
		coupons: { url: `${base}/coupons`, resource: `/orders/${o.id}/coupons` },
	};
}

export function getOrder(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	return { status: 200, body: orderBody(ctx, order) };
}

export function getOrderProducts(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	return {
		status: 200,
		body: order.products.map((p) => ({
			...p,
			price_ex_tax: money(toCents(p.price_ex_tax)),
			price_inc_tax: money(toCents(p.price_inc_tax)),
			total_inc_tax: money(toCents(p.price_inc_tax) * p.quantity),
		})),
	};
}

const ORDER_PUT_FIELDS = [
	'status_id',
	'products',
	'customer_message',
	'staff_notes',
	'billing_address',
	'external_order_id',
	'is_deleted',
];

export function updateOrder(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const b = ctx.body;
	if (!isObject(b)) return familyError('v2', 400, 'The request body is invalid.');
	for (const key of Object.keys(b)) {
		// external_id among them: set on create, never changed (BigCommerce's own wording).
		if (!ORDER_PUT_FIELDS.includes(key)) {
			return familyError(
				'v2',
				400,
				`The field '${key}' cannot be written to. Please remove it from your request before trying again.`,
			);
		}
	}
	if (b.status_id !== undefined && (!isInt(b.status_id) || !(b.status_id in ORDER_STATUSES)))
		return familyError('v2', 400, "The field 'status_id' is invalid.");
	if (b.billing_address !== undefined) {
		const e = validAddress(b.billing_address, 'billing_address');
		if (e) return familyError('v2', 400, e);
	}
	if (
		b.external_order_id !== undefined &&
		b.external_order_id !== null &&
		typeof b.external_order_id !== 'string'
	)
		return familyError('v2', 400, "The field 'external_order_id' is invalid.");
	if (b.is_deleted !== undefined && typeof b.is_deleted !== 'boolean')
		return familyError('v2', 400, "The field 'is_deleted' is invalid.");
	const products = b.products === undefined ? undefined : buildProducts(ctx, order.id, b.products);
	if (typeof products === 'string') return familyError('v2', 400, products);
	if (isInt(b.status_id)) ctx.store.setStatus(order, b.status_id);
	if (b.billing_address !== undefined)
		order.billing_address = { ...order.billing_address, ...(b.billing_address as object) };
	if (products) {
		order.products = products;
		recomputeTotals(order);
		order.version++;
	}
	if (b.external_order_id !== undefined)
		order.external_order_id = b.external_order_id as string | null;
	if (typeof b.customer_message === 'string') order.customer_message = b.customer_message;
	if (typeof b.staff_notes === 'string') order.staff_notes = b.staff_notes;
	order.date_modified = ctx.now();
	// The spec: is_deleted true in a PUT has the same result as DELETE.
	if (b.is_deleted === true) archive(ctx, order);
	else ctx.store.events.emit('store/order/updated', { type: 'order', id: order.id });
	return { status: 200, body: orderBody(ctx, order) };
}

/** DELETE /v2/orders/{id}: BigCommerce archives rather than deletes; the order stays readable. */
export function archiveOrder(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	archive(ctx, order);
	return { status: 204 };
}

function archive(ctx: Ctx, order: Order): void {
	if (order.is_deleted) return;
	order.is_deleted = true;
	order.date_modified = ctx.now();
	order.version++;
	ctx.store.events.emit('store/order/archived', { type: 'order', id: order.id });
}

export function orderStatuses(): Reply {
	return {
		status: 200,
		body: Object.entries(ORDER_STATUSES).map(([id, name]) => ({
			id: Number(id),
			name,
			order: Number(id),
		})),
	};
}
