import type { INodeProperties } from 'n8n-workflow';

import * as addConsignment from './addConsignment.operation';
import * as createOrder from './createOrder.operation';
import * as get from './get.operation';
import * as selectShippingOption from './selectShippingOption.operation';
import * as setBillingAddress from './setBillingAddress.operation';
import * as toOrder from './toOrder.operation';

export { addConsignment, createOrder, get, selectShippingOption, setBillingAddress, toOrder };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkout'] } },
		options: [
			{
				name: 'Add Consignment',
				value: 'addConsignment',
				description: 'Set where items ship and get the shipping options BigCommerce offers',
				action: 'Add a consignment to a checkout',
			},
			{
				name: 'Checkout to Order',
				value: 'toOrder',
				description:
					'Items, a customer and addresses in; a payable Incomplete order out (cart, billing, shipping, order in one step)',
				action: 'Turn items into a payable order',
			},
			{
				name: 'Create Order',
				value: 'createOrder',
				description: 'Turn a checkout into an Incomplete order that Payment → Process accepts',
				action: 'Create an order from a checkout',
			},
			{ name: 'Get', value: 'get', description: 'Get a checkout', action: 'Get a checkout' },
			{
				name: 'Select Shipping Option',
				value: 'selectShippingOption',
				description: "Choose one of a consignment's shipping options",
				action: 'Select a shipping option',
			},
			{
				name: 'Set Billing Address',
				value: 'setBillingAddress',
				description: 'Add the billing address: what turns a cart into a checkout',
				action: 'Set the billing address of a checkout',
			},
		],
		default: 'toOrder',
	},
	...addConsignment.description,
	...createOrder.description,
	...get.description,
	...selectShippingOption.description,
	...setBillingAddress.description,
	...toOrder.description,
];
