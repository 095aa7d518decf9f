import { randomUUID } from 'node:crypto';

import type { Ctx, Reply } from './http';
import type { Approval, Validated } from './payments';
import { brandOf } from './cards';
import type { SeedMethod } from './seed';
import type { Charge, Order } from './store';
import { creditCardOf } from './store';

const TRANSACTION_METHODS: Record<string, string> = {
	card: 'credit_card',
	stored_card: 'credit_card',
	stored_paypal_account: 'electronic_wallet',
	stored_bank_account: 'token',
	gift_certificate: 'gift_certificate',
	store_credit: 'store_credit',
	tokenized_card: 'token',
};

/**
 * A decline the gateway gave is on the order's transaction list with `status: error`, as
 * BigCommerce shows failed attempts; nothing is paid and the order does not move.
 */
export function recordDecline(
	ctx: Ctx,
	order: Order,
	method: SeedMethod,
	v: Validated,
	amountCents: number,
): void {
	const store = ctx.store;
	let card: Charge['card'];
	let token: string | null = null;
	if (v.kind === 'card') {
		card = {
			brand: brandOf(v.number),
			last_4: v.number.slice(-4),
			iin: v.number.slice(0, 6),
			expiry_month: v.month,
			expiry_year: v.year,
		};
	} else if (v.kind === 'token') {
		const owned = store.customers
			.get(order.customer_id)
			?.instruments.find((i) => i.token === v.token);
		token = v.token;
		if (owned?.type === 'stored_card')
			card = {
				brand: owned.brand ?? '',
				last_4: owned.last4 ?? '',
				iin: owned.iin,
				expiry_month: owned.expiryMonth,
				expiry_year: owned.expiryYear,
			};
	}
	const type = v.kind === 'token' ? v.type : v.kind;
	store.addTransaction(
		order,
		{
			event: method.authorizeOnly && method.type === 'card' ? 'authorization' : 'purchase',
			method: TRANSACTION_METHODS[type] ?? 'token',
			amount: amountCents / 100,
			gateway: method.gateway,
			gateway_transaction_id: randomUUID(),
			payment_method_id: method.id,
			status: 'error',
			date_created: '',
			payment_instrument_token: token,
			credit_card: creditCardOf(card),
			gift_certificate: null,
			store_credit: null,
		},
		ctx.now(),
	);
}

export function commit(
	ctx: Ctx,
	order: Order,
	method: SeedMethod,
	a: Approval,
	instrumentType: string,
): Reply {
	const store = ctx.store;
	const now = ctx.now();
	const authorizeOnly = method.authorizeOnly && a.kind === 'gateway';
	const transactionType = authorizeOnly ? 'authorization' : 'purchase';
	const charge: Charge = {
		id: randomUUID(),
		order_id: order.id,
		amount: a.amountCents / 100,
		currency: store.currency,
		payment_method_id: method.id,
		instrument_type: instrumentType,
		card: a.card,
		status: a.status,
		transaction_type: transactionType,
		at: new Date(now).toISOString(),
	};
	store.charges.push(charge);
	store.addTransaction(
		order,
		{
			event: a.status === 'pending' ? 'pending' : transactionType,
			method: a.method,
			amount: a.amountCents / 100,
			gateway: method.gateway,
			gateway_transaction_id: charge.id,
			payment_method_id: method.id,
			status: 'ok',
			date_created: '',
			payment_instrument_token: a.instrumentToken,
			credit_card: creditCardOf(a.card),
			gift_certificate: a.giftCertificate ?? null,
			store_credit: a.storeCredit ?? null,
		},
		now,
	);
	order.paid_cents += a.amountCents;
	if (a.kind === 'store_credit') order.store_credit_cents += a.amountCents;
	if (a.kind === 'gift_certificate') order.gift_certificate_cents += a.amountCents;
	order.payment_provider_id = method.id;
	order.payment_method = method.name;
	order.version++;
	order.date_modified = now;
	if (store.dueCents(order) === 0) {
		store.setStatus(order, 11);
		// Once its order is paid the cart is gone, and BigCommerce says so with cart/converted.
		if (store.carts.delete(order.cart_id))
			store.events.emit('store/cart/converted', {
				type: 'cart',
				id: order.cart_id,
				orderId: order.id,
			});
		order.payment_status =
			a.status === 'pending' ? 'pending' : authorizeOnly ? 'authorized' : 'captured';
	} else {
		// Store credit or a gift certificate covered part of it: Pending until the rest is paid.
		store.setStatus(order, 1);
		order.payment_status = 'pending';
	}
	return {
		status: 201,
		body: { data: { id: charge.id, transaction_type: transactionType, status: a.status } },
	};
}
