import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { addConsignments, getCheckout, physicalItems } from '../../api';
import { InputError, required } from '../../helpers/validation';
import type { OperationContext } from '../node.type';
import { addressField, checkoutIdField, readAddress, shippingOptionsOf } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['addConsignment'] } },
	[
		checkoutIdField,
		{
			...addressField(
				'shippingAddress',
				'Shipping Address',
				'To become an order the address needs first and last name, address line 1, city, email and country code (and postal code and state where the country has them)',
			),
			required: true,
		},
		{
			displayName: 'Items',
			name: 'items',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All Physical Items of the Cart', value: 'all' },
				{ name: 'Chosen Items', value: 'chosen' },
			],
		},
		{
			displayName: 'Line Item IDs',
			name: 'lineItemIds',
			type: 'string',
			default: '',
			placeholder: '6e193ce6-f327-4dcc-b75e-72cf6738525e',
			description:
				"The cart's physical item IDs to ship here, separated by commas (their whole quantity)",
			displayOptions: { show: { items: ['chosen'] } },
		},
	],
);

/** The checkout, with `shippingOptions`: every consignment's options, to pick from next. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const id = required(this.getNodeParameter('checkoutId', i), 'Checkout ID');
	const address = readAddress.call(this, i, 'shippingAddress', 'Shipping Address');
	const chosen =
		this.getNodeParameter('items', i) === 'chosen'
			? required(this.getNodeParameter('lineItemIds', i), 'Line Item IDs')
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
			: undefined;
	const items = physicalItems((await getCheckout.call(this, connection, id)).cart);
	const shipped = items.filter((item) => !chosen || chosen.includes(String(item.id)));
	const unknown = (chosen ?? []).filter((c) => !items.some((item) => String(item.id) === c));
	if (unknown.length)
		throw new InputError(
			'Line Item IDs',
			`has ${unknown.join(', ')}, not physical items of this cart`,
		);
	if (!shipped.length)
		throw new InputError('Items', 'names nothing to ship: the cart has no physical items');
	const checkout = await addConsignments.call(this, connection, id, [{ address, items: shipped }]);
	return { ...checkout, shippingOptions: shippingOptionsOf(checkout) };
}
