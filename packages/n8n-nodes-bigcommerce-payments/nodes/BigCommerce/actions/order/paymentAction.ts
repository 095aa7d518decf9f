import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PaymentAction } from '../../api';
import {
	BigCommerceApiError,
	getOrder,
	isLostWrite,
	orderPaymentAction,
	orderState,
} from '../../api';
import { settle } from '../../helpers/failures';
import type { OperationContext } from '../node.type';
import { paymentActionReadBack, paymentActionRepeat } from './readBack';
import { orderIdOf } from '../parameters';

/** Capture Payment and Void Payment: the action, then the order's payment status as it now stands. */
export async function takePaymentAction(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
	action: PaymentAction,
): Promise<IDataObject> {
	const id = orderIdOf.call(this, i);
	const sent = await settle(orderPaymentAction.call(this, connection, id, action));
	if ('error' in sent) {
		if (isLostWrite(sent.error))
			return await paymentActionReadBack.call(this, connection, id, action, sent.error);
		const error = sent.error;
		const repeat =
			error instanceof BigCommerceApiError
				? await paymentActionRepeat.call(this, connection, id, action, error)
				: undefined;
		if (repeat) return repeat;
		throw error;
	}
	// BigCommerce accepted it. The read-back only adds the order's state: its failure must not
	// turn a done capture or void into a failure someone retries.
	try {
		const { statusId, status, paymentStatus } = orderState(
			await getOrder.call(this, connection, id),
		);
		return { orderId: id, action, paymentStatus, statusId, status, repeat: false };
	} catch (error) {
		return {
			orderId: id,
			action,
			paymentStatus: null,
			statusId: null,
			status: null,
			readBackError:
				error instanceof BigCommerceApiError
					? error.details.message
					: 'the order could not be read',
		};
	}
}
