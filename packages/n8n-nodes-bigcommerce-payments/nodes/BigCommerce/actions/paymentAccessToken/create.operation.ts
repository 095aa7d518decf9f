import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createPaymentAccessToken, decodePat } from '../../api';
import { additionalFields, isRecurringField, orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { orderIdOf } from '../parameters';

const properties: INodeProperties[] = [
	orderIdField(
		'The Incomplete order (status 0) the token will pay. A token pays one order, once, within an hour.',
		'incomplete',
	),
	additionalFields([
		isRecurringField(
			'Whether to tell the gateway this is a recurring charge (merchant-initiated, card on file)',
		),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['paymentAccessToken'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const id = orderIdOf.call(this, i);
	const { isRecurring } = this.getNodeParameter('additionalFields', i, {}) as {
		isRecurring?: boolean;
	};
	const token = await createPaymentAccessToken.call(this, connection, id, isRecurring === true);
	const claims = decodePat(token);
	return {
		orderId: id,
		paymentAccessToken: token,
		expiresAt: claims.expiresAt ?? null,
		issuedAt: claims.issuedAt ?? null,
		isRecurring: isRecurring === true,
	};
}
