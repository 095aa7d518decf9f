import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPaymentMethods as fetchPaymentMethods } from '../helpers/api';
import { BigCommerceApiError } from '../helpers/errors';
import { getConnection } from '../transport/request';

/** The methods the chosen order accepts; without an order ID yet, there is nothing to ask. */
export async function getPaymentMethods(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const raw = this.getCurrentNodeParameter('orderId');
	const orderId = Number(raw);
	if (!Number.isInteger(orderId) || orderId < 1) return [];
	try {
		const connection = await getConnection.call(this);
		const methods = await fetchPaymentMethods.call(this, connection, { order_id: orderId });
		return methods.map((m) => ({
			name: `${m.name}${m.test_mode ? ' (test mode)' : ''}`,
			value: m.id,
			description: m.id,
		}));
	} catch (error) {
		const message =
			error instanceof BigCommerceApiError
				? error.details.message
				: 'Could not load payment methods';
		throw new NodeOperationError(this.getNode(), message);
	}
}
