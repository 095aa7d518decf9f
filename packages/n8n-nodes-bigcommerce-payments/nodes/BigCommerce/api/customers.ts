import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';

export interface Customer extends IDataObject {
	id: number;
	email: string;
	first_name: string;
	last_name: string;
}

/** A stored card, PayPal account or bank account; `type` says which. */
export interface CustomerInstrument extends IDataObject {
	type: 'stored_card' | 'stored_paypal_account' | 'stored_bank_account' | string;
	token: string;
	is_default: boolean;
	brand?: string;
	last_4?: string;
	expiry_month?: number;
	expiry_year?: number;
	email?: string;
	masked_account_number?: string;
	issuer?: string;
}

/**
 * GET /v3/customers/{id}/stored-instruments. The spec answers a bare array (no `data`, no paging);
 * a `{data: [...]}` envelope, as every other v3 list has, is read too.
 */
export async function getStoredInstruments(
	this: ApiContext,
	connection: StoreConnection,
	customerId: number,
): Promise<CustomerInstrument[]> {
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: `/v3/customers/${customerId}/stored-instruments`,
	});
	const body = response.body as CustomerInstrument[] | { data?: CustomerInstrument[] } | undefined;
	if (Array.isArray(body)) return body;
	return Array.isArray(body?.data) ? body.data : [];
}

export interface CustomerPage {
	customers: Customer[];
	/** the next page's number, when there is one */
	nextPage?: number;
}

/** One page of GET /v3/customers, optionally narrowed by a name or an email (contains). */
export async function listCustomersPage(
	this: ApiContext,
	connection: StoreConnection,
	page: number,
	search?: string,
	limit = 50,
): Promise<CustomerPage> {
	const qs: IDataObject = { page, limit };
	if (search) qs[search.includes('@') ? 'email:in' : 'name:like'] = search;
	const response = await managementRequest.call(this, connection, {
		method: 'GET',
		path: '/v3/customers',
		qs,
	});
	const body = response.body as
		| { data?: Customer[]; meta?: { pagination?: { current_page?: number; total_pages?: number } } }
		| undefined;
	const pagination = body?.meta?.pagination;
	const current = Number(pagination?.current_page ?? page);
	const total = Number(pagination?.total_pages ?? current);
	return {
		customers: body?.data ?? [],
		...(current < total ? { nextPage: current + 1 } : {}),
	};
}
