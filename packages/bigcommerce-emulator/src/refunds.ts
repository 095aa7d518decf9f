import { randomUUID } from 'node:crypto';

import type { Ctx, Reply } from './http';
import { ERROR_TYPE, familyError, invalid, isInt, isObject, isReply } from './http';
import { price } from './orderInput';
import { orderOr404 } from './orders';
import type { Order } from './store';
import { toCents } from './store';

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

/** The payment a refund goes back to: the last successful charge or capture on the order. */
function paidWith(order: Order) {
	return [...order.transactions]
		.reverse()
		.find((t) => t.status === 'ok' && ['purchase', 'capture', 'pending'].includes(t.event));
}

/** BigCommerce names refund providers by gateway (`braintree`, `storecredit`), not by method id. */
function providerFor(ctx: Ctx, order: Order) {
	const method = ctx.store.methods.get(order.payment_provider_id);
	return {
		provider_id: method?.gateway ?? 'custom',
		provider_description: method?.name ?? 'Manual',
		offline: false,
		offline_provider: false,
		offline_reason: '',
	};
}

export function refundQuote(ctx: Ctx): Reply {
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

export function createRefund(ctx: Ctx): Reply {
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
	if (paid !== cents) return batchError('The payments total does not match the refund quote.');
	const provider = providerFor(ctx, order).provider_id;
	const unknown = b.payments.find((p) => !isObject(p) || p.provider_id !== provider);
	if (unknown !== undefined)
		return batchError(
			`The payment provider ${JSON.stringify(isObject(unknown) ? unknown.provider_id : unknown)} is not a refund method of this order; use ${provider}.`,
		);
	const original = paidWith(order);
	const now = ctx.now();
	const tx = ctx.store.addTransaction(
		order,
		{
			event: 'refund',
			method: original?.method ?? 'custom',
			amount: cents / 100,
			gateway: ctx.store.methods.get(order.payment_provider_id)?.gateway ?? 'custom',
			gateway_transaction_id: randomUUID(),
			payment_method_id: order.payment_provider_id,
			status: 'ok',
			reference_transaction_id: original?.id,
			date_created: '',
			payment_instrument_token: original?.payment_instrument_token ?? null,
			credit_card: original?.credit_card,
			gift_certificate: null,
			store_credit: null,
		},
		now,
	);
	order.refunded_cents += cents;
	const full = order.refunded_cents >= order.paid_cents;
	ctx.store.setStatus(order, full ? 4 : 14);
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
		items: (b.items as Record<string, unknown>[]).map((item) => refundedItem(order, item)),
		payments: (b.payments as Record<string, unknown>[]).map((p) => ({
			id: ctx.store.nextRefundPaymentId++,
			provider_id: p.provider_id,
			amount: price(p.amount),
			offline: p.offline === true,
			is_declined: false,
			declined_message: '',
			transaction_id: String(tx.id),
		})),
	};
	ctx.store.refunds.push(refund);
	ctx.store.events.emit('store/order/refund/created', {
		type: 'order',
		id: order.id,
		refund: { refund_id: refund.id },
	});
	return { status: 201, body: { data: refund, meta: {} } };
}

export function listRefunds(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const data = ctx.store.refunds.filter((r) => r.order_id === order.id);
	return { status: 200, body: { data, meta: {} } };
}

/**
 * A refund's item as POST and GET …/payment_actions/refunds give it (`RefundItem`):
 * `requested_amount` is the spec's `Amount`, a number and not nullable. For a quantity-bound item it
 * is what the quantity refunds, as the refunds guide's example shows (a PRODUCT with quantity 1 and
 * `requested_amount: 10`).
 */
function refundedItem(order: Order, item: Record<string, unknown>) {
	const out: Record<string, unknown> = { item_type: item.item_type, item_id: item.item_id };
	if (item.quantity !== undefined) out.quantity = item.quantity;
	const amount = price(item.amount);
	if (amount !== undefined) out.requested_amount = amount;
	else {
		const product = order.products.find((p) => p.id === item.item_id);
		out.requested_amount =
			(toCents(product?.price_inc_tax ?? 0) * Number(item.quantity ?? 0)) / 100;
	}
	if (typeof item.reason === 'string') out.reason = item.reason;
	return out;
}

/**
 * GET /v3/orders/payment_actions/refunds/{refund_id} answers its own schema (`RefundID_Get`), which
 * types an item's `requested_amount` as a nullable string ('109.11'), `null` for a quantity-bound
 * item as its example shows, and lists payments without `transaction_id`. The same refund listed per
 * order keeps numbers: each endpoint answers as its spec says (docs/bigcommerce-spec-notes.md).
 */
export function getRefund(ctx: Ctx): Reply {
	const refund = ctx.store.refunds.find((r) => r.id === Number(ctx.params[0]));
	if (!refund) return familyError('v3', 404, `Refund ${ctx.params[0]} not found`);
	const items = (refund.items as Record<string, unknown>[]).map((item) => ({
		...item,
		requested_amount: item.quantity === undefined ? Number(item.requested_amount).toFixed(2) : null,
	}));
	const payments = (refund.payments as Record<string, unknown>[]).map((payment) =>
		Object.fromEntries(Object.entries(payment).filter(([key]) => key !== 'transaction_id')),
	);
	return { status: 200, body: { data: { ...refund, items, payments }, meta: {} } };
}

function batchError(title: string): Reply {
	return { status: 422, body: { data: [{ status: 422, title, type: ERROR_TYPE }] } };
}
