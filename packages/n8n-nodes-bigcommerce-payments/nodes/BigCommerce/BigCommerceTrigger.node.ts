import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EVENT_OPTIONS, ORDER_STATUS_OPTIONS } from './trigger/events';
import { reported } from './trigger/errors';
import { checkExists, create, remove } from './trigger/lifecycle';
import { receive } from './trigger/receive';

export class BigCommerceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigCommerce Trigger',
		name: 'bigCommerceTrigger',
		icon: {
			light: 'file:../../icons/bigcommerce.svg',
			dark: 'file:../../icons/bigcommerce.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when BigCommerce reports an order, payment, refund, cart or stored-card event',
		defaults: { name: 'BigCommerce Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bigCommerceApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'BigCommerce delivers only to HTTPS addresses on port 443: n8n must be reachable there (its WEBHOOK_URL). Add the Client Secret to the credential so every event is checked against its signature.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				default: [],
				description:
					'The events that start the workflow. An "All …" choice registers one wildcard webhook instead of one per event.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Full Order',
						name: 'fetchOrder',
						type: 'boolean',
						default: false,
						description:
							'Whether to read the whole order (V2) for events about an order and output it as "order". BigCommerce sends only IDs.',
					},
					{
						displayName: 'New Status Names or IDs',
						name: 'newStatusIds',
						type: 'multiOptions',
						options: ORDER_STATUS_OPTIONS,
						default: [],
						description:
							'For Order Status Updated: start only when the order moves to one of these statuses. Other events are not filtered.',
					},
					{
						displayName: 'Previous Status Names or IDs',
						name: 'previousStatusIds',
						type: 'multiOptions',
						options: ORDER_STATUS_OPTIONS,
						default: [],
						description:
							'For Order Status Updated: start only when the order leaves one of these statuses. Other events are not filtered.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await reported(this, async () => await checkExists.call(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await reported(this, async () => await create.call(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await reported(this, async () => await remove.call(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await reported(this, async () => await receive.call(this));
	}
}
