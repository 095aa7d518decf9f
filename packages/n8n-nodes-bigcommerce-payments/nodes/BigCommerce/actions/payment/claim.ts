import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ClaimRead, Order, PaymentClaim, StoreConnection } from '../../api';
import {
	BigCommerceApiError,
	PAYMENT_TIMEOUT_MS,
	claimExpired,
	claimRemainingMs,
	getOrder,
	isPaid,
	orderState,
	readClaim,
	releaseClaim,
	takeClaim,
} from '../../api';
import type { HeldClaim } from '../heldClaims';
import {
	MARGIN_MS,
	SEND_WINDOW_MS,
	STEPS_MS,
	forget,
	heldSince,
	recall,
	remember,
} from '../heldClaims';
import type { RunState } from '../node.type';
import { paidWhileClaimed } from './alreadyPaid';
import type { PaymentItem } from './item';

/**
 * The payment claim's steps in Payment → Process: at most one payment in flight per order across
 * executions and workers, with BigCommerce's 409 on a second claim as the arbiter (api/paymentClaim.ts).
 */

/** BigCommerce's dates are whole seconds: a claim read from them is counted this much shorter. */
const READ_SLACK_MS = 2000;

/** The claim the payment goes out under: this execution's, or none the API account can make. */
export type Claim =
	| { readonly held: HeldClaim; readonly sendBy: number }
	| { readonly unavailable: true };

/** From sending the payment to the end of reconciling its answer. */
const paymentSpanMs = (item: PaymentItem) =>
	(item.timeoutMs ?? PAYMENT_TIMEOUT_MS) + item.reconcileForMs;

const ttlFor = (item: PaymentItem) => paymentSpanMs(item) + SEND_WINDOW_MS + MARGIN_MS;

/** Held, with the last moment the payment may still be sent: its answer and reconciling fit inside. */
const held = (claim: HeldClaim, item: PaymentItem): Claim => ({
	held: claim,
	sendBy: claim.expiresAt - paymentSpanMs(item) - MARGIN_MS,
});

/** Long enough for the steps before the payment (the token…) and the payment itself. */
const longEnough = (claim: HeldClaim, item: PaymentItem) =>
	claim.expiresAt - Date.now() >= paymentSpanMs(item) + MARGIN_MS + STEPS_MS;

type Claimed = { claim: Claim } | { answer: IDataObject };

/**
 * Step: claim the order before anything is paid. A claim this execution holds is used (renewed when
 * too little of it is left); a claim BigCommerce refuses (409) is waited on within Reconcile For and
 * answers with its holder's outcome: Approved `alreadyPaid` when the order got paid, or Failed
 * `payment_in_progress` (retryable) while the holder is still at it.
 */
export async function claimOrder(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	run: RunState,
): Promise<Claimed> {
	const known = recall(connection, item.orderId, run.holder);
	if (known?.blocked) return await contend.call(this, connection, item, run);
	if (known && longEnough(known, item)) return { claim: held(known, item) };
	if (known) {
		// Renewed as release and claim again, never by changing it: a change could land after a taker
		// judged the claim expired, and its delete (by id) would then remove the renewed claim.
		forget(connection, known);
		await releaseClaim.call(this, connection, known);
	}
	const tried = await attempt.call(this, connection, item, run);
	return tried ?? (await contend.call(this, connection, item, run));
}

/** One POST of the claim: held, unavailable to this account, or undefined when someone holds it. */
async function attempt(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	run: RunState,
): Promise<{ claim: Claim } | undefined> {
	const sentAt = Date.now();
	const taken = await takeClaim.call(this, connection, item.orderId, run.holder, ttlFor(item));
	if ('unavailable' in taken) {
		warnUnavailable(run, taken.unavailable);
		return { claim: { unavailable: true } };
	}
	if ('contended' in taken) return undefined;
	const claim = heldSince(taken.held, sentAt);
	if (taken.remainingMs !== undefined)
		claim.expiresAt = Math.min(claim.expiresAt, sentAt + taken.remainingMs - READ_SLACK_MS);
	remember(connection, claim);
	return { claim: held(claim, item) };
}

/**
 * Someone holds the claim. Read the order (paid → the answer) and the claim: gone → claim again;
 * this execution's own (its memory was lost) → adopt it; expired on BigCommerce's clock → delete it
 * by its id and claim again; live → wait (1, 2, 4… s) within Reconcile For.
 */
async function contend(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	run: RunState,
): Promise<Claimed> {
	const deadline = Date.now() + item.reconcileForMs;
	for (let wait = 1000; ; wait *= 2) {
		// What the order read says holds as of when it was asked (a payment may land during it).
		const checkedAt = new Date().toISOString();
		const order = await getOrder.call(this, connection, item.orderId);
		if (isPaid(order))
			return { answer: await paidWhileClaimed.call(this, connection, item, order) };
		const readAt = Date.now();
		const read = await readClaim.call(this, connection, item.orderId);
		// Ours, but a payment under it has an unknown outcome: waited out like anyone else's.
		const mine = recall(connection, item.orderId, run.holder);
		const blocked = mine?.blocked === true && mine.id === read.claim?.id;
		if (read.claim?.holder === run.holder && !blocked) {
			const claim = { ...read.claim, expiresAt: readAt + claimRemainingMs(read) - READ_SLACK_MS };
			if (longEnough(claim, item)) {
				remember(connection, claim);
				return { claim: held(claim, item) };
			}
			await releaseClaim.call(this, connection, read.claim);
		} else if (read.claim && claimExpired(read)) {
			// Its holder is gone. A 404 here means another taker deleted it first.
			await releaseClaim.call(this, connection, read.claim);
		}
		if (!read.claim || (read.claim.holder === run.holder && !blocked) || claimExpired(read)) {
			const tried = await attempt.call(this, connection, item, run);
			if (tried) return tried;
		}
		const left = deadline - Date.now();
		if (left <= 0) throw inProgress(item, order, read, checkedAt, blocked);
		await sleep(Math.min(wait, left));
	}
}

