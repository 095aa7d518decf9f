/**
 * What BigCommerce's own records say about an order's payments: the one truth every execution,
 * every n8n worker and every retry shares. Reads only.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import type { StoreConnection } from './store';
import { BigCommerceApiError } from './errors';
import type { Order } from './orders';
import { getOrder } from './orders';
import type { Transaction } from './transactions';
import { listTransactions } from './transactions';

/** payment_status values that mean money was taken, or is being taken, for the order. */
const PAID_STATUSES = new Set([
	'authorized',
	'captured',
	'capture pending',
	'paid',
	'pending',
	'held for review',
	'partially refunded',
	'refunded',
]);

/** Transaction events that take money (a capture completes an authorization already counted). */
const PAYING_EVENTS = new Set(['purchase', 'authorization', 'pending']);

export interface OrderPayments {
	order: Order;
	/** null when they could not be read; `transactionsNote` says why */
	transactions: Transaction[] | null;
	transactionsNote?: string;
}

/**
 * The order, and its transactions when the API account may read them. Without a transactions
 * scope (403), or while BigPay is unavailable (503), the order alone has to do.
 */
export async function readOrderPayments(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	/** the order as just read: only the transactions are read then */
	known?: Order,
): Promise<OrderPayments> {
	const order = known ?? (await getOrder.call(this, connection, orderId));
	let transactions: Transaction[];
	try {
		transactions = await listTransactions.call(this, connection, orderId);
	} catch (error) {
		const reason = error instanceof BigCommerceApiError ? error.details.reason : 'unexpected_error';
		const note =
			reason === 'missing_scope'
				? 'no transactions scope: decided from the order alone'
				: `transactions unavailable (${reason}): decided from the order alone`;
		return { order, transactions: null, transactionsNote: note };
	}
	return { order, transactions };
}

export const cents = (value: unknown) => Math.round(Number(value ?? 0) * 100);

/** Paid, authorized or settling: BigCommerce took (or is taking) money for it. */
export function isPaid(order: Order): boolean {
	if (order.status_id === 0) return false;
	// Pending with a balance is part-paid: a gift certificate or store credit covered some of it.
	if (order.status_id === 1 && isPartPaid(order)) return false;
	return PAID_STATUSES.has(String(order.payment_status ?? ''));
}

/** Pending (1) after a gift certificate or store credit covered part of the total. */
export function isPartPaid(order: Order): boolean {
	const covered = cents(order.gift_certificate_amount) + cents(order.store_credit_amount);
	return order.status_id === 1 && covered > 0 && covered < cents(order.total_inc_tax);
}

/**
 * What a payment would charge now: all of an Incomplete order, the rest of a part-paid one (after
 * its gift certificate or store credit), nothing of a paid one.
 */
export function amountDueCents(order: Order): number {
	if (order.status_id !== 0 && !isPartPaid(order)) return 0;
	return (
		cents(order.total_inc_tax) -
		cents(order.gift_certificate_amount) -
		cents(order.store_credit_amount)
	);
}

export function payingTransactions(transactions: Transaction[] | null): Transaction[] {
	return (transactions ?? []).filter((t) => t.status === 'ok' && PAYING_EVENTS.has(t.event));
}

const maskCode = (code: unknown) => {
	const text = typeof code === 'string' ? code : '';
	return text.length > 4 ? `…${text.slice(-4)}` : '…';
};

/**
 * A transaction as outputs show it: which gateway, how much, when, with what. Never the
 * stored-instrument token, and a gift certificate only by its last 4 characters.
 */
export function summarizeTransaction(t: Transaction): IDataObject {
	const card = t.credit_card as IDataObject | null | undefined;
	const gift = t.gift_certificate as IDataObject | null | undefined;
	return {
		id: t.id,
		event: t.event,
		method: t.method,
		gateway: t.gateway,
		paymentMethodId: (t.payment_method_id as string | undefined) ?? null,
		amount: t.amount,
		currency: t.currency,
		date: (t.date_created as string | undefined) ?? null,
		gatewayTransactionId: (t.gateway_transaction_id as string | undefined) ?? null,
		...(card ? { card: { brand: card.card_type ?? null, last4: card.card_last4 ?? null } } : {}),
		...(gift ? { giftCertificate: { code: maskCode(gift.code) } } : {}),
	};
}

/** How much each instrument paid: from the transactions, or the order's own totals without them. */
export function paidBy(payments: OrderPayments): IDataObject[] {
	if (payments.transactions)
		return payingTransactions(payments.transactions).map(summarizeTransaction);
	const { order } = payments;
	const parts: IDataObject[] = [];
	const gift = cents(order.gift_certificate_amount);
	const credit = cents(order.store_credit_amount);
	if (gift > 0) parts.push({ method: 'gift_certificate', amount: gift / 100 });
	if (credit > 0) parts.push({ method: 'store_credit', amount: credit / 100 });
	const rest = isPaid(order) ? cents(order.total_inc_tax) - gift - credit : 0;
	if (rest > 0)
		parts.push({
			method: 'gateway',
			paymentMethodId: (order.payment_provider_id as string | undefined) ?? null,
			amount: rest / 100,
		});
	return parts;
}

/** The order's payment state, as outputs show it. */
export function orderState(order: Order): IDataObject {
	return {
		statusId: order.status_id ?? null,
		status: order.status ?? null,
		paymentStatus: order.payment_status ?? null,
		totalIncTax: order.total_inc_tax ?? null,
	};
}
