import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorDetails } from '../api';
import { BigCommerceApiError, redact } from '../api';
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
 * A lost answer to a request that changes something (timeout, reset, 5xx without a code, 10000):
 * it may or may not have taken effect, and only BigCommerce's records can tell.
 */
export function isLostAnswer(error: unknown): error is BigCommerceApiError {
	return (
		error instanceof BigCommerceApiError &&
		(error.details.reason === 'outcome_unknown' || error.details.code === 10000)
	);
}

/** Parameters that hold a card number, a CVV, a token or a bearer code. */
const SECRET_PARAMETERS = [
	'cardNumber',
	'cvv',
	'paymentAccessToken',
	'giftCertificateCode',
	'tokenizedCardToken',
];

/**
 * n8n stores an error together with its node, parameters included, in the execution data. A card
 * number typed into the node would ride along, so errors carry a copy with those values masked.
 */
export function redactedNode(node: INode): INode {
	const parameters = { ...node.parameters };
	for (const name of SECRET_PARAMETERS) {
		// An expression can make any of these a number (a card number, a CVV): mask every value.
		const value = parameters[name];
		if (value !== undefined && value !== null && value !== '') parameters[name] = '[redacted]';
	}
	return { ...node, parameters };
}

/** The n8n error for a failed item: NodeOperationError for bad input, NodeApiError for BigCommerce's answers. */
export function nodeError(
	node: INode,
	details: ErrorDetails & { field?: string },
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const safeNode = redactedNode(node);
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
