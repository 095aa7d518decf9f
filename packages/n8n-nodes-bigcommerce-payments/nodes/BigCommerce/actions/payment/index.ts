import type { INodeProperties } from 'n8n-workflow';

import { chargeLimits } from '../tool/fields';
import * as processOperation from './process.operation';

// `process` is the operation's value; the module keeps a longer name so it never reads as Node's global.
export { processOperation as process };

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
	...processOperation.description,
	chargeLimits,
];
