import type { INodeProperties } from 'n8n-workflow';

import * as getStoredInstruments from './getStoredInstruments.operation';

export { getStoredInstruments };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Get Stored Instruments',
				value: 'getStoredInstruments',
				description:
					"Get a customer's stored cards, PayPal accounts and bank accounts, with their tokens",
				action: 'Get stored instruments of a customer',
			},
		],
		default: 'getStoredInstruments',
	},
	...getStoredInstruments.description,
];