/** When a claim runs out, on BigCommerce's clock. */
const claimEnd = (claim: PaymentClaim) => new Date(claim.modifiedAt + claim.ttlMs).toISOString();

/** `ours`: the claim is this execution's own, kept after one of its payments lost its answer. */
function inProgress(
	item: PaymentItem,
	order: Order,
	read: ClaimRead,
	checkedAt: string,
	ours: boolean,
): BigCommerceApiError {
	const until = read.claim ? claimEnd(read.claim) : null;
	const runsUntil = until ? ` (its claim runs until ${until})` : '';
	const who = ours
		? `for order ${item.orderId}, an earlier payment of this execution lost its answer and may still be charged`
		: `order ${item.orderId} is being paid by another execution`;
	return new BigCommerceApiError({
		outcome: 'failed',
		code: null,
		reason: 'payment_in_progress',
		message: `Nothing was charged: ${who}${runsUntil}, and it was not paid within Reconcile For`,
		remedy:
			'Retry later: a retry answers alreadyPaid if that payment went through, or pays the order if it did not.',
		retryable: true,
		httpStatus: null,
		// The verdict holds as of this read, as not_charged's does.
		extra: { order: orderState(order), claimHeldUntil: until, checkedAt },
	});
}

/** The API account cannot claim orders, so payments go on without one; said once per run. */
const warnUnavailable = (run: RunState, refusal: BigCommerceApiError) =>
	run.warnOnce(
		'This API account cannot claim orders (order metafields need the Orders: modify scope), so two executions paying the same order at the same moment are not kept apart. Add the scope to the API account (see the README).',
		refusal.details.message,
	);

/**
 * The payment was sent and its answer lost: its outcome is unknown, or reconciling found nothing
 * paid within Reconcile For (not_charged). A gateway may charge when it answers rather than when the
 * payment arrives, so even not_charged may yet land: nobody pays until the claim runs out.
 */
const mayStillLand = (outcome: { value: IDataObject } | { error: unknown }) =>
	'error' in outcome &&
	outcome.error instanceof BigCommerceApiError &&
	(outcome.error.details.reason === 'outcome_unknown' ||
		outcome.error.details.reason === 'not_charged');

/** Whether the order stays claimed after this outcome. */
function keepsClaim(item: PaymentItem, outcome: { value: IDataObject } | { error: unknown }) {
	if ('error' in outcome) {
		const reason =
			outcome.error instanceof BigCommerceApiError ? outcome.error.details.reason : undefined;
		// Paid already: later payers meet a paid order. (A lost answer is mayStillLand's.)
		return reason === 'already_paid';
	}
	const type = item.pay.kind === 'named' ? item.pay.charge.instrument.type : undefined;
	// A gift certificate or store credit may leave the order part-paid: the next payment pays the rest.
	const partial = type === 'gift_certificate' || type === 'store_credit';
	return !partial && outcome.value.partPaid !== true;
}

/**
 * Step: after the payment. The claim is released when the outcome is definitive and the order may
 * still be paid (declined, failed before or without charging, part-paid); kept after a full payment
 * (later payers meet a paid order) and after a lost answer, whether its outcome is unknown or
 * reconciling found nothing paid (not_charged): the failure then says until when
 * (`claimHeldUntil`). A failed release is reported on the item, never turns the outcome into another.
 */
export async function endClaim(
	this: IExecuteFunctions,
	connection: StoreConnection,
	item: PaymentItem,
	claim: Claim,
	outcome: { value: IDataObject } | { error: unknown },
): Promise<IDataObject> {
	let extra: IDataObject = {};
	if ('unavailable' in claim) extra = { claim: 'unavailable' };
	else if (mayStillLand(outcome)) {
		remember(connection, { ...claim.held, blocked: true });
		extra = { claimHeldUntil: claimEnd(claim.held) };
	} else if (!keepsClaim(item, outcome)) {
		forget(connection, claim.held);
		extra = await releaseClaim.call(this, connection, claim.held).then(
			() => ({}),
			(error: unknown) => ({
				claimReleaseError:
					error instanceof BigCommerceApiError ? error.details.message : 'release failed',
			}),
		);
	}
	if ('value' in outcome) return { ...outcome.value, ...extra };
	if (outcome.error instanceof BigCommerceApiError && Object.keys(extra).length)
		outcome.error.details.extra = { ...outcome.error.details.extra, ...extra };
	throw outcome.error;
}
