import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCheckout } from '../../api';
import { required } from '../../helpers/validation';
import type { OperationContext } from '../node.type';
import { checkoutIdField, shippingOptionsOf } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['get'] } },
	[checkoutIdField],
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const id = required(this.getNodeParameter('checkoutId', i), 'Checkout ID');
	const checkout = await getCheckout.call(this, connection, id);
	return { ...checkout, shippingOptions: shippingOptionsOf(checkout) };
}
