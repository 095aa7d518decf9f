import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getConnection, getPaymentMethods as fetchPaymentMethods } from '../api';
import { currentOrderId } from '../actions/parameters';
import { listError } from './listSearch';

/** The methods the chosen order accepts; without an order ID yet, there is nothing to ask. */
export async function getPaymentMethods(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const orderId = currentOrderId.call(this);
	if (orderId === undefined) return [];
	try {
		const connection = await getConnection.call(this);
		const methods = await fetchPaymentMethods.call(this, connection, { order_id: orderId });
		return methods.map((m) => ({
			name: `${m.name}${m.test_mode ? ' (test mode)' : ''}`,
			value: m.id,
			description: m.id,
		}));
	} catch (error) {
		// BigCommerce's answer, or the credential's own explanation of a bad Store Hash, says what to fix.
		throw await listError.call(this, error, 'payment methods');
	}
}
