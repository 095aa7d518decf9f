import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOrder, createOrderOnce, keyMarkName, orderBody } from '../../api';
import { CREATOR_TTL_MS, heldSince, remember, sha256Hex } from '../heldClaims';
import type { OperationContext } from '../node.type';
import { properties } from './create.fields';
import { bodyFromJson, idempotencyKey, orderFromFields } from './readOrder';

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
	{ connection, run }: OperationContext,
): Promise<IDataObject> {
	const body = (this.getNodeParameter('jsonParameters', i, false) as boolean)
		? bodyFromJson.call(this, i)
		: orderBody(orderFromFields.call(this, i));
	const key = idempotencyKey(this.getNodeParameter('idempotencyKey', i, ''));
	if (key === undefined) return await createOrder.call(this, connection, body);

	const options = this.getNodeParameter('options', i, {}) as Options;
	const result = await createOrderOnce.call(this, connection, body, {
		key,
		markName: keyMarkName(key, sha256Hex),
		lookbackDays: options.lookbackDays ?? 30,
		reconcileForMs: (options.reconcileForSeconds ?? 30) * 1000,
		// The new order is claimed while it is marked: Process in this execution pays it without asking.
		claim: { holder: run.holder, ttlMs: CREATOR_TTL_MS },
	});
	if (result.claim) remember(connection, heldSince(result.claim.held, result.claim.sentAt));
	return {
		...result.order,
		idempotencyKey: key,
		idempotency: result.outcome,
		existing: result.outcome !== 'created',
		...(result.archivedOrderId ? { archivedDuplicateOrderId: result.archivedOrderId } : {}),
		...(result.reconciled ? { reconciled: true } : {}),
	};
}
