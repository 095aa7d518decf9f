import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cart'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a cart: the first step of a server-to-server checkout',
				action: 'Create a cart',
			},
		],
		default: 'create',
	},
	...create.description,
];
