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
import { isLostAnswer, settle } from '../../helpers/failures';
import { InputError } from '../../helpers/validation';
import { tokenFromInput } from './accessToken';
import type { IfAlreadyPaid } from './alreadyPaid';
import { alreadyPaidOr, repeatOfPaidInstrument } from './alreadyPaid';
import type { Plan } from './instrument';
import { readInstrument, summarizeStored, useDefaultInstrument } from './instrument';
import { RECONCILE_FOR_S, properties } from './process.fields';
import { attemptOf, reconcile } from './reconcile';

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['process'] } },
	properties,
);

interface Options {
	isRecurring?: boolean;
	timeout?: number;
	reconcileFor?: number;
	ifAlreadyPaid?: IfAlreadyPaid;
}

const isRefusal = (error: unknown): error is BigCommerceApiError =>
	error instanceof BigCommerceApiError && error.details.code === 30101;

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

function readOptions(this: IExecuteFunctions, i: number): Options & { reconcileForMs: number } {
	const options = this.getNodeParameter('additionalFields', i, {}) as Options;
	const seconds = options.reconcileFor ?? RECONCILE_FOR_S;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 600)
		throw new InputError('Reconcile For', 'must be a number of seconds from 0 to 600');
	const timeout = options.timeout;
	if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout >= 1000)))
		throw new InputError('Timeout (Ms)', 'must be a number of milliseconds of at least 1000');
	const ifPaid = options.ifAlreadyPaid;
	if (ifPaid !== undefined && ifPaid !== 'approved' && ifPaid !== 'failed')
		throw new InputError('If the Order Is Already Paid', 'must be Approved or Failed');
	return { ...options, reconcileForMs: seconds * 1000 };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection, paymentState }: OperationContext,
): Promise<IDataObject> {
	const plan = readInstrument.call(this, i);
	const options = readOptions.call(this, i);
	const ifPaid = options.ifAlreadyPaid ?? 'approved';
	const providedToken = tokenFromInput.call(this, i, plan.orderId, paymentState);

	// Everything above sent nothing. From here on requests go out.
	const repeat = await repeatOfPaidInstrument.call(this, connection, plan, ifPaid);
	if (repeat) return repeat;
	if (!plan.instrument) {
		useDefaultInstrument(plan, await findDefaultInstrument.call(this, connection, plan.orderId));
	}
	const paymentMethodId = plan.paymentMethodId as string;
	paymentState.paymentMethodId = paymentMethodId;
	const made = providedToken
		? { value: providedToken }
		: await settle(
				createPaymentAccessToken.call(this, connection, plan.orderId, options.isRecurring === true),
			);
	if ('error' in made) {
		// the token is refused for an order that is no longer Incomplete: maybe because it is paid
		if (isRefusal(made.error))
			return await alreadyPaidOr.call(this, connection, plan, ifPaid, made.error);
		throw made.error;
	}
	const token = made.value;
	paymentState.spentTokens.add(token);
	const sent = await settle(
		processPayment.call(
			this,
			connection,
			token,
			{
				instrument: plan.instrument as IDataObject,
				paymentMethodId,
				saveInstrument: plan.saveInstrument,
			},
			options.timeout,
		),
	);
	if ('error' in sent) {
		if (isRefusal(sent.error))
			return await alreadyPaidOr.call(this, connection, plan, ifPaid, sent.error);
		if (!isLostAnswer(sent.error)) throw sent.error;
		const attempt = attemptOf(plan, paymentMethodId, token);
		return await reconcile.call(this, connection, attempt, options.reconcileForMs, sent.error);
	}
	const result = sent.value;

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
