import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';

export { create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an Incomplete order to charge through the Payments API',
				action: 'Create an order',
			},
			{ name: 'Get', value: 'get', description: 'Get an order', action: 'Get an order' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];
