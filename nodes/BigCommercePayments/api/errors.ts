/**
 * One error shape for every operation, so a Switch node can branch on `code` or `reason` anywhere.
 * The table follows BigCommerce's payments error codes; `remedy` is what the merchant should do.
 */

export type Outcome = 'declined' | 'failed';

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
}

interface CodeInfo {
	reason: string;
	outcome: Outcome;
	retryable: boolean;
	remedy: string;
}

export const PAYMENT_CODES: Record<number, CodeInfo> = {
	10000: {
		reason: 'temporary_error',
		outcome: 'failed',
		retryable: true,
		remedy:
			'BigCommerce had a temporary problem. Retry the payment later with a new payment access token.',
	},
	10001: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'Fix the invalid or missing data named in the message, then retry.',
	},
	30000: {
		reason: 'payment_method_not_configured',
		outcome: 'failed',
		retryable: false,
		remedy:
			'Set up this payment method in the BigCommerce control panel, or pick another Payment Method ID.',
	},
	30001: {
		reason: 'payment_method_misconfigured',
		outcome: 'failed',
		retryable: false,
		remedy:
			"The gateway rejects the store's configuration of this method: check its settings in the BigCommerce control panel.",
	},
	30002: {
		reason: 'vaulting_unavailable',
		outcome: 'failed',
		retryable: false,
		remedy:
			'Stored cards are not enabled for this payment method: turn them on in the control panel, or turn off Save Instrument.',
	},
	30003: {
		reason: 'order_not_found',
		outcome: 'failed',
		retryable: false,
		remedy: 'Check the Order ID: no such order exists.',
	},
	30004: {
		reason: 'order_changed',
		outcome: 'failed',
		retryable: true,
		remedy:
			"The order's line items or total changed after the payment access token was created. Create a new token (automatic mode does) and retry.",
	},
	30050: {
		reason: 'instrument_not_saved',
		outcome: 'failed',
		retryable: false,
		remedy:
			'The card could not be saved: check its details (two-digit month, four-digit year) or pay without Save Instrument.',
	},
	30051: {
		reason: 'stored_instrument_not_found',
		outcome: 'failed',
		retryable: false,
		remedy:
			"The stored instrument does not exist or does not belong to the order's customer: use one listed by Payment Method → Get Many for this order.",
	},
	30100: {
		reason: 'token_not_created',
		outcome: 'failed',
		retryable: true,
		remedy: 'BigCommerce could not create a payment access token. Retry later.',
	},
	30101: {
		reason: 'order_not_payable',
		outcome: 'failed',
		retryable: false,
		remedy:
			'Only an Incomplete order (status_id 0) created through the API can be paid: it may already be paid. Check the order before charging again.',
	},
	30102: {
		reason: 'card_not_verified',
		outcome: 'declined',
		retryable: false,
		remedy:
			'The card details could not be verified: ask the customer to check the card or use another.',
	},
	30103: {
		reason: 'card_expired',
		outcome: 'declined',
		retryable: false,
		remedy: 'The card has expired: ask the customer for a current card.',
	},
	30104: {
		reason: 'processing_error',
		outcome: 'declined',
		retryable: false,
		remedy: 'The card could not be processed: the customer should contact their card issuer.',
	},
	30105: {
		reason: 'duplicate',
		outcome: 'declined',
		retryable: false,
		remedy:
			"The gateway saw this as a duplicate of an earlier payment: do not retry; check the order's transactions.",
	},
	30106: {
		reason: 'insufficient_funds',
		outcome: 'declined',
		retryable: true,
		remedy:
			'Declined for insufficient funds: retry later (for example in a nightly run) or ask for another payment method.',
	},
	30107: {
		reason: 'authorization_revoked',
		outcome: 'declined',
		retryable: false,
		remedy:
			'The customer withdrew the stored PayPal authorization: ask them to pay again at checkout.',
	},
};

