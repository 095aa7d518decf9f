import type { IDataObject } from 'n8n-workflow';

import { BigCommerceApiError } from './errors';
import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';
import { listAllPages } from './pages';

/** A v3 webhook. BigCommerce lists only the hooks of the API account that asks. */
export interface Hook extends IDataObject {
	id: number;
	client_id: string;
	store_hash: string;
	scope: string;
	destination: string;
	is_active: boolean;
	headers: Record<string, string> | null;
	created_at: number;
	updated_at: number;
}

/** What a hook is made or changed with, in the node's terms; hookBody spells it as v3's. */
export interface HookInput {
	scope?: string;
	destination?: string;
	active?: boolean;
	headers?: Record<string, string> | null;
}

const hookBody = ({ active, ...rest }: HookInput): IDataObject => ({
	...rest,
	...(active === undefined ? {} : { is_active: active }),
});

// Hook answers wrap the hook in `data`; older clients saw it bare.
const hookOf = (body: unknown): Hook => {
	const b = body as { data?: Hook } | Hook | undefined;
	return ((b && typeof b === 'object' && 'data' in b && b.data) || b) as Hook;
};

export async function listHooks(
	this: ApiContext,
	connection: StoreConnection,
	query: { scope?: string; destination?: string; is_active?: boolean } = {},
): Promise<Hook[]> {
	const qs = { ...query, limit: 250 };
	return (await listAllPages.call(this, connection, '/v3/hooks', qs)) as Hook[];
}

const isNotFound = (error: unknown) =>
	error instanceof BigCommerceApiError && error.details.httpStatus === 404;

/** A hook that is gone is an answer, not a failure: null. */
export async function getHook(
	this: ApiContext,
	connection: StoreConnection,
	id: number,
): Promise<Hook | null> {
	return await managementRequest
		.call(this, connection, { method: 'GET', path: `/v3/hooks/${id}` })
		.then(
			(response) => hookOf(response.body),
			(error: unknown) => {
				if (isNotFound(error)) return null;
				throw error;
			},
		);
}

/** Not retried: a lost answer may have made the hook, and a second one would double deliveries. */
export async function createHook(
	this: ApiContext,
	connection: StoreConnection,
	hook: HookInput & { scope: string; destination: string },
): Promise<Hook> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: '/v3/hooks',
		body: hookBody(hook),
		idempotent: false,
	});
	return hookOf(response.body);
}

/** Setting the same fields twice leaves the same hook, so it may be retried. */
export async function updateHook(
	this: ApiContext,
	connection: StoreConnection,
	id: number,
	changes: HookInput,
): Promise<Hook> {
	const response = await managementRequest.call(this, connection, {
		method: 'PUT',
		path: `/v3/hooks/${id}`,
		body: hookBody(changes),
		idempotent: true,
	});
	return hookOf(response.body);
}

/**
 * Deleting twice ends the same way, so it may be retried. True when the hook is gone, including when
 * it already was (404); a failure to delete throws.
 */
export async function deleteHook(
	this: ApiContext,
	connection: StoreConnection,
	id: number,
): Promise<true> {
	return await managementRequest
		.call(this, connection, { method: 'DELETE', path: `/v3/hooks/${id}`, idempotent: true })
		.then(
			() => true as const,
			(error: unknown) => {
				if (isNotFound(error)) return true as const;
				throw error;
			},
		);
}
