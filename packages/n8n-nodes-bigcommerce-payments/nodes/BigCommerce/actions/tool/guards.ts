/**
 * The checks a call passes before anything is sent, when an AI agent or an MCP client may be the
 * caller: the owner's settings stay the owner's, a write the tool may not make is refused, a write
 * that must be exactly once has its key, and no charge or refund goes over the owner's limits.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StoreConnection } from '../../api';
import { BigCommerceApiError, amountDueCents, cents, getOrder } from '../../api';
import { settle } from '../../helpers/failures';
import { InputError } from '../../helpers/validation';
import { orderIdOf } from '../parameters';
import type { Facts } from './answers';
import { ONCE_PER_INTENT, isWriteOperation } from './fields';

/**
 * n8n 2.41 calls a node as a tool in two ways: the MCP Server Trigger and AI Agent v1/v2 invoke it
 * in a context whose isToolExecution() is true; AI Agent v3 runs it as an ordinary node, where that
 * is false, but its type is then the tool variant, whose name ends in "Tool". Either one says so.
 */
export function isToolRun(this: IExecuteFunctions): boolean {
	return this.isToolExecution?.() === true || this.getNode().type.endsWith('Tool');
}

/** A call the node will not make: nothing was sent, and the same call will be refused again. */
export function refusal(reason: string, message: string, remedy: string): BigCommerceApiError {
	return new BigCommerceApiError({
		outcome: 'failed',
		code: null,
		reason,
		message,
		remedy,
		retryable: false,
		httpStatus: null,
		extra: { refused: true },
	});
}

/** Every string inside a parameter's raw value (a collection, a list, a Resource Locator). */
function rawStrings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(rawStrings);
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(rawStrings);
	return [];
}

/** What decides what the tool does and how far it may go: the owner's, never the agent's. */
const OWNER_FIXED = ['resource', 'operation', 'allowedOperations', 'limits'];
/** Card data must not pass through a language model (PCI DSS): the owner's workflow brings it. */
const CARD_DATA = ['cardNumber', 'cvv'];

/**
 * Checks the node's own settings once, from the raw parameters as saved in the workflow (before
 * any expression is evaluated): undefined when the call may go ahead.
 */
export function ownerSettingsRefusal(
	this: IExecuteFunctions,
	tool: boolean,
	operation: string,
): BigCommerceApiError | undefined {
	const parameters = this.getNode().parameters;
	for (const name of OWNER_FIXED) {
		const raw = rawStrings(parameters[name]);
		if (raw.some((s) => s.includes('$fromAI'))) {
			return refusal(
				'limit_from_agent',
				`The "${name}" setting takes its value from the agent ($fromAI), so the agent could change what it limits`,
				`Set "${name}" to a fixed value in the node; nothing was sent to BigCommerce.`,
			);
		}
		if (tool && raw.some((s) => s.startsWith('='))) {
			return refusal(
				'limit_not_fixed',
				`The "${name}" setting is an expression; when the node runs as a tool, its input is the agent's`,
				`Set "${name}" to a fixed value in the node; nothing was sent to BigCommerce.`,
			);
		}
	}
	if (!tool) return undefined;
	const cardData = CARD_DATA.find((name) =>
		rawStrings(parameters[name]).some((s) => s.includes('$fromAI')),
	);
	if (cardData) {
		return refusal(
			'card_data_from_agent',
			`"${cardData}" takes its value from the agent: card data must not pass through a language model`,
			'Pay with a stored instrument (the default one, or one the workflow looks up) instead.',
		);
	}
	if (operation === 'paymentAccessToken.create') {
		return refusal(
			'not_for_agents',
			'A payment access token is a credential: this tool does not hand one to an agent',
			'Use Payment → Process as the tool; it makes and spends its own token.',
		);
	}
	const allowed = this.getNodeParameter('allowedOperations', 0, ONCE_PER_INTENT) as string[];
	if (isWriteOperation(operation) && !allowed.includes(operation)) {
		return refusal(
			'operation_not_allowed',
			`This tool may not run ${operation}: the workflow's owner did not allow it`,
			'Ask a person to do it, or the owner to allow it under "Writes the Agent May Make".',
		);
	}
	return undefined;
}

