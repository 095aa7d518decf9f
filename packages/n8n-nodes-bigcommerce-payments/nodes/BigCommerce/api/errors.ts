/**
 * One error shape for every operation, so a Switch node can branch on `code` or `reason` anywhere.
 * What each code means is in errorCodes.ts.
 */
import type { CodeInfo, Outcome } from './errorCodes';
import {
	BY_STATUS,
	CONNECTION_ERROR,
	OUTCOME_UNKNOWN,
	PAYMENT_CODES,
	SERVER_ERROR,
	THREE_D_SECURE,
} from './errorCodes';
import { redact } from './secrets';

export type { Outcome } from './errorCodes';
export { OUTCOME_UNKNOWN, PAYMENT_CODES } from './errorCodes';

export interface ErrorDetails {
	outcome: Outcome;
	/** BigCommerce's numeric error code, when it sent one */
	code: number | null;
	/** a stable slug to branch on */
	reason: string;
	message: string;
	remedy: string;
	retryable: boolean;
	httpStatus: number | null;
	/** the network error's code (ECONNRESET…), kept out of `message`: see describeNetworkCode */
	networkCode?: string;
	/** fields an outcome adds to the failure item (the order's state after a reconciliation…) */
	extra?: Record<string, unknown>;
	/** the method a payment went to when the item did not name one (the default instrument's) */
	paymentMethodId?: string;
}

export class BigCommerceApiError extends Error {
	constructor(readonly details: ErrorDetails) {
		super(details.message);
		this.name = 'BigCommerceApiError';
	}
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads BigCommerce's error bodies: the documented `{status,title,type,detail,code,errors}`, the
 * `{errors:[{code,message}]}` seen in client code, v2's `[{status,message}]`, and refund-style `{data:[...]}`.
 */
export function parseErrorBody(body: unknown): { code: number | null; message: string } {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return { code: null, message: body.slice(0, 300) };
		}
	}
	const first = Array.isArray(parsed)
		? parsed[0]
		: isRecord(parsed) && Array.isArray(parsed.data)
			? parsed.data[0]
			: undefined;
	const source = isRecord(first) ? first : isRecord(parsed) ? parsed : {};
	const listed =
		Array.isArray(source.errors) && isRecord(source.errors[0]) ? source.errors[0] : undefined;
	const rawCode = source.code ?? listed?.code;
	const code =
		typeof rawCode === 'number'
			? rawCode
			: typeof rawCode === 'string' && /^\d+$/.test(rawCode)
				? Number(rawCode)
				: null;
	const parts: string[] = [];
	const title = source.title ?? source.message ?? listed?.message ?? source.error;
	if (typeof title === 'string') parts.push(title);
	if (typeof source.detail === 'string' && source.detail !== title) parts.push(source.detail);
	if (isRecord(source.errors)) {
		const fields = Object.entries(source.errors).map(([k, v]) => `${k}: ${String(v)}`);
		if (fields.length) parts.push(fields.join('; '));
	}
	return { code, message: parts.join(' — ') || 'BigCommerce returned an error without a message' };
}

/**
 * BigCommerce has no code or field of its own for 3-D Secure: it declines such a card as 30102
 * (card not verified) and names 3-D Secure only in the detail text. So the code decides, and the
 * text only tells this 30102 apart from the others.
 */
const needsThreeDSecure = (code: number | null, message: string) =>
	code === 30102 && /3-?D ?Secure|\b3DS\b/i.test(message);

function info(code: number | null, status: number, message: string): CodeInfo {
	if (status !== 401 && needsThreeDSecure(code, message)) return THREE_D_SECURE;
	if (status === 401 || status === 403 || status === 429) return BY_STATUS[status];
	if (code !== null && PAYMENT_CODES[code]) return PAYMENT_CODES[code];
	if (status >= 500) return SERVER_ERROR;
	return BY_STATUS[status] ?? BY_STATUS[422];
}

