import { randomUUID } from 'node:crypto';

import { signJwt } from './jwt';
import type { Ctx, Reply } from './http';
import { familyError, invalid, isInt, isObject, rfc2822 } from './http';
import type { SeedInstrument } from './seed';
import type { Hook, Order, OrderProduct } from './store';
import { ORDER_STATUSES, money, toCents } from './store';

export interface Route {
	method: string;
	pattern: RegExp;
	/** any one of these grants access; an empty list means the default scope every account has */
	scopes: string[];
	handler: (ctx: Ctx) => Reply;
}

const R_ORDERS = ['store_v2_orders', 'store_v2_orders_read_only'];
const W_ORDERS = ['store_v2_orders'];
const R_TX = ['store_v2_transactions', 'store_v2_transactions_read_only'];
const W_ACTIONS = ['store_v2_orders', 'store_v2_transactions'];
const R_REFUNDS = [...R_ORDERS, ...R_TX];
const R_INSTRUMENTS = [
	'store_stored_payment_instruments',
	'store_stored_payment_instruments_read_only',
];
const R_INFO = ['store_v2_information', 'store_v2_information_read_only'];

const PAT_LIFETIME_S = 3600;

function orderOr404(ctx: Ctx, id: number): Order | Reply {
	const order = ctx.store.orders.get(id);
	if (!order) {
		return ctx.family === 'v2'
			? familyError('v2', 404, 'The requested resource was not found.')
			: familyError(ctx.family, 404, `Order ${id} not found`);
	}
	settle(order, ctx.now());
	return order;
}

/** Capture and void are asynchronous at BigCommerce: `capture pending` until the gateway answers. */
function settle(order: Order, now: number): void {
	if (order.settles_to && order.settles_at !== undefined && now >= order.settles_at) {
		order.payment_status = order.settles_to;
		order.settles_to = undefined;
		order.settles_at = undefined;
	}
}

const isReply = (v: unknown): v is Reply =>
	isObject(v) && 'status' in v && typeof v.status === 'number' && !('id' in v);

// ---------- payment methods ----------

function instrumentForMethodList(i: SeedInstrument) {
	if (i.type === 'stored_card') {
		return {
			type: 'stored_card',
			brand: i.brand,
			expiry_month: i.expiryMonth,
			expiry_year: i.expiryYear,
			issuer_identification_number: i.iin,
			last_4: i.last4,
			token: i.token,
			is_default: i.isDefault,
		};
	}
	if (i.type === 'stored_paypal_account')
		return { type: i.type, email: i.email, token: i.token, is_default: i.isDefault };
	return {
		type: i.type,
		masked_account_number: i.maskedAccountNumber,
		issuer: i.issuer,
		token: i.token,
		is_default: i.isDefault,
	};
}

function getPaymentMethods(ctx: Ctx): Reply {
	const allowed = new Set(['order_id', 'checkout_id']);
	const unknown = [...ctx.query.keys()].filter((k) => !allowed.has(k));
	if (unknown.length) {
		return familyError(
			'v3',
			422,
			`The filter(s): ${unknown.join(', ')} are not valid filter parameter(s).`,
		);
	}
	const orderIdRaw = ctx.query.get('order_id');
	const checkoutId = ctx.query.get('checkout_id');
	let order: Order | undefined;
	if (orderIdRaw !== null) {
		if (!/^\d+$/.test(orderIdRaw)) return invalid('v3', { order_id: 'must be an integer' });
		order = ctx.store.orders.get(Number(orderIdRaw));
		if (!order) return familyError('v3', 404, `Order ${orderIdRaw} not found`);
	} else if (checkoutId !== null) {
		order = [...ctx.store.orders.values()].find((o) => o.cart_id === checkoutId);
		if (!order) return familyError('v3', 404, `Checkout ${checkoutId} not found`);
	} else {
		return invalid('v3', { order_id: 'order_id or checkout_id is required' });
	}
	const customer = ctx.store.customers.get(order.customer_id);
	const data = [];
	for (const m of ctx.store.methods.values()) {
		if (m.type === 'store_credit' && (!customer || customer.storeCreditCents <= 0)) continue;
		data.push({
			id: m.id,
			name: m.name,
			test_mode: m.testMode,
			type: m.type,
			supported_instruments: m.supported.map((s) => ({ ...s })),
			stored_instruments: (customer?.instruments ?? [])
				.filter((i) => i.methodId === m.id)
				.map(instrumentForMethodList),
		});
	}
	return { status: 200, body: { data, meta: {} } };
}

