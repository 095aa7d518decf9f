import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../helpers/validation';
import { orderIdOf } from '../parameters';
import { tokenFromInput } from './accessToken';
import type { InstrumentChoice } from './instrument';
import { readInstrument } from './instrument';
import { RECONCILE_FOR_S } from './process.fields';

export type IfAlreadyPaid = 'approved' | 'failed';

/** What one input item asks Payment → Process to do, read and checked before anything is sent. */
export interface PaymentItem {
	readonly orderId: number;
	readonly pay: InstrumentChoice;
	readonly isRecurring: boolean;
	/** how long the payment may take to answer; undefined: the transport's default */
	readonly timeoutMs?: number;
	/** how long a lost answer is reconciled by reading the order */
	readonly reconcileForMs: number;
	readonly ifAlreadyPaid: IfAlreadyPaid;
	/** a payment access token from a previous step, checked; undefined: one is made */
	readonly providedToken?: string;
}

interface Options {
	isRecurring?: unknown;
	timeout?: unknown;
	reconcileFor?: unknown;
	ifAlreadyPaid?: unknown;
}

/** Reads item `i`, or throws an InputError naming the field. Sends nothing. */
export function readPaymentItem(
	this: IExecuteFunctions,
	i: number,
	firstItemWithToken: (token: string) => number | undefined,
): PaymentItem {
	const orderId = orderIdOf.call(this, i);
	const pay = readInstrument.call(this, i);
	const options = this.getNodeParameter('additionalFields', i, {}) as Options;
	const seconds = options.reconcileFor ?? RECONCILE_FOR_S;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 600)
		throw new InputError('Reconcile For', 'must be a number of seconds from 0 to 600');
	const timeout = options.timeout;
	if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout >= 1000)))
		throw new InputError('Timeout (Ms)', 'must be a number of milliseconds of at least 1000');
	const ifAlreadyPaid = options.ifAlreadyPaid ?? 'approved';
	if (ifAlreadyPaid !== 'approved' && ifAlreadyPaid !== 'failed')
		throw new InputError('If the Order Is Already Paid', 'must be Approved or Failed');
	return {
		orderId,
		pay,
		isRecurring: options.isRecurring === true,
		timeoutMs: timeout,
		reconcileForMs: seconds * 1000,
		ifAlreadyPaid,
		providedToken: tokenFromInput.call(this, i, orderId, firstItemWithToken),
	};
}
