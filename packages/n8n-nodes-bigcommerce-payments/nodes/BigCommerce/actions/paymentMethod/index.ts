import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentMethod'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"Get the payment methods an order or checkout accepts, with the customer's stored instruments",
				action: 'Get many payment methods',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