export function errorFromResponse(
	status: number,
	body: unknown,
	secrets: Array<string | undefined> = [],
): BigCommerceApiError {
	const parsed = parseErrorBody(body);
	const message = redact(parsed.message, secrets);
	const i = info(parsed.code, status, message);
	return new BigCommerceApiError({ ...i, code: parsed.code, message, httpStatus: status });
}

/**
 * A network error in words. n8n replaces any error message that contains ECONNRESET, ETIMEDOUT,
 * ECONNREFUSED… with its own text ("You can retry the request immediately…"), which after a payment
 * is the worst advice there is; so messages describe the failure and the code travels apart.
 */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNABORTED: 'no answer came within the timeout',
	ETIMEDOUT: 'no answer came within the timeout',
	ESOCKETTIMEDOUT: 'no answer came within the timeout',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection was closed while sending',
	ERR_INVALID_URL: 'the URL is invalid',
};

export function describeNetworkCode(code: string | undefined): string {
	return (code && NETWORK_WORDS[code]) ?? 'the connection was lost';
}

/** A payment POST that got a 5xx without a code telling what happened: it may have been charged. */
export function outcomeUnknown(
	message: string,
	httpStatus: number | null,
	remedy = OUTCOME_UNKNOWN.remedy,
	networkCode?: string,
): BigCommerceApiError {
	return new BigCommerceApiError({
		...OUTCOME_UNKNOWN,
		remedy,
		code: null,
		message,
		httpStatus,
		...(networkCode ? { networkCode } : {}),
	});
}

/** The credential cannot describe a store (its Store Hash or a base URL): the user fixes it, not a retry. */
export function credentialError(message: string): BigCommerceApiError {
	return new BigCommerceApiError({
		outcome: 'failed',
		code: null,
		reason: 'invalid_credentials',
		message: redact(message),
		remedy: 'Fix the BigCommerce API credential (its Store Hash or base URLs).',
		retryable: false,
		httpStatus: null,
	});
}

/** A failure decided here, before or without an answer from BigCommerce. */
export function localFailure(
	reason: string,
	message: string,
	remedy: string,
	retryable = false,
): BigCommerceApiError {
	return new BigCommerceApiError({
		outcome: 'failed',
		code: null,
		reason,
		message,
		remedy,
		retryable,
		httpStatus: null,
	});
}

export function connectionError(message: string, networkCode?: string): BigCommerceApiError {
	return new BigCommerceApiError({
		...CONNECTION_ERROR,
		code: null,
		message,
		httpStatus: null,
		...(networkCode ? { networkCode } : {}),
	});
}

export function rateLimited(httpStatus = 429): BigCommerceApiError {
	return new BigCommerceApiError({
		...BY_STATUS[429],
		code: null,
		message: 'BigCommerce rate limit: too many requests',
		httpStatus,
	});
}

/** A payment not sent because the time its sender may send it in had passed: nothing was charged. */
export function sendWindowPassed(): BigCommerceApiError {
	return localFailure(
		'send_window_passed',
		'The payment was not sent: waiting for room in the rate limit took past the time this run holds the order for, so nothing was charged',
		'Safe to retry: run fewer workflows against this store at once.',
		true,
	);
}

/**
 * A lost answer to a request that changes something (timeout, reset, 5xx without a code, 10000):
 * it may or may not have taken effect, and only BigCommerce's records can tell.
 */
export function isLostWrite(error: unknown): error is BigCommerceApiError {
	return (
		error instanceof BigCommerceApiError &&
		(error.details.reason === 'outcome_unknown' || error.details.code === 10000)
	);
}

/** BigCommerce will not pay this order (30101): it is no longer Incomplete, perhaps paid already. */
export function isOrderNotPayable(error: unknown): error is BigCommerceApiError {
	return error instanceof BigCommerceApiError && error.details.code === 30101;
}
