import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { setBillingAddress } from '../../api';
import { required } from '../../helpers/validation';
import type { OperationContext } from '../node.type';
import { addressField, checkoutIdField, readAddress } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['setBillingAddress'] } },
	[
		checkoutIdField,
		{
			...addressField('billingAddress', 'Billing Address', 'Email and Country Code are required'),
			required: true,
		},
	],
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const id = required(this.getNodeParameter('checkoutId', i), 'Checkout ID');
	const address = readAddress.call(this, i, 'billingAddress', 'Billing Address');
	return await setBillingAddress.call(this, connection, id, address);
}
