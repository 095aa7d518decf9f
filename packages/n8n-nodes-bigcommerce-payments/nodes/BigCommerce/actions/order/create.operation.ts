import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOrder, createOrderOnce } from '../../api';
import type { OperationContext } from '../node.type';
import { properties } from './create.fields';
import { bodyFromFields, bodyFromJson, idempotencyKey } from './orderBody';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

interface Options {
	lookbackDays?: number;
	reconcileForSeconds?: number;
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const body = (this.getNodeParameter('jsonParameters', i, false) as boolean)
		? bodyFromJson.call(this, i)
		: bodyFromFields.call(this, i);
	const key = idempotencyKey(this.getNodeParameter('idempotencyKey', i, ''));
	if (key === undefined) return await createOrder.call(this, connection, body);

	const options = this.getNodeParameter('options', i, {}) as Options;
	const result = await createOrderOnce.call(this, connection, body, {
		key,
		lookbackDays: options.lookbackDays ?? 30,
		reconcileForMs: (options.reconcileForSeconds ?? 30) * 1000,
	});
	return {
		...result.order,
		idempotencyKey: key,
		idempotency: result.outcome,
		existing: result.outcome !== 'created',
		...(result.archivedOrderId ? { archivedDuplicateOrderId: result.archivedOrderId } : {}),
		...(result.reconciled ? { reconciled: true } : {}),
		...(result.duplicateCheckFailed ? { duplicateCheckFailed: true } : {}),
	};
}
