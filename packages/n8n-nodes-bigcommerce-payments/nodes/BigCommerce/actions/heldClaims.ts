import { createHash, randomUUID } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { PaymentClaim, StoreConnection } from '../api';
import { PAYMENT_TIMEOUT_MS, managementBase } from '../api';
import { RECONCILE_FOR_S } from './payment/process.fields';

/**
 * What the execution that claimed an order knows about its claim, for the rest of that execution:
 * an order this execution just created (and claimed while marking it) is paid without asking
 * BigCommerce for the claim again. Not state across executions: entries are keyed by the holder (the
 * execution), expire with the claim, and are few. Without this memory (an execution resumed in
 * another process) the claim is found on BigCommerce under the same holder, at two more requests.
 */
export interface HeldClaim extends PaymentClaim {
	/** when the claim runs out, by this machine's clock, erring early */
	expiresAt: number;
	/**
	 * A payment under it has an unknown outcome: kept so that nobody pays until it runs out, this
	 * execution (a Retry On Fail) included.
	 */
	blocked?: boolean;
}

/** How long the steps between taking a claim and sending the payment may take (a fresh claim). */
export const SEND_WINDOW_MS = 60_000;
/** How long a claim outlasts its holder's last look at the payment: a late answer lands inside it. */
export const MARGIN_MS = 60_000;
/** What a claim must still have, beyond the payment and the margin, when Process starts on it. */
export const STEPS_MS = 10_000;
/** How long after creating an order its creator may start paying it under the creator's claim. */
const CREATOR_START_MS = 20_000;

/**
 * A claim made while creating an order: long enough for Process in the same execution, started
 * within 20 s, to pay with its default Timeout and Reconcile For. An order its creator does not pay
 * is free for others when it runs out (another execution meets it as a payment in progress until then).
 */
export const CREATOR_TTL_MS =
	CREATOR_START_MS + STEPS_MS + PAYMENT_TIMEOUT_MS + RECONCILE_FOR_S * 1000 + MARGIN_MS;

const MAX_ENTRIES = 1000;
const held = new Map<string, HeldClaim>();

const keyOf = (connection: StoreConnection, orderId: number, holder: string) =>
	`${managementBase(connection)}|${orderId}|${holder}`;

export function remember(connection: StoreConnection, claim: HeldClaim): void {
	const key = keyOf(connection, claim.orderId, claim.holder);
	held.delete(key);
	held.set(key, claim);
	const now = Date.now();
	for (const [k, c] of held) {
		if (held.size <= MAX_ENTRIES && c.expiresAt > now) break;
		held.delete(k);
	}
}

export function recall(
	connection: StoreConnection,
	orderId: number,
	holder: string,
): HeldClaim | undefined {
	const key = keyOf(connection, orderId, holder);
	const claim = held.get(key);
	if (claim && claim.expiresAt <= Date.now()) held.delete(key);
	return claim && claim.expiresAt > Date.now() ? claim : undefined;
}

export function forget(connection: StoreConnection, claim: PaymentClaim): void {
	held.delete(keyOf(connection, claim.orderId, claim.holder));
}

/** A claim this execution just made: it runs from when the request was sent (before BigCommerce wrote it). */
export function heldSince(claim: PaymentClaim, sentAt: number): HeldClaim {
	return { ...claim, expiresAt: sentAt + claim.ttlMs };
}

/**
 * Who holds a claim: this execution, the same on every Retry On Fail attempt and in every node of
 * it, and told apart from the executions of another n8n instance (whose ids may repeat). Without an
 * execution id, one made for this node run.
 */
export function holderOf(this: IExecuteFunctions): string {
	let execution = '';
	let workflow = '';
	let instance = '';
	try {
		execution = String(this.getExecutionId() ?? '');
		workflow = String(this.getWorkflow().id ?? '');
		instance = String(this.getInstanceId() ?? '');
	} catch {
		// an n8n without one of these: what was read counts
	}
	if (!execution) return `run:${randomUUID()}`;
	const site = createHash('sha256').update(instance).digest('hex').slice(0, 12);
	return `${site}/${workflow}/${execution}`;
}

/** The digest key marks use for a key outside the plain set: see keyMarkName. */
export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
