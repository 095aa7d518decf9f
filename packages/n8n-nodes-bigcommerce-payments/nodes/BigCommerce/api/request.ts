/**
 * The two hosts' request loops (management API and payments host), kept in one file over 250 lines
 * because their retry rules differ on purpose and must be read side by side. Only the endpoint files
 * of this folder call these; nothing outside it does.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	BigCommerceApiError,
	connectionError,
	credentialError,
	describeNetworkCode,
	errorFromResponse,
	outcomeUnknown,
	parseErrorBody,
	rateLimited,
	sendWindowPassed,
} from './errors';
import { redact } from './secrets';
import type { StoreConnection } from './store';
import {
	DEFAULT_RATE_LIMIT_WAIT_MS,
	StoreHashError,
	managementBase,
	paymentsEndpoint,
} from './store';
import type { Host } from './pacer';
import { afterRequest, beforeRequest, markExhausted, retryDelayAfter429 } from './pacer';

export const CREDENTIAL_NAME = 'bigCommerceApi';

/** Every n8n context that may talk to BigCommerce: operations, dropdowns, trigger hooks, deliveries and polls. */
export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

const MAX_READ_RETRIES = 4;
const MANAGEMENT_TIMEOUT_MS = 30000;
/** How long a payment may take to answer unless the operation says otherwise. */
export const PAYMENT_TIMEOUT_MS = 15000;

// Errors raised before a byte left this machine: a payment that hits one was certainly not made.
const NOT_SENT = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_INVALID_URL',
]);

function errorCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; cause?: { code?: unknown } };
	const code = e?.code ?? e?.cause?.code;
	return typeof code === 'string' ? code : undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string' || body === '') return body === '' ? undefined : body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * Sends one request through the store's pacer: it waits for room in the window, and hears of the
 * request's end exactly once, answered or not. The result lets a caller look at a failed request's
 * error and decide, without a try/catch around the decision.
 */
async function paced(
	key: string,
	host: Host,
	send: () => Promise<ApiResponse>,
): Promise<{ value: ApiResponse } | { error: unknown }> {
	const sentAt = await beforeRequest(key, host);
	let response: ApiResponse;
	try {
		response = await send();
	} catch (error) {
		afterRequest(key, host, sentAt);
		return { error };
	}
	afterRequest(key, host, sentAt, response?.headers ?? {});
	response.body = parseBody(response.body);
	return { value: response };
}

/** The 429s one request has met: when the first came, and how many. */
interface Storm {
	since?: number;
	times: number;
}

/**
 * A 429 was not processed: mark the store's window spent, wait as long as BigCommerce asks, then
 * retry. Another process sharing the store can keep it spent for a while, so the storm is waited
 * out for a time budget rather than a count; past it, `rate_limited` (nothing was done).
 */
async function waitOut429(
	key: string,
	host: Host,
	headers: Record<string, unknown>,
	storm: Storm,
	connection: StoreConnection,
): Promise<void> {
	const now = Date.now();
	storm.since ??= now;
	const delay = retryDelayAfter429(headers, storm.times++);
	const budget = connection.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
	if (now - storm.since + delay > budget) throw rateLimited();
	markExhausted(key, host, delay, headers);
	await sleep(delay);
}

/** The credential's own store-hash check, thrown from its `authenticate`, possibly wrapped by n8n. */
function isStoreHashError(error: unknown): error is Error {
	for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
		if (e instanceof StoreHashError) return true;
	}
	return false;
}

export interface ManagementRequest {
	method: IHttpRequestMethods;
	/** below /stores/{hash}, e.g. `/v3/payments/methods` */
	path: string;
	qs?: IDataObject;
	/** an object, or a list for the batch endpoints */
	body?: IDataObject | IDataObject[];
	/** safe to repeat after a 5xx or a dropped connection (reads, and POSTs that create nothing of value) */
	idempotent?: boolean;
	/** 4xx statuses whose body the caller reads itself (a batch's partial success): answered, not thrown */
	readStatuses?: number[];
}

/**
 * The management API (api.bigcommerce.com, X-Auth-Token). The credential's `authenticate` adds the
 * store path and the token, so this function never handles the token itself.
 */
