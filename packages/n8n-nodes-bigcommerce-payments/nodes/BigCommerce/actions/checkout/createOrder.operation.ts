import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CheckoutOrder, StoreConnection } from '../../api';
import { createOrderFromCheckout, keyMarkName } from '../../api';
import { CREATOR_TTL_MS, heldSince, remember, sha256Hex } from '../heldClaims';
import { required } from '../../helpers/validation';
import type { OperationContext, RunState } from '../node.type';
import { checkoutIdField, totalsOf } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['createOrder'] } },
	[
		{
			displayName:
				'A checkout makes one order here: when it already has one, that order is returned (existing: true) and no second order is made, even for two runs at the same moment',
			name: 'onceNotice',
			type: 'notice',
			default: '',
		},
		checkoutIdField,
	],
);

/** What the next step (Payment → Process) needs: the Incomplete order id and the totals. */
export function orderOutput(checkoutId: string, result: CheckoutOrder): IDataObject {
	return {
		orderId: result.orderId,
		checkoutId,
		status: 'Incomplete',
		existing: result.existing,
		recovered: result.recovered,
		...(result.archivedOrderId ? { archivedDuplicateOrderId: result.archivedOrderId } : {}),
		...totalsOf(result.checkout),
	};
}

/**
 * The checkout's order, made once for every delivery of the checkout (the checkout id is its
 * idempotency key) and claimed for this execution, so Process here pays it without asking again.
 */
async function orderOnce(
	this: IExecuteFunctions,
	connection: StoreConnection,
	run: RunState,
	checkoutId: string,
): Promise<CheckoutOrder> {
	const result = await createOrderFromCheckout.call(this, connection, checkoutId, {
		markName: keyMarkName(`checkout:${checkoutId}`, sha256Hex),
		claim: { holder: run.holder, ttlMs: CREATOR_TTL_MS },
	});
	if (result.claim) remember(connection, heldSince(result.claim.held, result.claim.sentAt));
	return result;
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection, run }: OperationContext,
): Promise<IDataObject> {
	const id = required(this.getNodeParameter('checkoutId', i), 'Checkout ID');
	return orderOutput(id, await orderOnce.call(this, connection, run, id));
}
