import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PaymentAction } from '../../api';
import { getOrder, orderPaymentAction } from '../../api';
import { orderId } from '../../helpers/validation';
import type { OperationContext } from '../node.type';

/** Capture Payment and Void Payment: the action, then the order's payment status as it now stands. */
export async function takePaymentAction(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
	action: PaymentAction,
): Promise<IDataObject> {
	const id = orderId(this.getNodeParameter('orderId', i));
	await orderPaymentAction.call(this, connection, id, action);
	const order = await getOrder.call(this, connection, id);
	return {
		orderId: id,
		action,
		paymentStatus: order.payment_status ?? null,
		statusId: order.status_id ?? null,
		status: order.status ?? null,
	};
}