const THREE_D_SECURE: CodeInfo = {
	reason: 'three_d_secure_required',
	outcome: 'declined',
	retryable: false,
	remedy:
		'The card needs 3-D Secure, which a server-to-server payment cannot complete: have the shopper save the card at checkout, then charge it as a stored card.',
};

const BY_STATUS: Record<number, CodeInfo> = {
	400: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce rejected the request as malformed: check the fields named in the message.',
	},
	401: {
		reason: 'unauthorized',
		outcome: 'failed',
		retryable: false,
		remedy:
			'The access token (or the payment access token) was rejected: check the credential, or create a new payment access token.',
	},
	403: {
		reason: 'missing_scope',
		outcome: 'failed',
		retryable: false,
		remedy:
			'The API account lacks the OAuth scope this operation needs: add it to the API account in BigCommerce (see the README for the list).',
	},
	404: {
		reason: 'not_found',
		outcome: 'failed',
		retryable: false,
		remedy:
			"Nothing exists at that ID for this store: check the ID and the credential's store hash.",
	},
	405: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce does not allow this method here.',
	},
	406: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce refused the Accept header.',
	},
	409: {
		reason: 'conflict',
		outcome: 'failed',
		retryable: false,
		remedy: "The request conflicts with the resource's current state.",
	},
	415: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce refused the Content-Type.',
	},
	422: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'Fix the invalid or missing data named in the message, then retry.',
	},
	429: {
		reason: 'rate_limited',
		outcome: 'failed',
		retryable: true,
		remedy:
			'BigCommerce kept answering "too many requests": run fewer workflows against this store at once, or retry later.',
	},
};

const SERVER_ERROR: CodeInfo = {
	reason: 'server_error',
	outcome: 'failed',
	retryable: true,
	remedy: 'BigCommerce had a server error. Retry later.',
};

export const OUTCOME_UNKNOWN: CodeInfo = {
	reason: 'outcome_unknown',
	outcome: 'failed',
	retryable: false,
	remedy:
		"The payment request was sent but no answer arrived, so it may have been charged. Do not retry blindly: check the order's status and transactions in BigCommerce first.",
};

const CONNECTION_ERROR: CodeInfo = {
	reason: 'connection_error',
	outcome: 'failed',
	retryable: true,
	remedy:
		"BigCommerce could not be reached, and nothing was sent. Check the network and the credential's base URLs, then retry.",
};

export class BigCommerceApiError extends Error {
	constructor(readonly details: ErrorDetails) {
		super(details.message);
		this.name = 'BigCommerceApiError';
	}
}

/** Card numbers keep their last 4; JWTs (PATs) and the given secrets disappear. */
export function redact(text: string, secrets: Array<string | undefined> = []): string {
	let out = text.replace(/\b(?:\d[ -]?){8,15}(\d{4})\b/g, '•••• $1');
	out = out.replace(/\beyJ[\w-]*\.[\w-]+\.[\w-]+/g, '[redacted token]');
	for (const secret of secrets) {
		if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
	}
	return out;
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

function info(code: number | null, status: number, message: string): CodeInfo {
	if (/3-?D ?Secure|\b3DS\b/i.test(message) && status !== 401) return THREE_D_SECURE;
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

/** A payment POST that got a 5xx without a code telling what happened: it may have been charged. */
export function outcomeUnknown(
	message: string,
	httpStatus: number | null,
	remedy = OUTCOME_UNKNOWN.remedy,
): BigCommerceApiError {
	return new BigCommerceApiError({ ...OUTCOME_UNKNOWN, remedy, code: null, message, httpStatus });
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

export function connectionError(message: string): BigCommerceApiError {
	return new BigCommerceApiError({ ...CONNECTION_ERROR, code: null, message, httpStatus: null });
}

export function rateLimited(httpStatus = 429): BigCommerceApiError {
	return new BigCommerceApiError({
		...BY_STATUS[429],
		code: null,
		message: 'BigCommerce rate limit: too many requests',
		httpStatus,
	});
}
