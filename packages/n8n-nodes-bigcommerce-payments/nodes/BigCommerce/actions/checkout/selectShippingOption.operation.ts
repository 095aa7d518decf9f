import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { selectShippingOption } from '../../api';
import { required } from '../../helpers/validation';
import type { OperationContext } from '../node.type';
import { checkoutIdField, totalsOf } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['selectShippingOption'] } },
	[
		checkoutIdField,
		{
			displayName: 'Consignment ID',
			name: 'consignmentId',
			type: 'string',
			required: true,
			default: '',
			description: 'From Add Consignment: shippingOptions[].consignmentId',
		},
		{
			displayName: 'Shipping Option ID',
			name: 'shippingOptionId',
			type: 'string',
			required: true,
			default: '',
			description: 'From Add Consignment: shippingOptions[].ID',
		},
	],
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const checkout = await selectShippingOption.call(
		this,
		connection,
		required(this.getNodeParameter('checkoutId', i), 'Checkout ID'),
		required(this.getNodeParameter('consignmentId', i), 'Consignment ID'),
		required(this.getNodeParameter('shippingOptionId', i), 'Shipping Option ID'),
	);
	return { ...checkout, totals: totalsOf(checkout) };
}