// ---------- payment access tokens ----------

function createAccessToken(ctx: Ctx): Reply {
	const body = ctx.body;
	if (!isObject(body) || !isObject(body.order))
		return invalid('v3', { order: 'order is required' });
	const id = body.order.id;
	if (!isInt(id) || id < 1)
		return invalid('v3', { 'order.id': 'must be an integer of at least 1' });
	if (body.order.is_recurring !== undefined && typeof body.order.is_recurring !== 'boolean') {
		return invalid('v3', { 'order.is_recurring': 'must be a boolean' });
	}
	const order = ctx.store.orders.get(id);
	if (!order)
		return familyError('v3', 404, 'Order not found', {
			code: 30003,
			detail: `Order ${id} does not exist.`,
		});
	if (!ctx.store.isPayable(order)) {
		return familyError('v3', 422, 'Order is not valid for payment', {
			code: 30101,
			detail:
				'The order must be an Incomplete order (status_id 0) created through the API or a checkout.',
		});
	}
	const iat = Math.floor(ctx.now() / 1000);
	const jti = randomUUID();
	const amountCents = ctx.store.dueCents(order);
	const token = signJwt(
		{
			iss: 'payments.bigcommerce.com',
			sub: ctx.store.hash,
			jti,
			iat,
			nbf: iat,
			exp: iat + PAT_LIFETIME_S,
			data: {
				store_id: ctx.store.storeId,
				order_id: String(order.id),
				amount: amountCents,
				currency: ctx.store.currency,
				is_recurring: body.order.is_recurring === true,
			},
		},
		ctx.store.patSecret,
	);
	ctx.store.pats.set(jti, {
		jti,
		orderId: order.id,
		amountCents,
		orderVersion: order.version,
		exp: (iat + PAT_LIFETIME_S) * 1000,
		used: false,
	});
	return { status: 201, body: { data: { id: token }, meta: {} } };
}

// ---------- v2 orders ----------

const ADDRESS_FIELDS = [
	'first_name',
	'last_name',
	'company',
	'street_1',
	'street_2',
	'city',
	'state',
	'zip',
	'country',
	'country_iso2',
	'phone',
	'email',
];

function validAddress(value: unknown, field: string): string | undefined {
	if (!isObject(value)) return `The field '${field}' is invalid.`;
	for (const key of Object.keys(value)) {
		if (!ADDRESS_FIELDS.includes(key) && key !== 'shipping_method')
			return `The field '${field}.${key}' cannot be written to. Please remove it from your request before trying again.`;
	}
	const zip = value.zip;
	if (zip !== undefined && (typeof zip !== 'string' || zip.length < 2))
		return `The field '${field}.zip' is invalid.`;
	return undefined;
}

function price(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
	return undefined;
}

