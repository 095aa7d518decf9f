import type { INodeProperties } from 'n8n-workflow';

import * as capture from './capture.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as refund from './refund.operation';
import * as voidPayment from './void.operation';
import { refundLimits } from '../tool/fields';

export { capture, create, get, getAll, refund, voidPayment };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Capture Payment',
				value: 'capture',
				description: 'Capture an authorized payment',
				action: 'Capture an order payment',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an Incomplete order to charge through the Payments API',
				action: 'Create an order',
			},
			{ name: 'Get', value: 'get', description: 'Get an order', action: 'Get an order' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Find orders by customer, email, status, dates or totals',
				action: 'Get many orders',
			},
			{
				name: 'Refund',
				value: 'refund',
				description: 'Refund an order, fully or in part',
				action: 'Refund an order',
			},
			{
				name: 'Void Payment',
				value: 'void',
				description: 'Void an authorization that was not captured',
				action: 'Void an order payment',
			},
		],
		default: 'create',
	},
	...capture.description,
	...create.description,
	...get.description,
	...getAll.description,
	...refund.description,
	refundLimits,
	...voidPayment.description,
];
