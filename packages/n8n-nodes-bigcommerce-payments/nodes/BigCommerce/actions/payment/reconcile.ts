import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { OrderPayments, StoreConnection, Transaction } from '../../api';
import {
	BigCommerceApiError,
	cents,
	decodePat,
	isPaid,
	orderState,
	payingTransactions,
	readOrderPayments,
	summarizeTransaction,
} from '../../api';
import type { Charge } from './instrument';

/** What was known when the payment was sent, to tell this attempt's effects from earlier ones. */
export interface Attempt {
	readonly orderId: number;
	readonly charge: Charge;
	/** BigCommerce's clock when the token was made (ms): payments since then are this attempt's */
	readonly sinceMs?: number;
	/** what the token was made to charge (cents), from the token itself */
	readonly dueCents?: number;
}

export function attemptOf(orderId: number, charge: Charge, pat: string): Attempt {
	const claims = decodePat(pat);
	return {
		orderId,
		charge,
		sinceMs: claims.issuedAt ? Date.parse(claims.issuedAt) : undefined,
		dueCents: claims.amount,
	};
}

/** This attempt's payment among the order's transactions: same method, made since the token. */
function paymentSince(
	attempt: Attempt,
	transactions: Transaction[] | null,
): Transaction | undefined {
	return payingTransactions(transactions)
		.filter((t) => !t.payment_method_id || t.payment_method_id === attempt.charge.paymentMethodId)
		.filter(
			(t) =>
				attempt.sinceMs === undefined ||
				// the token's issue time is in whole seconds
				Date.parse(String(t.date_created ?? '')) >= attempt.sinceMs - 1000,
		)
		.pop();
}

/** The order moved on since the token was made: paid, or more of it covered than before. */
function orderMovedOn(attempt: Attempt, payments: OrderPayments): boolean {
	const { order } = payments;
	if (isPaid(order)) return true;
	if (attempt.dueCents === undefined) return false;
	const dueNow =
		cents(order.total_inc_tax) -
		cents(order.gift_certificate_amount) -
		cents(order.store_credit_amount);
	return dueNow < attempt.dueCents;
}

function charged(
	attempt: Attempt,
	payments: OrderPayments,
	lost: BigCommerceApiError,
): IDataObject {
	const paidWith = paymentSince(attempt, payments.transactions);
	return {
		outcome: 'approved',
		orderId: attempt.orderId,
		// the payment's own answer (and its id) was lost; the transaction is BigCommerce's record of it
		paymentId: null,
		status: paidWith?.event === 'pending' ? 'pending' : 'success',
		transactionType: paidWith?.event === 'authorization' ? 'authorization' : 'purchase',
		paymentMethodId: attempt.charge.paymentMethodId,
		instrument: attempt.charge.summary,
		reconciled: true,
		transaction: paidWith ? summarizeTransaction(paidWith) : null,
		order: orderState(payments.order),
		lostAnswer: lost.details.message,
		...(payments.transactionsNote ? { transactionsNote: payments.transactionsNote } : {}),
	};
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/**
 * After a payment whose answer was lost: never send it again, never reuse its token; read the
 * order and its transactions on a backoff (1, 2, 4, 8… s) for up to `windowMs`, and route:
 * charged → Approved (`reconciled: true`); still payable and nothing paid once the window is over →
 * Failed `not_charged`, retryable once the order's claim runs out; the reads themselves fail →
 * Failed `outcome_unknown`.
 */
export async function reconcile(
	this: IExecuteFunctions,
	connection: StoreConnection,
	attempt: Attempt,
	windowMs: number,
	lost: BigCommerceApiError,
): Promise<IDataObject> {
	const { orderId } = attempt;
	let last: OrderPayments | undefined;
	let readError: string | undefined;
	let checkedAt = '';
	for (let waited = 0, step = 1000; ; step *= 2) {
		try {
			last = await readOrderPayments.call(this, connection, orderId);
			checkedAt = new Date().toISOString();
			readError = undefined;
			if (paymentSince(attempt, last.transactions) || orderMovedOn(attempt, last))
				return charged(attempt, last, lost);
		} catch (error) {
			readError = error instanceof BigCommerceApiError ? error.details.message : 'read failed';
		}
		if (waited >= windowMs) break;
		const pause = Math.min(step, windowMs - waited);
		await sleep(pause);
		waited += pause;
	}
	if (readError !== undefined || !last) {
		throw new BigCommerceApiError({
			...lost.details,
			reason: 'outcome_unknown',
			retryable: false,
			message: `${lost.details.message}; order ${orderId} could not be read to find out (${readError ?? 'no answer'})`,
			remedy:
				"The payment may have been charged. Do not retry blindly: check the order's status and transactions in BigCommerce first.",
			extra: { reconciled: false, ...lost.details.extra },
		});
	}
	throw new BigCommerceApiError({
		outcome: 'failed',
		code: lost.details.code,
		reason: 'not_charged',
		message: `The payment's answer was lost (${lost.details.message}); ${seconds(windowMs)} s later order ${orderId} still has nothing paid since the attempt, so it was not charged`,
		remedy:
			'Retry after claimHeldUntil: until then the order stays claimed (a gateway slower than Reconcile For may still charge it) and a retry answers payment_in_progress; after it, a retry reads the order first, answers alreadyPaid if it was paid, and otherwise pays it with a new payment access token.',
		retryable: true,
		httpStatus: lost.details.httpStatus,
		...(lost.details.networkCode ? { networkCode: lost.details.networkCode } : {}),
		extra: {
			reconciled: true,
			// The verdict holds as of this read: another execution may still pay the order later,
			// and a retry then answers alreadyPaid.
			checkedAt,
			order: orderState(last.order),
			...(last.transactionsNote ? { transactionsNote: last.transactionsNote } : {}),
		},
	});
}
