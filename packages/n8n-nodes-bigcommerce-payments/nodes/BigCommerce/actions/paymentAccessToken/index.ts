import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentAccessToken'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a single-use token that can pay one order within an hour',
				action: 'Create a payment access token',
			},
		],
		default: 'create',
	},
	...create.description,
];