function buildProducts(ctx: Ctx, orderId: number, products: unknown): OrderProduct[] | string {
	if (!Array.isArray(products) || products.length === 0) return "The field 'products' is invalid.";
	const out: OrderProduct[] = [];
	for (const [index, p] of products.entries()) {
		const at = `products[${index}]`;
		if (!isObject(p)) return `The field '${at}' is invalid.`;
		if (!isInt(p.quantity) || p.quantity < 1) return `The field '${at}.quantity' is invalid.`;
		if (p.product_id !== undefined) {
			if (!isInt(p.product_id)) return `The field '${at}.product_id' is invalid.`;
			const product = ctx.store.products.get(p.product_id);
			if (!product) return `The product with id ${p.product_id} does not exist.`;
			const options = Array.isArray(p.product_options) ? p.product_options : [];
			for (const o of options) {
				const def = product.options?.find((d) => isObject(o) && d.id === o.id);
				if (!isObject(o) || !def || !def.values.includes(String(o.value)))
					return `The field '${at}.product_options' is invalid.`;
			}
			if (product.options?.length && options.length === 0 && p.variant_id === undefined) {
				return `The product '${product.name}' requires product_options.`;
			}
			const inc = p.price_inc_tax !== undefined ? price(p.price_inc_tax) : product.price;
			const ex = p.price_ex_tax !== undefined ? price(p.price_ex_tax) : product.price;
			if (inc === undefined || ex === undefined)
				return `The field '${at}.price_inc_tax' is invalid.`;
			out.push({
				id: ctx.store.nextOrderProductId++,
				order_id: orderId,
				product_id: product.id,
				name: typeof p.name === 'string' ? p.name : product.name,
				sku: product.sku,
				quantity: p.quantity,
				price_ex_tax: ex,
				price_inc_tax: inc,
				product_options: options as { id: number; value: string }[],
			});
			continue;
		}
		const name = p.name ?? p.name_customer;
		if (typeof name !== 'string' || name.length < 1 || name.length > 250)
			return `The field '${at}.name' is invalid.`;
		const inc = price(p.price_inc_tax);
		const ex = price(p.price_ex_tax);
		if (inc === undefined) return `The field '${at}.price_inc_tax' is invalid.`;
		if (ex === undefined) return `The field '${at}.price_ex_tax' is invalid.`;
		out.push({
			id: ctx.store.nextOrderProductId++,
			order_id: orderId,
			product_id: 0,
			name,
			sku: typeof p.sku === 'string' ? p.sku : '',
			quantity: p.quantity,
			price_ex_tax: ex,
			price_inc_tax: inc,
			product_options: [],
		});
	}
	return out;
}

function recomputeTotals(order: Order): void {
	order.total_inc_cents = order.products.reduce(
		(s, p) => s + toCents(p.price_inc_tax) * p.quantity,
		0,
	);
	order.total_ex_cents = order.products.reduce(
		(s, p) => s + toCents(p.price_ex_tax) * p.quantity,
		0,
	);
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

function createOrder(ctx: Ctx): Reply {
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
		cart_id: ctx.store.newCartId(),
		transactions: [],
		version: 1,
	};
	recomputeTotals(order);
	ctx.store.orders.set(id, order);
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
		subtotal_ex_tax: money(o.total_ex_cents),
		subtotal_inc_tax: money(o.total_inc_cents),
		subtotal_tax: money(tax),
		base_shipping_cost: money(0),
		shipping_cost_ex_tax: money(0),
		shipping_cost_inc_tax: money(0),
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
		order_source: 'external',
		is_deleted: false,
		billing_address: { ...o.billing_address, form_fields: [] },
		products: { url: `${base}/products`, resource: `/orders/${o.id}/products` },
		shipping_addresses: {
			url: `${base}/shipping_addresses`,
			resource: `/orders/${o.id}/shipping_addresses`,
		},
		coupons: { url: `${base}/coupons`, resource: `/orders/${o.id}/coupons` },
	};
}

function getOrder(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	return { status: 200, body: orderBody(ctx, order) };
}

