/**
 * What an AI agent or an MCP client reads back when the node runs as a tool: one small object per
 * result that says what happened in words and in fields (`outcome`, `orderId`, `amount`, `reason`,
 * `retryable`, `repeat`), never a token, a card number or a gift certificate code. The normal
 * outputs are unchanged; this is only what a tool call returns.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ErrorDetails } from '../../api';
import { summarizeTransaction } from '../../api';
import type { FailureContext } from '../../helpers/failures';

/** What the node read before the operation ran, for the answer (the amount a charge takes). */
export interface Facts {
	amountDue?: number;
	currency?: string | null;
}

const num = (v: unknown): number | null =>
	v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v);

/** "VISA •••• 4242", "PayPal account", "gift certificate": what paid, in words. */
function instrumentText(summary: unknown): string | null {
	const s = (summary ?? {}) as IDataObject;
	if (!s.type) return null;
	if (s.last4) return `${String(s.brand ?? 'card')} •••• ${String(s.last4)}`;
	return String(s.type).replace(/_/g, ' ');
}

/** An order as an agent needs it: who, how much, what state; not the whole V2 record. */
export function compactOrder(o: IDataObject): IDataObject {
	const billing = (o.billing_address ?? {}) as IDataObject;
	return {
		orderId: o.id ?? null,
		status: o.status ?? null,
		statusId: o.status_id ?? null,
		paymentStatus: o.payment_status || null,
		total: num(o.total_inc_tax),
		refunded: num(o.refunded_amount),
		currency: o.currency_code ?? null,
		customerId: o.customer_id ?? null,
		email: billing.email ?? null,
		name: [billing.first_name, billing.last_name].filter(Boolean).join(' ') || null,
		created: o.date_created ?? null,
		paymentMethod: o.payment_method || null,
		externalOrderId: o.external_order_id || null,
	};
}

function processAnswer(json: IDataObject, facts: Facts): IDataObject {
	const repeat = json.alreadyPaid === true;
	const tx = json.transaction as IDataObject | null | undefined;
	return {
		outcome: 'approved',
		orderId: json.orderId,
		amount: repeat ? num(tx?.amount) : (facts.amountDue ?? null),
		currency: facts.currency ?? tx?.currency ?? null,
		paymentId: json.paymentId ?? null,
		status: json.status ?? null,
		transactionType: json.transactionType ?? null,
		paidWith: instrumentText(json.instrument),
		repeat,
		retryable: false,
		message: repeat
			? `Nothing was charged now: order ${String(json.orderId)} was already paid. Do not pay it again.`
			: `Order ${String(json.orderId)} was charged${json.status === 'pending' ? ' (the payment is pending at the gateway)' : ''}. Do not pay it again.`,
	};
}

function refundAnswer(json: IDataObject): IDataObject {
	const repeat = json.repeat === true;
	const item = ((json.items as IDataObject[] | undefined) ?? [])[0] ?? {};
	return {
		outcome: 'refunded',
		orderId: json.orderId ?? json.order_id ?? null,
		refundId: json.id ?? null,
		amount: num(json.total_amount),
		refundReason: json.refundReason ?? item.reason ?? json.reason ?? null,
		idempotencyKey: json.idempotencyKey ?? null,
		repeat,
		retryable: false,
		message: repeat
			? `Nothing was refunded now: refund ${String(json.id)} was already made with this idempotency key.${json.repeatNote ? ` ${String(json.repeatNote)}` : ''}`
			: `Refund ${String(json.id)} was made. Calling again with the same idempotency key returns it and refunds nothing.`,
	};
}

function paymentActionAnswer(json: IDataObject): IDataObject {
	const action = String(json.action);
	const repeat = json.repeat === true;
	return {
		outcome: action === 'capture' ? 'captured' : 'voided',
		orderId: json.orderId,
		paymentStatus: json.paymentStatus ?? null,
		status: json.status ?? null,
		repeat,
		retryable: false,
		message: `${repeat ? `The ${action} had already been made` : `The ${action} was accepted`}; the order's payment status is "${String(json.paymentStatus ?? 'unknown')}". Do not ${action} it again.`,
	};
}

function createAnswer(json: IDataObject): IDataObject {
	const repeat = json.existing === true;
	return {
		outcome: 'created',
		orderId: json.id ?? null,
		amount: num(json.total_inc_tax),
		currency: json.currency_code ?? null,
		status: json.status ?? null,
		idempotencyKey: json.idempotencyKey ?? null,
		repeat,
		retryable: false,
		message: repeat
			? `No new order: order ${String(json.id)} already carries this idempotency key. Use it.`
			: `Order ${String(json.id)} was created, Incomplete until it is paid.`,
	};
}

const SECRET_KEY = /token|^(code|number|cvv|verification_value|gift_certificate_code)$/i;

/** Stored instruments and methods without their tokens: an agent names them, it never sends them. */
function withoutTokens(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutTokens);
	if (value === null || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(value as IDataObject)) {
		if (SECRET_KEY.test(k)) continue;
		out[k] = withoutTokens(v) as IDataObject[keyof IDataObject];
	}
	return out;
}

/** The answer to one successful result of `operation` (`resource.operation`). */
export function toolAnswer(operation: string, json: IDataObject, facts: Facts): IDataObject {
	switch (operation) {
		case 'payment.process':
			return processAnswer(json, facts);
		case 'order.refund':
			return refundAnswer(json);
		case 'order.capture':
		case 'order.void':
			return paymentActionAnswer(json);
		case 'order.create':
			return createAnswer(json);
		case 'order.get':
		case 'order.getAll':
			return compactOrder(json);
		case 'transaction.getAll':
			return summarizeTransaction(json as never);
		default:
			return withoutTokens(json) as IDataObject;
	}
}

/** A failure or a refusal, in the same words and fields. */
export function toolFailure(
	details: ErrorDetails & { field?: string },
	context: FailureContext,
): IDataObject {
	const extra = (details.extra ?? {}) as IDataObject;
	return {
		outcome: extra.refused === true ? 'refused' : details.outcome,
		orderId: context.orderId ?? null,
		reason: details.reason,
		code: details.code,
		message: details.message,
		remedy: details.remedy,
		retryable: details.retryable,
		...(details.field ? { field: details.field } : {}),
		...(extra.refused === true ? { sent: false } : {}),
		...(extra.order ? { order: extra.order } : {}),
	};
}
