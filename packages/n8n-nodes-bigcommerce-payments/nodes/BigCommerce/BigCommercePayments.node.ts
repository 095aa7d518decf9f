import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as cart from './actions/cart';
import * as checkout from './actions/checkout';
import * as customer from './actions/customer';
import * as order from './actions/order';
import * as payment from './actions/payment';
import * as paymentAccessToken from './actions/paymentAccessToken';
import * as paymentMethod from './actions/paymentMethod';
import { requestOptions } from './actions/requestOptions';
import { router } from './actions/router';
import { allowedOperations, toolNotice } from './actions/tool/fields';
import * as transaction from './actions/transaction';
import {
	searchCustomers,
	searchIncompleteOrders,
	searchOrders,
	searchPaymentMethods,
	searchStoredInstruments,
} from './methods/listSearch';
import { getPaymentMethods } from './methods/loadOptions';

/**
 * Payment → Process can fan out to Approved / Declined / Failed. The editor and the engine both
 * evaluate this against the node's parameters, so the outputs follow the chosen operation.
 */
const outputsFor = (parameters: { resource?: string; operation?: string; routing?: string }) =>
	parameters.resource === 'payment' &&
	(parameters.operation ?? 'process') === 'process' &&
	(parameters.routing ?? 'split') === 'split'
		? [
				{ type: 'main', displayName: 'Approved' },
				{ type: 'main', displayName: 'Declined' },
				{ type: 'main', displayName: 'Failed' },
			]
		: [{ type: 'main' }];

export class BigCommercePayments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigCommerce Payments',
		name: 'bigCommercePayments',
		icon: {
			light: 'file:../../icons/bigcommerce.svg',
			dark: 'file:../../icons/bigcommerce.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Take payments with the BigCommerce Payments API: cards, stored instruments, gift certificates, store credit',
		defaults: { name: 'BigCommerce Payments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${outputsFor.toString()})($parameter)}}`,
		credentials: [{ name: 'bigCommerceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Cart', value: 'cart' },
					{ name: 'Checkout', value: 'checkout' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Order', value: 'order' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Payment Access Token', value: 'paymentAccessToken' },
					{ name: 'Payment Method', value: 'paymentMethod' },
					{ name: 'Transaction', value: 'transaction' },
				],
				default: 'payment',
			},
			toolNotice,
			allowedOperations,
			...cart.description,
			...checkout.description,
			...customer.description,
			...order.description,
			...payment.description,
			...paymentAccessToken.description,
			...paymentMethod.description,
			...transaction.description,
			requestOptions,
		],
	};

	methods = {
		loadOptions: { getPaymentMethods },
		listSearch: {
			searchCustomers,
			searchIncompleteOrders,
			searchOrders,
			searchPaymentMethods,
			searchStoredInstruments,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
