import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { StoreConnection } from '../../api';
import {
	BigCommerceApiError,
	createPaymentAccessToken,
	findDefaultInstrument,
	getPaymentMethods,
	processPayment,
} from '../../api';
import type { OperationContext } from '../node.type';
import { tokenFromInput } from './accessToken';
import type { Plan } from './instrument';
import { readInstrument, summarizeStored, useDefaultInstrument } from './instrument';
import { properties } from './process.fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['process'] } },
	properties,
);

interface Options {
	isRecurring?: boolean;
	timeout?: number;
}

/**
 * The card this payment saved, read back for its token. The charge already succeeded, so a failed
 * read-back must not turn it into a failure.
 */
async function savedInstrument(
	this: IExecuteFunctions,
	connection: StoreConnection,
	plan: Plan,
): Promise<IDataObject> {
	try {
		const methods = await getPaymentMethods.call(this, connection, { order_id: plan.orderId });
		const saved = methods
			.find((m) => m.id === plan.paymentMethodId)
			?.stored_instruments?.find(
				(s) =>
					s.type === 'stored_card' &&
					s.last_4 === plan.summary.last4 &&
					s.expiry_month === plan.summary.expiryMonth &&
					s.expiry_year === plan.summary.expiryYear,
			);
		return { savedInstrument: saved ? summarizeStored(saved, true) : null };
	} catch (error) {
		return {
			savedInstrument: null,
			savedInstrumentError:
				error instanceof BigCommerceApiError ? error.details.message : 'lookup failed',
		};
	}
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection, paymentState }: OperationContext,
): Promise<IDataObject> {
	const plan = readInstrument.call(this, i);
	const options = this.getNodeParameter('additionalFields', i, {}) as Options;
	const providedToken = tokenFromInput.call(this, i, plan.orderId, paymentState);

	// Everything above sent nothing. From here on requests go out.
	if (!plan.instrument) {
		useDefaultInstrument(plan, await findDefaultInstrument.call(this, connection, plan.orderId));
	}
	const paymentMethodId = plan.paymentMethodId as string;
	const token =
		providedToken ??
		(await createPaymentAccessToken.call(
			this,
			connection,
			plan.orderId,
			options.isRecurring === true,
		));
	paymentState.spentTokens.add(token);
	paymentState.paymentMethodId = paymentMethodId;
	const result = await processPayment.call(
		this,
		connection,
		token,
		{
			instrument: plan.instrument as IDataObject,
			paymentMethodId,
			saveInstrument: plan.saveInstrument,
		},
		options.timeout,
	);

	return {
		outcome: 'approved',
		orderId: plan.orderId,
		paymentId: result.id,
		status: result.status,
		transactionType: result.transactionType,
		paymentMethodId,
		instrument: plan.summary,
		...(plan.saveInstrument ? await savedInstrument.call(this, connection, plan) : {}),
	};
}
