import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { StoreConnection } from '../transport/connection';
import { BigCommerceApiError } from './errors';
import { managementRequest } from '../transport/request';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** The typed calls the operations share. Each is one BigCommerce endpoint. */

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
	this: Context,
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

export async function createPaymentAccessToken(
	this: Context,
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
