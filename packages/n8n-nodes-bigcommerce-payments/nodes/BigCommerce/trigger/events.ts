import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/** What the user can pick. The values are BigCommerce webhook scopes, so they are registered as is. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All Cart Events', value: 'store/cart/*' },
	{ name: 'All Customer Events', value: 'store/customer/*' },
	{ name: 'All Order Events', value: 'store/order/*' },
	{ name: 'Cart Abandoned', value: 'store/cart/abandoned' },
	{ name: 'Cart Converted', value: 'store/cart/converted' },
	{ name: 'Cart Created', value: 'store/cart/created' },
	{
		name: 'Customer Default Payment Instrument Updated',
		value: 'store/customer/payment/instrument/default/updated',
	},
	{ name: 'Order Archived', value: 'store/order/archived' },
	{ name: 'Order Created', value: 'store/order/created' },
	{ name: 'Order Refund Created', value: 'store/order/refund/created' },
	{ name: 'Order Status Updated', value: 'store/order/statusUpdated' },
	{ name: 'Order Transaction Created', value: 'store/order/transaction/created' },
	{ name: 'Order Transaction Updated', value: 'store/order/transaction/updated' },
	{ name: 'Order Updated', value: 'store/order/updated' },
];

export const ORDER_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Awaiting Fulfillment (11)', value: 11 },
	{ name: 'Awaiting Payment (7)', value: 7 },
	{ name: 'Awaiting Pickup (8)', value: 8 },
	{ name: 'Awaiting Shipment (9)', value: 9 },
	{ name: 'Cancelled (5)', value: 5 },
	{ name: 'Completed (10)', value: 10 },
	{ name: 'Declined (6)', value: 6 },
	{ name: 'Disputed (13)', value: 13 },
	{ name: 'Incomplete (0)', value: 0 },
	{ name: 'Manual Verification Required (12)', value: 12 },
	{ name: 'Partially Refunded (14)', value: 14 },
	{ name: 'Partially Shipped (3)', value: 3 },
	{ name: 'Pending (1)', value: 1 },
	{ name: 'Refunded (4)', value: 4 },
	{ name: 'Shipped (2)', value: 2 },
];

const isWildcard = (scope: string) => scope.endsWith('/*');

/**
 * The scopes to register: a wildcard covers its specific scopes, so those are not registered twice
 * (two hooks would deliver every event twice).
 */
export function registrationScopes(chosen: string[]): string[] {
	const wildcards = chosen.filter(isWildcard).map((w) => w.slice(0, -1));
	const unique = [...new Set(chosen)];
	return unique
		.filter((s) => isWildcard(s) || !wildcards.some((prefix) => s.startsWith(prefix)))
		.sort();
}

/** Store-level scope of an event, with a channel's `store/channel/{id}/` prefix folded away. */
function storeScope(scope: string): string {
	return scope.replace(/^store\/channel\/\d+\//, 'store/');
}

export function isChosen(scope: string, chosen: string[]): boolean {
	const s = storeScope(scope);
	return chosen.some((c) => (isWildcard(c) ? s.startsWith(c.slice(0, -1)) : c === s));
}

export interface DeliveryEnvelope extends IDataObject {
	scope: string;
	store_id: string;
	data: IDataObject;
	hash: string;
	created_at: number;
	producer: string;
}

export function isEnvelope(body: unknown): body is DeliveryEnvelope {
	const b = body as DeliveryEnvelope | undefined;
	return (
		typeof b === 'object' &&
		b !== null &&
		typeof b.scope === 'string' &&
		typeof b.data === 'object' &&
		b.data !== null
	);
}

const toId = (value: unknown): number | null => {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) ? n : null;
};

/** `store/order/refund/created` → `orderRefundCreated`; channel scopes give the store-level name. */
export function eventName(scope: string): string {
	const parts = storeScope(scope)
		.replace(/^store\//, '')
		.split('/');
	return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/**
 * Fields to branch on without knowing each scope's shape. Every key is always present (null when the
 * scope does not carry it), so an IF node reads the same path for every event.
 */
export function normalise(envelope: DeliveryEnvelope): IDataObject {
	const scope = envelope.scope;
	const data = envelope.data;
	const s = storeScope(scope);
	const channel = /^store\/channel\/(\d+)\//.exec(scope);
	const status = data.status as IDataObject | undefined;
	const refund = data.refund as IDataObject | undefined;
	const address = data.address as IDataObject | undefined;

	let orderId: number | null = null;
	if (channel) orderId = toId(data.order_id);
	else if (s.startsWith('store/order/metafield/')) orderId = toId(data.resource_id);
	else if (s.startsWith('store/order/transaction/')) orderId = toId(data.order_id);
	else if (s.startsWith('store/order/')) orderId = toId(data.id);
	else if (s === 'store/cart/converted') orderId = toId(data.orderId);

	const transaction = s.startsWith('store/order/transaction/')
		? {
				id: data.transaction_id ?? null,
				status: data.transaction_status ?? null,
				type: data.transaction_type ?? null,
				result: data.result ?? null,
				platformTransactionId: data.platform_transaction_id ?? null,
				providerTransactionId: data.provider_transaction_id ?? null,
			}
		: null;

	let customerId: number | null = null;
	if (s.startsWith('store/customer/address/')) customerId = toId(address?.customer_id);
	else if (s.startsWith('store/customer/')) customerId = toId(data.id);

	return {
		event: eventName(scope),
		orderId,
		newStatusId: toId(status?.new_status_id),
		previousStatusId: toId(status?.previous_status_id),
		transaction,
		refundId: toId(refund?.refund_id),
		cartId: s.startsWith('store/cart/') && typeof data.id === 'string' ? data.id : null,
		customerId,
		channelId: channel ? Number(channel[1]) : null,
	};
}

export interface StatusFilter {
	previous: number[];
	next: number[];
}

/** Status filters narrow status-change events only; every other chosen event passes. */
export function passesStatusFilter(fields: IDataObject, scope: string, filter: StatusFilter) {
	if (storeScope(scope) !== 'store/order/statusUpdated') return true;
	if (filter.previous.length && !filter.previous.includes(fields.previousStatusId as number))
		return false;
	if (filter.next.length && !filter.next.includes(fields.newStatusId as number)) return false;
	return true;
}
