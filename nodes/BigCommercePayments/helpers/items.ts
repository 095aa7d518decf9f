import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorDetails } from './errors';
import { BigCommerceApiError, redact } from './errors';
import { InputError } from './validation';

export interface FailureContext {
	orderId?: number;
	paymentMethodId?: string;
}

/**
 * Turns anything an operation threw into the one failure shape (`code`, `reason`, `message`,
 * `remedy`, `retryable`, `httpStatus`, plus the order and method it concerned).
 */
export function describeFailure(error: unknown, itemIndex: number): ErrorDetails & { field?: string } {
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

export function failureJson(details: ErrorDetails & { field?: string }, context: FailureContext): IDataObject {
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

/** The n8n error for a failed item: NodeOperationError for bad input, NodeApiError for BigCommerce's answers. */
export function nodeError(
	node: INode,
	details: ErrorDetails & { field?: string },
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (details.reason === 'invalid_input') {
		return new NodeOperationError(node, details.message, { itemIndex, description: details.remedy });
	}
	const body: JsonObject = {
		code: details.code,
		reason: details.reason,
		message: details.message,
		retryable: details.retryable,
	};
	return new NodeApiError(node, body, {
		message: details.code ? `${details.message} [${details.code} ${details.reason}]` : `${details.message} [${details.reason}]`,
		description: details.remedy,
		httpCode: details.httpStatus ? String(details.httpStatus) : undefined,
		itemIndex,
	});
}
