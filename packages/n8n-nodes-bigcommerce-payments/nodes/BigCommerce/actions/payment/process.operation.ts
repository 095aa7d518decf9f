import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { StoreConnection } from '../../api';
import {
	BigCommerceApiError,
	createPaymentAccessToken,
	findDefaultInstrument,
	isLostWrite,
	isOrderNotPayable,
	processPayment,
} from '../../api';
import { settle } from '../../helpers/failures';
import type { OperationContext } from '../node.type';
import { alreadyPaidOr, earlierPaymentBy } from './alreadyPaid';
import type { Charge } from './instrument';
import { defaultCharge, savedCard } from './instrument';
import type { PaymentItem } from './item';
import { readPaymentItem } from './item';
import { properties } from './process.fields';
import { attemptOf, reconcile } from './reconcile';
import type { Claim } from './claim';
import { claimOrder, endClaim } from './claim';

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['process'] } },
	properties,
);

/**
 * Payment → Process, as a pipeline: read the item (sends nothing) → claim the order (or answer from
 * the payment of whoever holds it) → answer an earlier payment by the same gift certificate or store
 * credit → settle the instrument → a payment access token → pay once → release the claim when the
 * outcome is definitive. Declines and failures are thrown; what returns is an approved payment (or
 * an already-paid order).
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection, run }: OperationContext,
): Promise<IDataObject> {
	const item = readPaymentItem.call(this, i, run.firstItemWithToken);
	// Everything above sent nothing. From here on requests go out.
	const claimed = await claimOrder.call(this, connection, item, run);
	if ('answer' in claimed) return claimed.answer;
	const outcome = await settle(payOnce.call(this, connection, item, claimed.claim));
	return await endClaim.call(this, connection, item, claimed.claim, outcome);
}

/** Under the claim: the earlier-payment check, the instrument, a token, the payment. */
async function payOnce(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	claim: Claim,
): Promise<IDataObject> {
	const earlier = await earlierPaymentBy.call(this, connection, item);
	if (earlier) return earlier;
	const charge = await chargeOf.call(this, connection, item);
	const paid = await settle(payWith.call(this, connection, item, claim, charge));
	if ('value' in paid) return paid.value;
	// A failure from here on names the method, which for the default instrument was only looked up now.
	if (paid.error instanceof BigCommerceApiError)
		paid.error.details.paymentMethodId ??= charge.paymentMethodId;
	throw paid.error;
}

/** A token for the charge, then the payment. */
async function payWith(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	claim: Claim,
	charge: Charge,
): Promise<IDataObject> {
	const token = await tokenFor.call(this, connection, item, charge);
	if ('answer' in token) return token.answer;
	const sendBy = 'held' in claim ? claim.sendBy : undefined;
	return await pay.call(this, connection, item, charge, token.value, sendBy);
}

/** The instrument to send: the one the item names, or the customer's default, looked up now. */
async function chargeOf(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
): Promise<Charge> {
	if (item.pay.kind === 'named') return item.pay.charge;
	const found = await findDefaultInstrument.call(this, connection, item.orderId);
	return defaultCharge(item.orderId, found, item.pay.cvv);
}

/** The item's own token, or a new one; BigCommerce refusing one for a paid order is the answer. */
async function tokenFor(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	charge: Charge,
): Promise<{ value: string } | { answer: IDataObject }> {
	if (item.providedToken) return { value: item.providedToken };
	const made = await settle(
		createPaymentAccessToken.call(this, connection, item.orderId, item.isRecurring),
	);
	if ('value' in made) return made;
	if (!isOrderNotPayable(made.error)) throw made.error;
	return { answer: await alreadyPaidOr.call(this, connection, item, charge.summary, made.error) };
}

/**
 * Sends the payment once. A refusal is answered from the order; a lost answer is reconciled by
 * reading BigCommerce, never by sending again.
 */
async function pay(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	charge: Charge,
	token: string,
	sendBy: number | undefined,
): Promise<IDataObject> {
	const sent = await settle(
		processPayment.call(this, connection, token, charge, item.timeoutMs, sendBy),
	);
	if ('error' in sent) {
		if (isOrderNotPayable(sent.error))
			return await alreadyPaidOr.call(this, connection, item, charge.summary, sent.error);
		if (!isLostWrite(sent.error)) throw sent.error;
		const attempt = attemptOf(item.orderId, charge, token);
		return await reconcile.call(this, connection, attempt, item.reconcileForMs, sent.error);
	}
	return {
		outcome: 'approved',
		orderId: item.orderId,
		paymentId: sent.value.id,
		status: sent.value.status,
		transactionType: sent.value.transactionType,
		paymentMethodId: charge.paymentMethodId,
		instrument: charge.summary,
		...(charge.saveInstrument ? await savedCard.call(this, connection, item.orderId, charge) : {}),
	};
}
