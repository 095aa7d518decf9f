import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listTransactions } from '../../api';
import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { InputError } from '../../helpers/validation';
import { orderIdOf } from '../parameters';

const properties: INodeProperties[] = [
	orderIdField(),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transaction'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject[]> {
	const id = orderIdOf.call(this, i);
	const returnAll = this.getNodeParameter('returnAll', i, true) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
		throw new InputError('Limit', 'must be a whole number of at least 1');
	return await listTransactions.call(this, connection, id, limit);
}
