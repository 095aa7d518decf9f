/**
 * Order metafields (Orders v3): the one compare-and-set BigCommerce documents on an order. A
 * metafield is unique per API account, namespace, key and order, and creating a second one is a 409,
 * which reaches callers as `reason: 'already_exists'`.
 */
import type { IDataObject } from 'n8n-workflow';

import { ALREADY_EXISTS, BY_STATUS, SERVER_ERROR } from './errorCodes';
import { BigCommerceApiError, errorFromResponse, localFailure, outcomeUnknown } from './errors';
import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';
import { listAllPages } from './pages';
import { redact } from './secrets';

/** Who else may see and change a metafield: `app_only` is private to the API account that made it. */
export type MetafieldPermission =
	| 'app_only'
	| 'read'
	| 'write'
	| 'read_and_sf_access'
	| 'write_and_sf_access';

export interface Metafield extends IDataObject {
	id: number;
	permission_set: MetafieldPermission;
	namespace: string;
	key: string;
	value: string;
	description: string;
	resource_type: string;
	/** the order's id */
	resource_id: number;
	/** the API account that made it */
	owner_client_id: string;
	date_created: string;
	date_modified: string;
}

/** What a create or an update sends; BigCommerce requires all but `description`, on PUT too. */
export interface MetafieldInput extends IDataObject {
	permission_set: MetafieldPermission;
	/** 1 to 64 characters */
	namespace: string;
	/** 1 to 64 characters */
	key: string;
	/** 1 to 65535 characters */
	value: string;
	/** up to 255 characters */
	description?: string;
}

/** One value matches it exactly; several match any of them (`namespace:in`, `key:in`). */
export interface MetafieldFilter {
	namespace?: string | string[];
	key?: string | string[];
}

/** One item of a batch create that BigCommerce refused. */
export interface MetafieldBatchError {
	/** the item's 0-based position in the request, when BigCommerce's error names one */
	position: number | null;
	httpStatus: number | null;
	/** `already_exists` for a duplicate, otherwise the reason its status stands for */
	reason: string;
	message: string;
}

export interface MetafieldBatchResult {
	/** what BigCommerce made: a batch is not atomic, so these exist even when others failed */
	created: Metafield[];
	errors: MetafieldBatchError[];
}

const PAGE_LIMIT = 250;

/** A 409 on a metafield always means one with this namespace and key exists: say so. */
function alreadyExists(error: unknown): unknown {
	if (!(error instanceof BigCommerceApiError) || error.details.httpStatus !== 409) return error;
	return new BigCommerceApiError({ ...error.details, ...ALREADY_EXISTS });
}

const dataOf = (body: unknown): Metafield => (body as { data: Metafield }).data;

/** The query for a filter, or null when it can match nothing (an empty list of values). */
function filterQuery(filter: MetafieldFilter): IDataObject | null {
	const qs: IDataObject = { limit: PAGE_LIMIT };
	for (const name of ['namespace', 'key'] as const) {
		const value = filter[name];
		if (value === undefined) continue;
		if (typeof value === 'string') {
			qs[name] = value;
			continue;
		}
		if (value.length === 0) return null;
		// `:in` lists are comma-separated: a value with a comma cannot be asked for in one.
		if (value.some((v) => v.includes(',')))
			throw localFailure(
				'invalid_request',
				`A metafield ${name} with a comma cannot be one of several ${name}s to look for`,
				`Look for it on its own (a single ${name}).`,
			);
		qs[`${name}:in`] = value.join(',');
	}
	return qs;
}

/**
 * Creates a metafield on an order (200 at BigCommerce). Not retried after a lost answer: the
 * metafield may exist, and only reading tells; a duplicate throws `reason: 'already_exists'`.
 */
export async function createOrderMetafield(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	metafield: MetafieldInput,
): Promise<Metafield> {
	const response = await managementRequest
		.call(this, connection, {
			method: 'POST',
			path: `/v3/orders/${orderId}/metafields`,
			body: metafield,
			idempotent: false,
		})
		.catch((error: unknown) => {
			throw alreadyExists(error);
		});
	return dataOf(response.body);
}

/** The order's metafields this API account may see, every page, filtered by namespace and key. */
export async function listOrderMetafields(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	filter: MetafieldFilter = {},
): Promise<Metafield[]> {
	const qs = filterQuery(filter);
	if (!qs) return [];
	const path = `/v3/orders/${orderId}/metafields`;
	return (await listAllPages.call(this, connection, path, qs)) as Metafield[];
}

