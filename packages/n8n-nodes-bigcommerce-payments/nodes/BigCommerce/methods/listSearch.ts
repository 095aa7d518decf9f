import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Order, OrderFilters, StoreConnection } from '../api';
import {
	BigCommerceApiError,
	controlPanelOrderUrl,
	credentialSecrets,
	getConnection,
	getPaymentMethods,
	listCustomersPage,
	listOrdersPage,
	redact,
} from '../api';
import { currentOrderId } from '../actions/parameters';
import { redactedNode } from '../helpers/failures';

const PAGE = 50;

/**
 * BigCommerce's answer, or the credential's own explanation, says what to fix. The editor shows the
 * error with the node it carries: the node's card and token fields masked, as in an execution.
 */
export async function listError(
	this: ILoadOptionsFunctions,
	error: unknown,
	what: string,
): Promise<NodeOperationError> {
	const secrets = await credentialSecrets.call(this);
	const message =
		error instanceof BigCommerceApiError ? error.details.message : `Could not load ${what}`;
	return new NodeOperationError(redactedNode(this.getNode(), secrets), redact(message, secrets));
}

function orderName(order: Order): string {
	const billing = (order.billing_address ?? {}) as { first_name?: string; last_name?: string };
	const who = [billing.first_name, billing.last_name].filter(Boolean).join(' ') || 'Guest';
	const total = Number(order.total_inc_tax ?? 0).toFixed(2);
	return `#${order.id} · ${who} · ${total} ${String(order.currency_code ?? '')} · ${order.status ?? ''}`
		.replace(/ · $/, '')
		.replace(/ {2,}/g, ' ');
}

/**
 * Newest orders first, a page at a time. A number searches that order id, an email that
 * customer's orders, anything else the billing name on the page.
 */
async function searchOrderList(
	this: ILoadOptionsFunctions,
	base: OrderFilters,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const search = filter?.trim() ?? '';
	const filters: OrderFilters = { ...base, sort: 'date_created:desc' };
	if (/^\d+$/.test(search)) filters.min_id = filters.max_id = Number(search);
	else if (search.includes('@')) filters.email = search;
	const page = Number(paginationToken) || 1;
	try {
		const connection = await getConnection.call(this);
		const orders = await listOrdersPage.call(this, connection, filters, page, PAGE);
		const byName =
			search && !/^\d+$/.test(search) && !search.includes('@')
				? orders.filter((o) => orderName(o).toLowerCase().includes(search.toLowerCase()))
				: orders;
		const results: INodeListSearchItems[] = byName.map((o) => ({
			name: orderName(o),
			value: String(o.id),
			url: controlPanelOrderUrl(connection, o.id),
		}));
		return {
			results,
			...(orders.length === PAGE ? { paginationToken: String(page + 1) } : {}),
		};
	} catch (error) {
		throw await listError.call(this, error, 'orders');
	}
}

/**
 * Recent orders of any status (capture, void, refund, reading). BigCommerce does not say whether an
 * unfiltered list shows Incomplete orders; none of these operations needs one.
 */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchOrderList.call(this, {}, filter, paginationToken);
}

/** Recent Incomplete orders (status 0): the ones the Payments API can charge, asked for by status. */
export async function searchIncompleteOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchOrderList.call(this, { status_id: 0 }, filter, paginationToken);
}

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	try {
		const connection = await getConnection.call(this);
		const page = Number(paginationToken) || 1;
		const { customers, nextPage } = await listCustomersPage.call(
			this,
			connection,
			page,
			filter?.trim() || undefined,
			PAGE,
		);
		return {
			results: customers.map((c) => ({
				name: `${[c.first_name, c.last_name].filter(Boolean).join(' ')} <${c.email}>`,
				value: String(c.id),
			})),
			...(nextPage ? { paginationToken: String(nextPage) } : {}),
		};
	} catch (error) {
		throw await listError.call(this, error, 'customers');
	}
}

/** The payment methods of the chosen order or checkout; none while neither is chosen. */
async function methodsInScope(this: ILoadOptionsFunctions, connection: StoreConnection) {
	let checkoutId: unknown;
	try {
		if (this.getCurrentNodeParameter('lookUpBy') === 'checkout')
			checkoutId = this.getCurrentNodeParameter('checkoutId');
	} catch {
		// only Payment Method → Get Many looks up by checkout
	}
	if (typeof checkoutId === 'string' && checkoutId.trim())
		return await getPaymentMethods.call(this, connection, { checkout_id: checkoutId.trim() });
	const orderId = currentOrderId.call(this);
	if (orderId === undefined) return [];
	return await getPaymentMethods.call(this, connection, { order_id: orderId });
}

export async function searchPaymentMethods(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	try {
		const connection = await getConnection.call(this);
		const needle = filter?.trim().toLowerCase() ?? '';
		const methods = await methodsInScope.call(this, connection);
		return {
			results: methods
				.filter((m) => !needle || `${m.name} ${m.id}`.toLowerCase().includes(needle))
				.map((m) => ({
					name: `${m.name}${m.test_mode ? ' (test mode)' : ''} · ${m.id}`,
					value: m.id,
				})),
		};
	} catch (error) {
		throw await listError.call(this, error, 'payment methods');
	}
}

/**
 * The order customer's stored instruments, as the order's own payment methods offer them (so only
 * ones a gateway of this store can charge), narrowed to the chosen type and method. The value is
 * the token: choosing one is the point of this list.
 */
export async function searchStoredInstruments(
	this: ILoadOptionsFunctions,
): Promise<INodeListSearchResult> {
	// Trimmed as the operation trims them: a method typed By ID as " stripe.card " is stripe.card.
	const read = (name: string) => {
		try {
			const value = this.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
			return typeof value === 'string' ? value.trim() : value;
		} catch {
			return undefined;
		}
	};
	const type = read('instrumentType');
	const methodId = read('paymentMethodId');
	try {
		const connection = await getConnection.call(this);
		const methods = await methodsInScope.call(this, connection);
		const results: INodeListSearchItems[] = [];
		for (const m of methods) {
			if (typeof methodId === 'string' && methodId && m.id !== methodId) continue;
			for (const s of m.stored_instruments ?? []) {
				if (typeof type === 'string' && type.startsWith('stored_') && s.type !== type) continue;
				results.push({ name: `${instrumentName(s)} · ${m.name}`, value: s.token });
			}
		}
		return { results };
	} catch (error) {
		throw await listError.call(this, error, 'stored instruments');
	}
}

/** "Visa ending 4242 (12/2031), default"; never more of the card than its last 4. */
export function instrumentName(s: Record<string, unknown>): string {
	const tail = s.is_default ? ', default' : '';
	if (s.type === 'stored_card') {
		const expiry = s.expiry_month
			? ` (${String(s.expiry_month).padStart(2, '0')}/${s.expiry_year})`
			: '';
		return `${s.brand ?? 'Card'} ending ${s.last_4 ?? '????'}${expiry}${tail}`;
	}
	if (s.type === 'stored_paypal_account') return `PayPal ${s.email ?? ''}${tail}`;
	return `Bank account ${s.masked_account_number ?? ''}${s.issuer ? ` (${s.issuer})` : ''}${tail}`;
}
