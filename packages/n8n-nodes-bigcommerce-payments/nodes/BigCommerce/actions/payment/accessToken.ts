import type { IExecuteFunctions } from 'n8n-workflow';

import { decodePat, localFailure } from '../../api';
import * as validate from '../../helpers/validation';
import { InputError } from '../../helpers/validation';

/**
 * The payment access token from a previous step, when the user chose that source: checked to be for
 * this order, unexpired and no earlier item's in this run, before anything is sent. Undefined means
 * "create one".
 */
export function tokenFromInput(
	this: IExecuteFunctions,
	i: number,
	orderId: number,
	firstItemWithToken: (token: string) => number | undefined,
): string | undefined {
	if (this.getNodeParameter('accessTokenSource', i) !== 'input') return undefined;
	const token = validate.required(
		this.getNodeParameter('paymentAccessToken', i),
		'Payment Access Token',
	);
	const claims = decodePat(token);
	if (claims.orderId !== undefined && claims.orderId !== orderId) {
		throw new InputError(
			'Payment Access Token',
			`was created for order ${claims.orderId}, not order ${orderId}`,
		);
	}
	if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) {
		throw localFailure(
			'token_expired',
			`The payment access token for order ${orderId} expired at ${claims.expiresAt}`,
			'Create a new payment access token, or use Access Token Source: Create Automatically.',
		);
	}
	const first = firstItemWithToken(token);
	if (first !== undefined && first !== i) {
		throw localFailure(
			'token_already_used',
			`This payment access token is item ${first}'s too (order ${orderId}): it pays once, for the first`,
			'A payment access token pays once: create a new one for each attempt.',
		);
	}
	return token;
}
