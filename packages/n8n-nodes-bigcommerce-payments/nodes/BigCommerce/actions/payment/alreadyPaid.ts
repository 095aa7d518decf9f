import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Order, OrderPayments, StoreConnection, Transaction } from '../../api';
import {
	BigCommerceApiError,
	cents,
	isPaid,
	isPartPaid,
	orderState,
	paidBy,
	payingTransactions,
	readOrderPayments,
	summarizeTransaction,
} from '../../api';
import { settle } from '../../helpers/failures';
import type { Charge } from './instrument';
import type { IfAlreadyPaid, PaymentItem } from './item';

/**
 * The answer for an order that is already paid: Approved with `alreadyPaid: true` (a re-run, a
 * repeated webhook or an agent's second call meets the first one's payment), or, when the user
 * chose so, Failed with `reason: already_paid`. Either way nothing is charged.
 */
function answer(
	orderId: number,
	summary: IDataObject,
	payments: OrderPayments,
	paidWith: Transaction | undefined,
	ifPaid: IfAlreadyPaid,
	httpStatus: number | null,
): IDataObject {
	const { order } = payments;
	const partPaid = isPartPaid(order);
	const facts: IDataObject = {
		alreadyPaid: true,
		transaction: paidWith ? summarizeTransaction(paidWith) : null,
		paidBy: paidBy(payments),
		order: orderState(order),
		...(partPaid
			? {
					partPaid: true,
					amountDue:
						(cents(order.total_inc_tax) -
							cents(order.gift_certificate_amount) -
							cents(order.store_credit_amount)) /
						100,
				}
			: {}),
		...(payments.transactionsNote ? { transactionsNote: payments.transactionsNote } : {}),
	};
	const what = partPaid
		? `this ${summary.type as string} already paid part of order ${orderId}`
		: `order ${orderId} is already paid (payment status "${String(order.payment_status ?? '')}")`;
	if (ifPaid === 'failed') {
		throw new BigCommerceApiError({
			outcome: 'failed',
			code: null,
			reason: 'already_paid',
			message: `Nothing was charged: ${what}`,
			remedy:
				'Nothing to do for this order. Set "If the Order Is Already Paid" to Approved to continue on the Approved output instead.',
			retryable: false,
			httpStatus,
			extra: facts,
		});
	}
	return {
		outcome: 'approved',
		orderId,
		paymentId: null,
		status: paidWith?.event === 'pending' ? 'pending' : 'success',
		transactionType: paidWith?.event === 'authorization' ? 'authorization' : 'purchase',
		paymentMethodId:
			(paidWith?.payment_method_id as string | undefined) ??
			((order.payment_provider_id as string | undefined) || null),
		instrument: summary,
		...facts,
		note: `No new charge: ${what}`,
	};
}

/**
 * BigCommerce refused to pay the order (30101): when the refusal is because it is paid, that is
 * the answer; otherwise the refusal stands, with the order's state added.
 */
export async function alreadyPaidOr(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	summary: IDataObject,
	refusal: BigCommerceApiError,
): Promise<IDataObject> {
	let payments: OrderPayments;
	try {
		payments = await readOrderPayments.call(this, connection, item.orderId);
	} catch {
		throw refusal;
	}
	if (!isPaid(payments.order)) {
		refusal.details.extra = { ...refusal.details.extra, order: orderState(payments.order) };
		throw refusal;
	}
	const paidWith = payingTransactions(payments.transactions).pop();
	return answer(
		item.orderId,
		summary,
		payments,
		paidWith,
		item.ifAlreadyPaid,
		refusal.details.httpStatus,
	);
}

/**
 * The answer for an order found paid while another execution held its claim: the payment that paid
 * it, read from BigCommerce's records (the order as just read, and its transactions).
 */
export async function paidWhileClaimed(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	order: Order,
): Promise<IDataObject> {
	const payments = await readOrderPayments.call(this, connection, item.orderId, order);
	const summary =
		item.pay.kind === 'named' ? item.pay.charge.summary : { type: 'default_stored_instrument' };
	const paidWith = payingTransactions(payments.transactions).pop();
	return answer(item.orderId, summary, payments, paidWith, item.ifAlreadyPaid, null);
}

/** The earlier payment by this same gift certificate or store credit on the order, if any. */
function sameInstrument(
	charge: Charge,
	payments: OrderPayments,
): Transaction | 'by-total' | undefined {
	const type = charge.instrument.type;
	if (payments.transactions) {
		const code =
			charge.instrument.type === 'gift_certificate' ? charge.instrument.code.toUpperCase() : '';
		return payingTransactions(payments.transactions).find((t) =>
			type === 'store_credit'
				? t.method === 'store_credit'
				: t.method === 'gift_certificate' &&
					String((t.gift_certificate as IDataObject | null)?.code ?? '').toUpperCase() === code,
		);
	}
	const covered =
		type === 'store_credit'
			? payments.order.store_credit_amount
			: payments.order.gift_certificate_amount;
	return cents(covered) > 0 ? 'by-total' : undefined;
}

/**
 * Before a gift certificate or store credit pays: a re-run of "gift certificate, then card" must
 * not spend the certificate a second time (or meet a decline and leave the order part-paid for
 * good). A repeat of the instrument that already paid is `alreadyPaid`; the card that follows
 * pays the rest. Undefined: go ahead and pay.
 */
export async function earlierPaymentBy(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
): Promise<IDataObject | undefined> {
	if (item.pay.kind !== 'named') return undefined;
	const { charge } = item.pay;
	const type = charge.instrument.type;
	if (type !== 'gift_certificate' && type !== 'store_credit') return undefined;
	const read = await settle(readOrderPayments.call(this, connection, item.orderId));
	if ('error' in read) {
		// An account without an orders scope pays as before, without this check (README scopes table).
		const missingScope =
			read.error instanceof BigCommerceApiError && read.error.details.reason === 'missing_scope';
		if (missingScope) return undefined;
		throw read.error;
	}
	const payments = read.value;
	const paidBefore = (paidWith: Transaction | undefined) =>
		answer(item.orderId, charge.summary, payments, paidWith, item.ifAlreadyPaid, null);
	if (isPaid(payments.order)) return paidBefore(payingTransactions(payments.transactions).pop());
	if (!isPartPaid(payments.order)) return undefined;
	const earlier = sameInstrument(charge, payments);
	if (!earlier) return undefined;
	return paidBefore(earlier === 'by-total' ? undefined : earlier);
}
