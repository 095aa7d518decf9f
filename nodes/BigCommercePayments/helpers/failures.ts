import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorDetails } from '../api/errors';
import { BigCommerceApiError, redact } from '../api/errors';
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
	return json;
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
	if (details.reason === 'invalid_input') {
		return new NodeOperationError(safeNode, details.message, {
			itemIndex,
			description: details.remedy,
		});
	}
	const body: JsonObject = {
		code: details.code,
		reason: details.reason,
		message: details.message,
		retryable: details.retryable,
	};
	return new NodeApiError(safeNode, body, {
		message: details.code
			? `${details.message} [${details.code} ${details.reason}]`
			: `${details.message} [${details.reason}]`,
		description: details.remedy,
		httpCode: details.httpStatus ? String(details.httpStatus) : undefined,
		itemIndex,
	});
}
