import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, PaymentResult } from './request';
import { managementRequest, paymentsRequest } from './request';
import type { StoreConnection } from './store';
import { BigCommerceApiError } from './errors';
import type { Instrument } from './instruments';
import { instrumentBody } from './instruments';

export type { PaymentResult } from './request';
export { PAYMENT_TIMEOUT_MS } from './request';

export interface StoredInstrument extends IDataObject {
	type: string;
	token: string;
	is_default: boolean;
}

export interface PaymentMethod extends IDataObject {
	id: string;
	name: string;
	type: string;
	test_mode: boolean;
	supported_instruments: { instrument_type: string; verification_value_required?: boolean }[];
	stored_instruments?: StoredInstrument[];
}

export async function getPaymentMethods(
	this: ApiContext,
	connection: StoreConnection,
	query: { order_id?: number; checkout_id?: string },
): Promise<PaymentMethod[]> {
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: '/v3/payments/methods',
		qs: query as IDataObject,
	});
	return (response.body as { data?: PaymentMethod[] } | undefined)?.data ?? [];
}

const PREFERENCE = ['stored_card', 'stored_paypal_account', 'stored_bank_account'];

/** Among the methods, the customer's default instrument, cards first. */
export function pickDefault(
	methods: PaymentMethod[],
): { method: PaymentMethod; instrument: StoredInstrument } | undefined {
	const candidates = methods.flatMap((method) =>
		(method.stored_instruments ?? [])
			.filter((s) => s.is_default)
			.map((instrument) => ({ method, instrument })),
	);
	candidates.sort(
		(a, b) => PREFERENCE.indexOf(a.instrument.type) - PREFERENCE.indexOf(b.instrument.type),
	);
	return candidates[0];
}

/** The order customer's default instrument, found through the order's own payment methods. */
export async function findDefaultInstrument(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
): Promise<{ method: PaymentMethod; instrument: StoredInstrument } | undefined> {
	return pickDefault(await getPaymentMethods.call(this, connection, { order_id: orderId }));
}

/** Whether the method asks for the CVV of a stored card. */
export function requiresStoredCardCvv(method: PaymentMethod): boolean {
	return (method.supported_instruments ?? []).some(
		(s) => s.instrument_type === 'STORED_CARD' && s.verification_value_required === true,
	);
}

export async function createPaymentAccessToken(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	isRecurring: boolean,
): Promise<string> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: '/v3/payments/access_tokens',
		body: { order: { id: orderId, is_recurring: isRecurring } },
		// A second token for the same order is harmless, so a lost answer may be asked again.
		idempotent: true,
	});
	const body = response.body as { data?: { id?: unknown } };
	const token = body?.data?.id;
	if (typeof token !== 'string' || token === '') {
		throw new BigCommerceApiError({
			outcome: 'failed',
			code: 30100,
			reason: 'token_not_created',
			message: 'BigCommerce answered without a payment access token',
			remedy: 'Retry later.',
			retryable: true,
			httpStatus: response.statusCode,
		});
	}
	return token;
}

/** The `payment` of POST /payments: the instrument, and the method that charges it. */
export interface Payment {
	instrument: Instrument;
	paymentMethodId: string;
	saveInstrument?: boolean;
}

/**
 * POST /payments on the payments host with a payment access token. Sent once: see
 * `paymentsRequest` for why only a 429 is retried.
 */
export async function processPayment(
	this: ApiContext,
	connection: StoreConnection,
	pat: string,
	payment: Payment,
	timeoutMs?: number,
	/** not sent after this time (this machine's clock, ms): see paymentsRequest */
	sendBy?: number,
): Promise<PaymentResult> {
	return await paymentsRequest.call(
		this,
		connection,
		pat,
		{
			payment: {
				instrument: instrumentBody(payment.instrument),
				payment_method_id: payment.paymentMethodId,
				...(payment.saveInstrument ? { save_instrument: true } : {}),
			},
		},
		timeoutMs,
		sendBy,
	);
}
