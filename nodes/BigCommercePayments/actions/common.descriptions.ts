import type { INodeProperties } from 'n8n-workflow';

type Show = Record<string, string[]>;

/** The Order ID field every order-scoped operation starts with. */
export function orderIdField(show: Show, description?: string): INodeProperties {
	return {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '215',
		...(description ? { description } : {}),
		displayOptions: { show },
	};
}

export const isRecurringField = (description: string): INodeProperties => ({
	displayName: 'Is Recurring',
	name: 'isRecurring',
	type: 'boolean',
	default: false,
	description,
});
