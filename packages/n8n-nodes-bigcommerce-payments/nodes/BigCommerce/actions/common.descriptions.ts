import type { INodeProperties } from 'n8n-workflow';

/** How a control-panel order page is addressed: https://store-{hash}.mybigcommerce.com/manage/orders/{id} */
export const ORDER_URL_REGEX = 'https?://[^/]+/manage/orders/(?:edit/)?([0-9]+)';

/**
 * n8n checks a typed locator value against its mode's regex, anchored, before the run; an expression
 * skips that check and the node trims what it reads. Spaces around a typed value are allowed too, so
 * ` 215 ` means the same typed or computed.
 */
const spaced = (regex: string) => `\\s*${regex}\\s*`;
const WHOLE_NUMBER = '[0-9]+';

/**
 * The Order picker every order-scoped operation starts with. "From list" shows recent orders
 * (only Incomplete ones where the operation pays an order); ID and URL suit expressions. A plain
 * number or string, as older workflows store it, is still read (see `orderIdOf`).
 */
export function orderIdField(
	description?: string,
	list: 'incomplete' | 'any' = 'any',
): INodeProperties {
	return {
		displayName: 'Order',
		name: 'orderId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		...(description ? { description } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an order...',
				typeOptions: {
					searchListMethod: list === 'incomplete' ? 'searchIncompleteOrders' : 'searchOrders',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '215',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: spaced(WHOLE_NUMBER),
							errorMessage: 'An order ID is a whole number',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://store-abc123.mybigcommerce.com/manage/orders/215',
				extractValue: { type: 'regex', regex: ORDER_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: spaced(ORDER_URL_REGEX),
							errorMessage: 'Not the URL of an order in the BigCommerce control panel',
						},
					},
				],
			},
		],
	};
}

/** The Customer picker: "From list" searches by name or email. */
export function customerIdField(description?: string): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customerId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		...(description ? { description } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a customer...',
				typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '42',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: spaced(WHOLE_NUMBER),
							errorMessage: 'A customer ID is a whole number',
						},
					},
				],
			},
		],
	};
}

/** The optional fields of an operation, under n8n's usual "Additional Fields" collection. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

export const isRecurringField = (description: string): INodeProperties => ({
	displayName: 'Is Recurring',
	name: 'isRecurring',
	type: 'boolean',
	default: false,
	description,
});