/** Create and Refund as a tool: the key that makes a repeated call answer with the first result. */
export function requireKey(this: IExecuteFunctions, i: number, operation: string): void {
	if (operation !== 'order.create' && operation !== 'order.refund') return;
	const key = this.getNodeParameter('idempotencyKey', i, '');
	if (typeof key === 'string' ? key.trim() : key) return;
	throw refusal(
		'idempotency_key_required',
		`${operation === 'order.create' ? 'Creating an order' : 'A refund'} through a tool needs an idempotency key`,
		"Give the key of the business event (the ticket, the deal, the return), the same one on every retry; set the node's Idempotency Key to it, e.g. with $fromAI('idempotencyKey').",
	);
}

/** A limit from the Limits collection in cents; 0 or absent means none. */
export function limitCents(this: IExecuteFunctions, i: number, name: string): number {
	const limits = this.getNodeParameter('limits', i, {}) as IDataObject;
	const value = limits[name];
	if (value === undefined || value === null || value === '') return 0;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) throw new InputError('Limits', `${name} must be 0 or more`);
	return Math.round(n * 100);
}

const money = (c: number) => (c / 100).toFixed(2);

/**
 * Payment → Process: the order's amount due, read before anything is sent (one GET; the payment
 * access token's `amount` claim would need the token made first, and BigCommerce does not document
 * it), and refused over the owner's Max Charge Amount. Read as a tool for the answer's amount too.
 */
export async function chargeFacts(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
	tool: boolean,
): Promise<Facts> {
	const max = limitCents.call(this, i, 'maxChargeAmount');
	if (!max && !tool) return {};
	const orderId = orderIdOf.call(this, i);
	const read = await settle(getOrder.call(this, connection, orderId));
	if ('error' in read) {
		// Without a limit the amount is only for the answer; with one, nothing is paid unchecked.
		if (!max) return {};
		throw read.error;
	}
	const order = read.value;
	const due = amountDueCents(order);
	if (max && due > max) {
		throw refusal(
			'over_charge_limit',
			`Order ${orderId} has ${money(due)} due, over this tool's limit of ${money(max)} per charge`,
			'Nothing was charged. A person must take this payment, or the workflow owner raise Max Charge Amount.',
		);
	}
	return { amountDue: due / 100, currency: (order.currency_code as string | undefined) ?? null };
}

/** Refund: one refund's amount and the order's refunded share against the owner's limits. */
export function checkRefundLimits(
	this: IExecuteFunctions,
	i: number,
	refund: { orderId: number; cents: number; total?: unknown; refunded?: unknown },
): void {
	const max = limitCents.call(this, i, 'maxRefundAmount');
	if (max && refund.cents > max) {
		throw refusal(
			'over_refund_limit',
			`A refund of ${money(refund.cents)} on order ${refund.orderId} is over this tool's limit of ${money(max)} per refund`,
			'Nothing was refunded. A person must make this refund, or the workflow owner raise Max Refund Amount.',
		);
	}
	const share = (this.getNodeParameter('limits', i, {}) as IDataObject).maxRefundShare;
	if (share === undefined || share === null || share === '' || refund.total === undefined) return;
	const total = cents(refund.total);
	const after = cents(refund.refunded) + refund.cents;
	if (after * 100 > Number(share) * total) {
		throw refusal(
			'over_refund_share',
			`Order ${refund.orderId} would have ${money(after)} of its ${money(total)} refunded, over this tool's limit of ${String(share)} %`,
			'Nothing was refunded. A person must make this refund, or the workflow owner raise Max Refunded Share of Order.',
		);
	}
}

/** Whether a refund must read the order first: to know "everything" or to check the share. */
export function refundNeedsOrder(this: IExecuteFunctions, i: number, requestedCents: number) {
	const share = (this.getNodeParameter('limits', i, {}) as IDataObject).maxRefundShare;
	return requestedCents === 0 || (share !== undefined && share !== null && share !== '');
}