/** Metafields across every order (the batch GET), every page, filtered by namespace and key. */
export async function findOrderMetafields(
	this: ApiContext,
	connection: StoreConnection,
	filter: MetafieldFilter,
): Promise<Metafield[]> {
	const qs = filterQuery(filter);
	if (!qs) return [];
	return (await listAllPages.call(this, connection, '/v3/orders/metafields', qs)) as Metafield[];
}

/**
 * Replaces a metafield's fields (all four required ones, as BigCommerce's PUT wants). Setting the
 * same fields twice ends the same, so it may be retried; a key another metafield of this account
 * holds on the order throws `already_exists`.
 */
export async function updateOrderMetafield(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	metafieldId: number,
	metafield: MetafieldInput,
): Promise<Metafield> {
	const response = await managementRequest
		.call(this, connection, {
			method: 'PUT',
			path: `/v3/orders/${orderId}/metafields/${metafieldId}`,
			body: metafield,
			idempotent: true,
		})
		.catch((error: unknown) => {
			throw alreadyExists(error);
		});
	return dataOf(response.body);
}

/**
 * Deletes a metafield; deleting twice ends the same, so it may be retried. True when this call
 * deleted it, false when BigCommerce answered 404: it was already gone (perhaps by an earlier try).
 */
export async function deleteOrderMetafield(
	this: ApiContext,
	connection: StoreConnection,
	orderId: number,
	metafieldId: number,
): Promise<boolean> {
	return await managementRequest
		.call(this, connection, {
			method: 'DELETE',
			path: `/v3/orders/${orderId}/metafields/${metafieldId}`,
			idempotent: true,
		})
		.then(
			() => true,
			(error: unknown) => {
				if (error instanceof BigCommerceApiError && error.details.httpStatus === 404) return false;
				throw error;
			},
		);
}

interface BatchBody {
	data?: unknown;
	errors?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** One entry per item an `Error` of the batch names (its `errors` map), or one for the whole `Error`. */
function batchErrors(errors: unknown[]): MetafieldBatchError[] {
	const out: MetafieldBatchError[] = [];
	for (const e of errors) {
		const error = isRecord(e) ? e : {};
		const status = typeof error.status === 'number' ? error.status : null;
		const info =
			status === 409
				? ALREADY_EXISTS
				: status !== null && status >= 500
					? SERVER_ERROR
					: (BY_STATUS[status ?? 422] ?? BY_STATUS[422]);
		const title = typeof error.title === 'string' ? error.title : 'Bulk operation has failed';
		const items = isRecord(error.errors) ? Object.entries(error.errors) : [];
		if (items.length === 0)
			out.push({ position: null, httpStatus: status, reason: info.reason, message: redact(title) });
		for (const [key, why] of items)
			out.push({
				position: /^\d+$/.test(key) ? Number(key) : null,
				httpStatus: status,
				reason: info.reason,
				message: redact(`${title}: ${String(why)}`),
			});
	}
	return out;
}

/**
 * Creates several metafields in one request (the batch POST), each naming its order in
 * `resource_id`. BigCommerce does each item on its own: all made is 200; some refused is 422 with
 * what was made and why the others were not, which this returns rather than throws. Not retried
 * after a lost answer (some may exist).
 */
export async function createOrderMetafields(
	this: ApiContext,
	connection: StoreConnection,
	metafields: Array<MetafieldInput & { resource_id: number }>,
): Promise<MetafieldBatchResult> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: '/v3/orders/metafields',
		body: metafields,
		idempotent: false,
		readStatuses: [422],
	});
	const body = (isRecord(response.body) ? response.body : {}) as BatchBody;
	if (Array.isArray(body.data) && (response.statusCode === 200 || Array.isArray(body.errors)))
		return {
			created: body.data as Metafield[],
			errors: Array.isArray(body.errors) ? batchErrors(body.errors) : [],
		};
	// A 422 that is no partial success (no data and errors lists) refused the whole request.
	if (response.statusCode === 422) throw errorFromResponse(422, response.body);
	throw outcomeUnknown(
		'BigCommerce answered the metafield batch without the list of what it made',
		response.statusCode,
		'Some metafields may have been made: list them on the orders before sending the batch again.',
	);
}
