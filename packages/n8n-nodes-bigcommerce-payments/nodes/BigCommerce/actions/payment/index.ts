import type { INodeProperties } from 'n8n-workflow';

import * as processPayment from './process.operation';

export { processPayment };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Process',
				value: 'process',
				description:
					'Charge an order with a card, a stored instrument, a gift certificate or store credit',
				action: 'Process a payment',
			},
		],
		default: 'process',
	},
	...processPayment.description,
];
