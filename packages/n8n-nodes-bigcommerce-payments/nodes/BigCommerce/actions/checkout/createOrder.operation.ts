import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CheckoutOrder } from '../../api';
import { createOrderFromCheckout } from '../../api';
import { required } from '../../helpers/validation';
import type { OperationContext } from '../node.type';
import { checkoutIdField, totalsOf } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['createOrder'] } },
	[
		{
			displayName:
				'A checkout makes one order here: when it already has one, that order is returned (existing: true) and no second order is made',
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
		...totalsOf(result.checkout),
	};
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const id = required(this.getNodeParameter('checkoutId', i), 'Checkout ID');
	return orderOutput(id, await createOrderFromCheckout.call(this, connection, id));
}
