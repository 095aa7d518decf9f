import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Settings } from './runtime';
import type { StoreState } from './store';

export type Family = 'v2' | 'v3' | 'payments' | 'admin';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Ctx {
	req: IncomingMessage;
	res: ServerResponse;
	method: string;
	/** path below /stores/{hash} (or below /__emulator for admin) */
	path: string;
	params: string[];
	query: URLSearchParams;
	body: unknown;
	family: Family;
	store: StoreState;
	settings: Settings;
	now: () => number;
	clientId?: string;
	/** on the payments host: the order the payment access token names, for the request log */
	orderId?: number;
}

export const ERROR_TYPE =
	'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

const STATUS_TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	406: 'Not Acceptable',
	409: 'Conflict',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** An error in the envelope its API family uses: v2 arrays, v3 problem objects, payments problems with a code. */
export function familyError(
	family: Family,
	status: number,
	title?: string,
	extra: { detail?: string; code?: number; errors?: Record<string, string> } = {},
): Reply {
	const text = title ?? STATUS_TITLES[status] ?? 'Error';
	if (family === 'v2') return { status, body: [{ status, message: text }] };
	const body: Record<string, unknown> = { status, title: text, type: ERROR_TYPE };
	if (extra.detail !== undefined) body.detail = extra.detail;
	if (extra.code !== undefined) body.code = extra.code;
	if (extra.errors !== undefined) body.errors = extra.errors;
	return { status, body };
}

/** A payments-host error: BigCommerce's numeric code travels in `code`, its meaning in `title`/`detail`. */
export function paymentError(
	status: number,
	code: number,
	title: string,
	detail?: string,
	errors?: Record<string, string>,
): Reply {
	return familyError('payments', status, title, { code, detail, errors });
}

export function invalid(
	family: Family,
	errors: Record<string, string>,
	title = 'JSON data is missing or invalid',
): Reply {
	if (family === 'v2') {
		const [field, message] = Object.entries(errors)[0] ?? ['body', 'is invalid'];
		return {
			status: 400,
			body: [{ status: 400, message: `The field '${field}' is invalid: ${message}` }],
		};
	}
	if (family === 'payments')
		return paymentError(422, 10001, 'Invalid or missing data', title, errors);
	return familyError(family, 422, title, { errors });
}

export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new Error('body too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, reply: Reply, contentType = 'application/json'): void {
	const headers: Record<string, string> = { ...reply.headers };
	if (reply.body === undefined || reply.status === 204) {
		res.writeHead(reply.status, headers);
		res.end();
		return;
	}
	const text = JSON.stringify(reply.body);
	headers['Content-Type'] = contentType;
	headers['Content-Length'] = String(Buffer.byteLength(text));
	res.writeHead(reply.status, headers);
	res.end(text);
}

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 2822, the date format of BigCommerce's v2 API. */
export function rfc2822(ms: number): string {
	return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** Tells a handler's early answer apart from the record it looked up (records carry an `id`). */
export const isReply = (v: unknown): v is Reply =>
	isObject(v) && 'status' in v && typeof v.status === 'number' && !('id' in v);
