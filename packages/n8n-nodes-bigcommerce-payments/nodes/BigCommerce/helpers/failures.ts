import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorDetails } from '../api';
import { BigCommerceApiError, maskNode, redact, redactValue } from '../api';
import { InputError } from './validation';

export interface FailureContext {
	orderId?: number;
	paymentMethodId?: string;
}

/**
 * Turns anything an operation threw into the one failure shape (`code`, `reason`, `message`,
 * `remedy`, `retryable`, `httpStatus`, plus the order and method it concerned).
 */
export function describeFailure(
	error: unknown,
	itemIndex: number,
): ErrorDetails & { field?: string } {
	if (error instanceof BigCommerceApiError) return error.details;
	if (error instanceof InputError) {
		return {
			outcome: 'failed',
			code: null,
			reason: 'invalid_input',
			message: `${error.message} (item ${itemIndex})`,
			remedy: `Fix the "${error.field}" parameter; nothing was sent to BigCommerce.`,
			retryable: false,
			httpStatus: null,
			field: error.field,
		};
	}
	const message = error instanceof Error ? error.message : String(error);
	return {
		outcome: 'failed',
		code: null,
		reason: 'unexpected_error',
		message: redact(message),
		remedy: 'An unexpected error occurred; see the message.',
		retryable: false,
		httpStatus: null,
	};
}

export function failureJson(
	details: ErrorDetails & { field?: string },
	context: FailureContext,
): IDataObject {
	const json: IDataObject = {
		outcome: details.outcome,
		code: details.code,
		reason: details.reason,
		message: details.message,
		remedy: details.remedy,
		retryable: details.retryable,
		httpStatus: details.httpStatus,
		orderId: context.orderId ?? null,
		paymentMethodId: context.paymentMethodId ?? null,
	};
	if (details.field) json.field = details.field;
	if (details.networkCode) json.networkCode = details.networkCode;
	return { ...json, ...((details.extra ?? {}) as IDataObject) };
}

/**
 * The codes for which n8n's NodeError swaps the whole message for its own generic text
 * (n8n-workflow COMMON_ERRORS, matched anywhere in the message, case-insensitively). Our messages
 * already say it in words; this catches a code inside text we pass on (an upstream detail).
 */
const N8N_REWORDED = [
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'ETIMEDOUT',
	'ERRADDRINUSE',
	'EADDRNOTAVAIL',
	'ECONNABORTED',
	'EHOSTUNREACH',
	'EAI_AGAIN',
	'ENOENT',
	'EISDIR',
	'ENOTDIR',
	'EACCES',
	'EEXIST',
	'EPERM',
	'GETADDRINFO',
];

/** The message with each of those codes split by a space, so n8n shows it as written. */
export function keptAsWritten(message: string): string {
	let out = message;
	for (const code of N8N_REWORDED) {
		out = out.replace(new RegExp(code, 'gi'), (m) => `${m.slice(0, 1)} ${m.slice(1)}`);
	}
	return out;
}

/** A call's value or its error, so the caller decides outside a catch (and throws what it chose). */
export async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
	try {
		return { value: await promise };
	} catch (error) {
		return { error };
	}
}

/**
 * Parameters that hold a card number, a CVV, a token or a bearer code: masked whole wherever the node
 * is copied into an error (every other parameter is scrubbed of what looks like a secret). Every
 * password field of the node must be here; test/node/leak.parameters.test.ts checks that it is.
 */
export const SECRET_PARAMETERS = [
	'cardNumber',
	'cvv',
	'paymentAccessToken',
	'giftCertificateCode',
	'tokenizedCardToken',
	'storedToken',
];

/**
 * n8n stores an error together with its node, parameters included, in the execution data. A card
 * number or a token typed into the node would ride along, so errors carry a copy with those values
 * masked (a resource locator's value too) and `secrets` scrubbed from the others.
 */
export function redactedNode(node: INode, secrets: readonly string[] = []): INode {
	return maskNode(node, SECRET_PARAMETERS, secrets);
}

/**
 * The values item `i` gives the secret parameters, as typed or as its expressions resolve: what a
 * message must not repeat (BigCommerce may echo a value, a path may carry one).
 */
export function itemSecrets(this: IExecuteFunctions, i: number): string[] {
	const out: string[] = [];
	for (const name of SECRET_PARAMETERS) {
		try {
			const raw = this.getNodeParameter(name, i, '') as unknown;
			const value =
				raw !== null && typeof raw === 'object' && 'value' in raw
					? (raw as { value: unknown }).value
					: raw;
			if (typeof value === 'string' || typeof value === 'number') out.push(String(value).trim());
		} catch {
			// an expression that fails here failed the item already
		}
	}
	return out;
}

/** A failure with `secrets`, card numbers, JWTs and long tokens scrubbed from what it says. */
export function withoutSecrets(
	details: ErrorDetails & { field?: string },
	secrets: readonly string[],
): ErrorDetails & { field?: string } {
	return {
		...details,
		message: redact(details.message, secrets),
		remedy: redact(details.remedy, secrets),
		...(details.field === undefined ? {} : { field: redact(details.field, secrets) }),
		...(details.extra === undefined ? {} : { extra: redactValue(details.extra, secrets) }),
	};
}

/**
 * The n8n error for a failed item: NodeOperationError for bad input, NodeApiError for BigCommerce's
 * answers. It carries the masked node, and says nothing that `secrets` or a secret's shape is in.
 */
export function nodeError(
	node: INode,
	failure: ErrorDetails & { field?: string },
	itemIndex: number,
	secrets: readonly string[] = [],
): NodeApiError | NodeOperationError {
	const safeNode = redactedNode(node, secrets);
	const details = withoutSecrets(failure, secrets);
	const message = keptAsWritten(details.message);
	if (details.reason === 'invalid_input') {
		return new NodeOperationError(safeNode, message, {
			itemIndex,
			description: details.remedy,
		});
	}
	const body: JsonObject = {
		code: details.code,
		reason: details.reason,
		message,
		retryable: details.retryable,
		...(details.networkCode ? { networkCode: details.networkCode } : {}),
	};
	return new NodeApiError(safeNode, body, {
		message: details.code
			? `${message} [${details.code} ${details.reason}]`
			: `${message} [${details.reason}]`,
		description: keptAsWritten(details.remedy),
		httpCode: details.httpStatus ? String(details.httpStatus) : undefined,
		itemIndex,
	});
}
