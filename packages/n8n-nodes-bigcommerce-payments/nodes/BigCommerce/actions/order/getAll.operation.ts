import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OrderFilters } from '../../api';
import { listOrders } from '../../api';
import { InputError } from '../../helpers/validation';
import type { OperationContext } from '../node.type';

const STATUSES = [
	'Incomplete',
	'Pending',
	'Shipped',
	'Partially Shipped',
	'Refunded',
	'Cancelled',
	'Declined',
	'Awaiting Payment',
	'Awaiting Pickup',
	'Awaiting Shipment',
	'Completed',
	'Awaiting Fulfillment',
	'Manual Verification Required',
	'Disputed',
	'Partially Refunded',
];

const properties: INodeProperties[] = [
	{
		displayName:
			'BigCommerce does not say whether a list without a status shows Incomplete orders (status 0, the ones still to be paid): to list those, add Filters → Status: Incomplete',
		name: 'incompleteNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'min_date_created',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Created Before',
				name: 'max_date_created',
				type: 'dateTime',
				default: '',
			},
			{ displayName: 'Customer ID', name: 'customer_id', type: 'number', default: 0 },
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'The billing email of the order',
			},
			{ displayName: 'Max Total', name: 'max_total', type: 'number', default: 0 },
			{ displayName: 'Min Total', name: 'min_total', type: 'number', default: 0 },
			{
				displayName: 'Modified After',
				name: 'min_date_modified',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Modified Before',
				name: 'max_date_modified',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Status',
				name: 'status_id',
				type: 'options',
				default: 0,
				options: STATUSES.map((name, value) => ({ name, value })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		options: [
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
			},
			{
				displayName: 'Field',
				name: 'field',
				type: 'options',
				default: 'date_created',
				options: [
					{ name: 'Customer ID', value: 'customer_id' },
					{ name: 'Date Created', value: 'date_created' },
					{ name: 'Date Modified', value: 'date_modified' },
					{ name: 'ID', value: 'id' },
					{ name: 'Status', value: 'status_id' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getAll'] } },
	properties,
);

/** Only the filters the user set; an empty date or email is no filter. */
function filtersOf(raw: IDataObject): OrderFilters {
	const out: OrderFilters = {};
	for (const [key, value] of Object.entries(raw)) {
		if (value === '' || value === undefined || value === null) continue;
		if (typeof value === 'number' && (!Number.isFinite(value) || value < 0))
			throw new InputError(`Filters → ${key}`, 'must be zero or more');
		out[key] = value;
	}
	return out;
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
		throw new InputError('Limit', 'must be a whole number of at least 1');
	const filters = filtersOf(this.getNodeParameter('filters', i, {}) as IDataObject);
	const sort = this.getNodeParameter('sort', i, {}) as { field?: string; direction?: string };
	if (sort.field) filters.sort = `${sort.field}:${sort.direction ?? 'desc'}`;
	return await listOrders.call(this, connection, filters, limit);
}