export async function managementRequest<T = unknown>(
	this: ApiContext,
	connection: StoreConnection,
	request: ManagementRequest,
): Promise<ApiResponse<T>> {
	const key = managementBase(connection);
	const idempotent = request.idempotent ?? request.method === 'GET';
	const storm: Storm = { times: 0 };
	let failures = 0;
	for (;;) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.path,
			qs: request.qs,
			body: request.body,
			json: true,
			headers: {
				Accept: 'application/json',
				...(request.body ? { 'Content-Type': 'application/json' } : {}),
			},
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: MANAGEMENT_TIMEOUT_MS,
		};
		const attempt = await paced(
			key,
			'management',
			async () =>
				(await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL_NAME,
					options,
				)) as ApiResponse,
		);
		if ('error' in attempt) {
			if (isStoreHashError(attempt.error)) throw credentialError(attempt.error.message);
			const code = errorCode(attempt.error);
			if (idempotent && failures < MAX_READ_RETRIES) {
				await sleep(250 * 2 ** failures++);
				continue;
			}
			if (!idempotent && !(code && NOT_SENT.has(code))) {
				throw outcomeUnknown(
					`${request.method} ${request.path} was sent but no answer arrived: ${describeNetworkCode(code)}`,
					null,
					'The request may have taken effect (an order created, a refund made). Check in BigCommerce before repeating it.',
					code,
				);
			}
			throw connectionError(
				`Could not reach the BigCommerce API: ${describeNetworkCode(code)}`,
				code,
			);
		}
		const response = attempt.value;
		if (response.statusCode === 429) {
			await waitOut429(key, 'management', response.headers, storm, connection);
			continue;
		}
		if (response.statusCode >= 500 && idempotent && failures < MAX_READ_RETRIES) {
			await sleep(250 * 2 ** failures++);
			continue;
		}
		if (response.statusCode >= 500 && !idempotent && parseErrorBody(response.body).code === null) {
			throw outcomeUnknown(
				`BigCommerce answered ${response.statusCode} to ${request.method} ${request.path} without saying whether it was done`,
				response.statusCode,
				'The request may have taken effect (an order created, a refund made). Check in BigCommerce before repeating it.',
			);
		}
		if (response.statusCode >= 400 && !request.readStatuses?.includes(response.statusCode))
			throw errorFromResponse(response.statusCode, response.body);
		return response as ApiResponse<T>;
	}
}

export interface PaymentResult {
	id: string;
	status: string;
	transactionType: string;
}

/**
 * The payments host (payments.bigcommerce.com, `Authorization: PAT`). The only request that moves
 * money, so it is sent once: a 429 is the one answer that proves nothing was processed and may be
 * retried; a timeout, a reset or a 5xx after sending become `outcome_unknown`, never a second charge.
 */
export async function paymentsRequest(
	this: ApiContext,
	connection: StoreConnection,
	pat: string,
	body: IDataObject,
	timeout = PAYMENT_TIMEOUT_MS,
	sendBy?: number,
): Promise<PaymentResult> {
	const key = paymentsEndpoint(connection);
	const storm: Storm = { times: 0 };
	for (;;) {
		const attempt = await paced(key, 'payments', async () => {
			// Waiting for the quota (the pacer, 429s) can outlast the time the caller may still send in.
			if (sendBy !== undefined && Date.now() > sendBy) throw sendWindowPassed();
			return (await this.helpers.httpRequest({
				method: 'POST',
				url: key,
				body,
				json: true,
				headers: {
					Authorization: `PAT ${pat}`,
					Accept: 'application/vnd.bc.v1+json',
					'Content-Type': 'application/json',
				},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout,
			})) as ApiResponse;
		});
		if ('error' in attempt) {
			if (attempt.error instanceof BigCommerceApiError) throw attempt.error;
			const code = errorCode(attempt.error);
			if (code && NOT_SENT.has(code)) {
				throw connectionError(
					`Could not reach the BigCommerce payments host (${describeNetworkCode(code)}); no payment was sent`,
					code,
				);
			}
			throw outcomeUnknown(
				`The payment request was sent but no answer arrived (${describeNetworkCode(code)}): it may have been charged`,
				null,
				undefined,
				code,
			);
		}
		const response = attempt.value;
		if (response.statusCode === 429) {
			await waitOut429(key, 'payments', response.headers, storm, connection);
			continue;
		}
		if (response.statusCode >= 200 && response.statusCode < 300) {
			// The spec moved from a flat 202 body to a 201 `{data: …}`; either may arrive.
			const b = response.body as { data?: IDataObject } & IDataObject;
			const data =
				(b && typeof b === 'object' && b.data && typeof b.data === 'object' ? b.data : b) ?? {};
			return {
				id: String(data.id ?? ''),
				status: String(data.status ?? 'success'),
				transactionType: String(data.transaction_type ?? ''),
			};
		}
		const error = errorFromResponse(response.statusCode, response.body, [pat]);
		if (response.statusCode >= 500 && error.details.code === null) {
			throw outcomeUnknown(
				`BigCommerce answered ${response.statusCode} to the payment without saying whether it was processed: ${redact(error.message, [pat])}`,
				response.statusCode,
			);
		}
		throw error;
	}
}
