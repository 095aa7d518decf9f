import type { INodeProperties } from 'n8n-workflow';

/** The Order ID field every order-scoped operation starts with. */
export function orderIdField(description?: string): INodeProperties {
	return {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '215',
		...(description ? { description } : {}),
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