function getOrderProducts(ctx: Ctx): Reply {
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

function listOrders(ctx: Ctx): Reply {
	const limit = Math.min(250, Number(ctx.query.get('limit') ?? 50) || 50);
	const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
	const status = ctx.query.get('status_id');
	const customer = ctx.query.get('customer_id');
	const all = [...ctx.store.orders.values()].filter(
		(o) =>
			(status === null || o.status_id === Number(status)) &&
			(customer === null || o.customer_id === Number(customer)),
	);
	const slice = all.slice((page - 1) * limit, page * limit);
	// v2 answers an empty page with 204 and no body, not an empty array.
	if (slice.length === 0) return { status: 204 };
	for (const o of slice) settle(o, ctx.now());
	return { status: 200, body: slice.map((o) => orderBody(ctx, o)) };
}

function updateOrder(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const b = ctx.body;
	if (!isObject(b)) return familyError('v2', 400, 'The request body is invalid.');
	for (const key of Object.keys(b)) {
		if (
			!['status_id', 'products', 'customer_message', 'staff_notes', 'billing_address'].includes(key)
		) {
			return familyError(
				'v2',
				400,
				`The field '${key}' cannot be written to. Please remove it from your request before trying again.`,
			);
		}
	}
	if (b.status_id !== undefined) {
		if (!isInt(b.status_id) || !(b.status_id in ORDER_STATUSES))
			return familyError('v2', 400, "The field 'status_id' is invalid.");
		order.status_id = b.status_id;
	}
	if (b.billing_address !== undefined) {
		const e = validAddress(b.billing_address, 'billing_address');
		if (e) return familyError('v2', 400, e);
		order.billing_address = { ...order.billing_address, ...(b.billing_address as object) };
	}
	if (b.products !== undefined) {
		const products = buildProducts(ctx, order.id, b.products);
		if (typeof products === 'string') return familyError('v2', 400, products);
		order.products = products;
		recomputeTotals(order);
		order.version++;
	}
	if (typeof b.customer_message === 'string') order.customer_message = b.customer_message;
	if (typeof b.staff_notes === 'string') order.staff_notes = b.staff_notes;
	order.date_modified = ctx.now();
	return { status: 200, body: orderBody(ctx, order) };
}

function orderStatuses(): Reply {
	return {
		status: 200,
		body: Object.entries(ORDER_STATUSES).map(([id, name]) => ({
			id: Number(id),
			name,
			order: Number(id),
		})),
	};
}

// ---------- v3 transactions and payment actions ----------

function getTransactions(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	if (order.transactions.length === 0) return { status: 204 };
	const n = order.transactions.length;
	return {
		status: 200,
		body: {
			data: order.transactions,
			meta: {
				pagination: {
					total: n,
					count: n,
					per_page: 50,
					current_page: 1,
					total_pages: 1,
					links: { current: '?page=1&limit=50' },
				},
			},
		},
	};
}

function authorization(order: Order) {
	return order.transactions.find((t) => t.event === 'authorization' && t.status === 'ok');
}

function capture(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const auth = authorization(order);
	if (!auth || order.payment_status !== 'authorized') {
		return familyError('v3', 422, 'The order has no authorization that can be captured.', {
			errors: {},
		});
	}
	const now = ctx.now();
	ctx.store.addTransaction(
		order,
		{
			...auth,
			event: 'capture',
			reference_transaction_id: auth.id,
			gateway_transaction_id: randomUUID(),
		},
		now,
	);
	order.payment_status = 'capture pending';
	order.settles_to = 'captured';
	order.settles_at = now;
	return { status: 201, body: { data: {}, meta: {} } };
}

function voidPayment(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const auth = authorization(order);
	if (!auth || order.payment_status !== 'authorized') {
		return familyError('v3', 422, 'The order has no authorization that can be voided.', {
			errors: {},
		});
	}
	const now = ctx.now();
	ctx.store.addTransaction(
		order,
		{
			...auth,
			event: 'void',
			reference_transaction_id: auth.id,
			gateway_transaction_id: randomUUID(),
		},
		now,
	);
	order.payment_status = 'void pending';
	order.settles_to = 'void';
	order.settles_at = now;
	order.status_id = 5;
	return { status: 201, body: { data: {}, meta: {} } };
}

function refundableCents(order: Order): number {
	return order.paid_cents - order.refunded_cents;
}

function refundAmount(order: Order, items: unknown): number | Reply {
	if (!Array.isArray(items) || items.length === 0)
		return invalid('v3', { items: 'at least one item is required' });
	let cents = 0;
	for (const [i, item] of items.entries()) {
		if (!isObject(item) || typeof item.item_type !== 'string')
			return invalid('v3', { [`items[${i}].item_type`]: 'is required' });
		if (!isInt(item.item_id)) return invalid('v3', { [`items[${i}].item_id`]: 'is required' });
		if (item.item_type === 'ORDER') {
			const a = price(item.amount);
			if (a === undefined)
				return invalid('v3', { [`items[${i}].amount`]: 'must be a non-negative number' });
			cents += toCents(a);
		} else if (item.item_type === 'PRODUCT') {
			const p = order.products.find((x) => x.id === item.item_id);
			if (!p || !isInt(item.quantity) || item.quantity < 1 || item.quantity > p.quantity)
				return invalid('v3', { [`items[${i}]`]: 'unknown order product or bad quantity' });
			cents += toCents(p.price_inc_tax) * item.quantity;
		} else {
			return invalid('v3', {
				[`items[${i}].item_type`]: 'the emulator supports ORDER and PRODUCT items',
			});
		}
	}
	if (cents > refundableCents(order))
		return familyError('v3', 422, 'The refund amount exceeds the amount that can be refunded.', {
			errors: {},
		});
	return cents;
}

function providerFor(ctx: Ctx, order: Order) {
	const method = ctx.store.methods.get(order.payment_provider_id);
	return {
		provider_id: method?.id ?? 'custom',
		provider_description: method?.name ?? 'Manual',
		offline: false,
		offline_provider: false,
		offline_reason: '',
	};
}

function refundQuote(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	if (!isObject(ctx.body)) return invalid('v3', { items: 'is required' });
	const cents = refundAmount(order, ctx.body.items);
	if (typeof cents !== 'number') return cents;
	const amount = cents / 100;
	return {
		status: 201,
		body: {
			data: {
				order_id: order.id,
				total_refund_amount: amount,
				total_refund_tax_amount: 0,
				order_level_refund_amount: amount,
				rounding: 0,
				adjustment: 0,
				tax_inclusive: true,
				refund_methods: [[{ ...providerFor(ctx, order), amount }]],
			},
			meta: {},
		},
	};
}

function createRefund(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const b = ctx.body;
	if (!isObject(b)) return invalid('v3', { items: 'is required' });
	const cents = refundAmount(order, b.items);
	if (typeof cents !== 'number') return cents;
	if (!Array.isArray(b.payments) || b.payments.length === 0)
		return invalid('v3', { payments: 'is required' });
	const paid = b.payments.reduce(
		(s: number, p: unknown) => s + (isObject(p) ? toCents(price(p.amount) ?? NaN) : NaN),
		0,
	);
	if (paid !== cents) {
		return {
			status: 422,
			body: {
				data: [
					{
						status: 422,
						title: 'The payments total does not match the refund quote.',
						type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
					},
				],
			},
		};
	}
	const now = ctx.now();
	const tx = ctx.store.addTransaction(
		order,
		{
			event: 'refund',
			method: 'credit_card',
			amount: cents / 100,
			gateway: ctx.store.methods.get(order.payment_provider_id)?.gateway ?? 'custom',
			gateway_transaction_id: randomUUID(),
			payment_method_id: order.payment_provider_id,
			status: 'ok',
			reference_transaction_id: null,
			date_created: '',
			payment_instrument_token: null,
			credit_card: null,
			gift_certificate: null,
			store_credit: null,
		},
		now,
	);
	order.refunded_cents += cents;
	const full = order.refunded_cents >= order.paid_cents;
	order.status_id = full ? 4 : 14;
	order.payment_status = full ? 'refunded' : 'partially refunded';
	const refund = {
		id: ctx.store.nextRefundId++,
		order_id: order.id,
		user_id: 0,
		created: new Date(now).toISOString(),
		reason:
			typeof b.reason === 'string'
				? b.reason
				: ((b.items as { reason?: unknown }[])
						.map((i) => i.reason)
						.find((r): r is string => typeof r === 'string') ?? ''),
		total_amount: cents / 100,
		total_tax: 0,
		uses_merchant_override_values: false,
		items: b.items as unknown[],
		payments: (b.payments as Record<string, unknown>[]).map((p, i) => ({
			id: i + 1,
			provider_id: p.provider_id,
			amount: p.amount,
			offline: p.offline === true,
			is_declined: false,
			declined_message: '',
			transaction_id: tx.id,
		})),
	};
	ctx.store.refunds.push(refund);
	return { status: 201, body: { data: refund, meta: {} } };
}

function listRefunds(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const data = ctx.store.refunds.filter((r) => r.order_id === order.id);
	return { status: 200, body: { data, meta: {} } };
}

// ---------- customers ----------

function storedInstruments(ctx: Ctx): Reply {
	const customer = ctx.store.customers.get(Number(ctx.params[0]));
	if (!customer) return familyError('v3', 404, 'Customer not found');
	// BigCommerce answers this one endpoint with a bare array, no `data` envelope.
	return {
		status: 200,
		body: customer.instruments.map((i) => {
			if (i.type === 'stored_card') {
				return {
					type: i.type,
					token: i.token,
					is_default: i.isDefault,
					brand: i.brand,
					expiry_month: i.expiryMonth,
					expiry_year: i.expiryYear,
					issuer_identification_number: i.iin,
					last_4: i.last4,
					billing_address: {
						first_name: customer.firstName,
						last_name: customer.lastName,
						email: customer.email,
					},
				};
			}
			if (i.type === 'stored_paypal_account')
				return { type: i.type, token: i.token, is_default: i.isDefault, email: i.email };
			return {
				type: i.type,
				token: i.token,
				is_default: i.isDefault,
				masked_account_number: i.maskedAccountNumber,
				issuer: i.issuer,
			};
		}),
	};
}

// ---------- webhooks ----------

function hookBody(h: Hook) {
	return { ...h };
}

function validateHook(
	b: Record<string, unknown>,
	partial: boolean,
): Record<string, string> | undefined {
	const errors: Record<string, string> = {};
	if (!partial || b.scope !== undefined) {
		if (typeof b.scope !== 'string' || !/^store\/[a-zA-Z/*{}0-9_]+$/.test(b.scope))
			errors.scope = 'error.path.missing.';
	}
	if (!partial || b.destination !== undefined) {
		let ok = false;
		try {
			const u = new URL(String(b.destination));
			ok = u.protocol === 'https:' && (u.port === '' || u.port === '443');
		} catch {
			ok = false;
		}
		if (!ok) errors.destination = 'error.path.missing.';
	}
	if (b.is_active !== undefined && typeof b.is_active !== 'boolean')
		errors.is_active = 'must be a boolean';
	if (b.headers !== undefined && b.headers !== null && !isObject(b.headers))
		errors.headers = 'must be an object';
	return Object.keys(errors).length ? errors : undefined;
}

function listHooks(ctx: Ctx): Reply {
	const limit = Math.max(1, Math.min(250, Number(ctx.query.get('limit') ?? 50) || 50));
	const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
	const mine = [...ctx.store.hooks.values()].filter((h) => h.client_id === ctx.clientId);
	const data = mine.slice((page - 1) * limit, page * limit).map(hookBody);
	const totalPages = Math.max(1, Math.ceil(mine.length / limit));
	return {
		status: 200,
		body: {
			data,
			meta: {
				pagination: {
					total: mine.length,
					count: data.length,
					per_page: limit,
					current_page: page,
					total_pages: totalPages,
					links: { current: `?page=${page}&limit=${limit}` },
				},
			},
		},
	};
}

function hookOr404(ctx: Ctx): Hook | Reply {
	const id = Number(ctx.params[0]);
	const h = ctx.store.hooks.get(id);
	if (!h || h.client_id !== ctx.clientId)
		return familyError('v3', 404, `Webhook with id [${id}] not found`);
	return h;
}

function createHook(ctx: Ctx): Reply {
	if (!isObject(ctx.body)) return invalid('v3', { scope: 'error.path.missing.' });
	const errors = validateHook(ctx.body, false);
	if (errors) return invalid('v3', errors);
	const b = ctx.body;
	const mine = [...ctx.store.hooks.values()].filter(
		(h) => h.client_id === ctx.clientId && h.scope === b.scope,
	);
	if (mine.some((h) => h.destination === b.destination))
		return familyError('v3', 422, 'A webhook for this scope and destination already exists.', {
			errors: {},
		});
	if (mine.length >= 10)
		return familyError('v3', 422, 'At most 10 webhooks per scope.', { errors: {} });
	const now = Math.floor(ctx.now() / 1000);
	const hook: Hook = {
		id: ctx.store.nextHookId++,
		client_id: ctx.clientId ?? '',
		store_hash: ctx.store.hash,
		scope: b.scope as string,
		destination: b.destination as string,
		is_active: b.is_active !== false,
		headers: (b.headers as Record<string, string>) ?? null,
		created_at: now,
		updated_at: now,
	};
	ctx.store.hooks.set(hook.id, hook);
	return { status: 200, body: { data: hookBody(hook), meta: {} } };
}

function getHook(ctx: Ctx): Reply {
	const h = hookOr404(ctx);
	if (isReply(h)) return h;
	return { status: 200, body: { data: hookBody(h), meta: {} } };
}

function updateHook(ctx: Ctx): Reply {
	const h = hookOr404(ctx);
	if (isReply(h)) return h;
	if (!isObject(ctx.body) || Object.keys(ctx.body).length === 0)
		return invalid('v3', { body: 'at least one field is required' });
	const errors = validateHook(ctx.body, true);
	if (errors) return invalid('v3', errors);
	Object.assign(h, ctx.body, { updated_at: Math.floor(ctx.now() / 1000) });
	return { status: 200, body: { data: hookBody(h), meta: {} } };
}

function deleteHook(ctx: Ctx): Reply {
	const h = hookOr404(ctx);
	if (isReply(h)) return h;
	ctx.store.hooks.delete(h.id);
	return { status: 200, body: { data: hookBody(h), meta: {} } };
}

// ---------- store information ----------

function time(ctx: Ctx): Reply {
	return { status: 200, body: { time: Math.floor(ctx.now() / 1000) } };
}

function storeInfo(ctx: Ctx): Reply {
	return {
		status: 200,
		body: {
			id: ctx.store.hash,
			domain: `${ctx.store.hash}.example.com`,
			secure_url: `https://${ctx.store.hash}.example.com`,
			name: ctx.store.name,
			currency: ctx.store.currency,
			currency_symbol: '$',
			timezone: { name: 'Etc/UTC', raw_offset: 0, dst_offset: 0, dst_correction: false },
			plan_name: 'Sandbox',
			plan_level: 'Sandbox',
			is_price_entered_with_tax: false,
			features: { stencil_enabled: false },
		},
	};
}

export const managementRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/v3\/payments\/methods$/,
		scopes: ['store_payments_methods_read'],
		handler: getPaymentMethods,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/payments\/access_tokens$/,
		scopes: ['store_payments_access_token_create'],
		handler: createAccessToken,
	},
	{ method: 'POST', pattern: /^\/v2\/orders$/, scopes: W_ORDERS, handler: createOrder },
	{ method: 'GET', pattern: /^\/v2\/orders$/, scopes: R_ORDERS, handler: listOrders },
	{ method: 'GET', pattern: /^\/v2\/orders\/(\d+)$/, scopes: R_ORDERS, handler: getOrder },
	{ method: 'PUT', pattern: /^\/v2\/orders\/(\d+)$/, scopes: W_ORDERS, handler: updateOrder },
	{
		method: 'GET',
		pattern: /^\/v2\/orders\/(\d+)\/products$/,
		scopes: R_ORDERS,
		handler: getOrderProducts,
	},
	{ method: 'GET', pattern: /^\/v2\/order_statuses$/, scopes: R_ORDERS, handler: orderStatuses },
	{
		method: 'GET',
		pattern: /^\/v3\/orders\/(\d+)\/transactions$/,
		scopes: R_TX,
		handler: getTransactions,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/capture$/,
		scopes: W_ACTIONS,
		handler: capture,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/void$/,
		scopes: W_ACTIONS,
		handler: voidPayment,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/refund_quotes$/,
		scopes: W_ACTIONS,
		handler: refundQuote,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/refunds$/,
		scopes: W_ACTIONS,
		handler: createRefund,
	},
	{
		method: 'GET',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/refunds$/,
		scopes: R_REFUNDS,
		handler: listRefunds,
	},
	{
		method: 'GET',
		pattern: /^\/v3\/customers\/(\d+)\/stored-instruments$/,
		scopes: R_INSTRUMENTS,
		handler: storedInstruments,
	},
	{ method: 'GET', pattern: /^\/v3\/hooks$/, scopes: [], handler: listHooks },
	{ method: 'POST', pattern: /^\/v3\/hooks$/, scopes: [], handler: createHook },
	{ method: 'GET', pattern: /^\/v3\/hooks\/(\d+)$/, scopes: [], handler: getHook },
	{ method: 'PUT', pattern: /^\/v3\/hooks\/(\d+)$/, scopes: [], handler: updateHook },
	{ method: 'DELETE', pattern: /^\/v3\/hooks\/(\d+)$/, scopes: [], handler: deleteHook },
	{ method: 'GET', pattern: /^\/v2\/time$/, scopes: [], handler: time },
	{ method: 'GET', pattern: /^\/v2\/store$/, scopes: R_INFO, handler: storeInfo },
];
