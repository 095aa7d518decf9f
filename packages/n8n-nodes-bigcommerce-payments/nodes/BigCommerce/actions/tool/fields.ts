/**
 * What the workflow's owner sets for an AI agent or an MCP client: which writes the node may make as
 * a tool, and the most a charge or a refund may move. `@tool` shows a field only on the node's tool
 * variant ("BigCommerce Payments Tool"), as n8n's own HTTP Request node does for its tool options.
 */
import type { INodeProperties } from 'n8n-workflow';

/** The writes, as `resource.operation`: what a tool may be allowed to do. */
export const WRITES = [
	'cart.create',
	'checkout.addConsignment',
	'checkout.createOrder',
	'checkout.selectShippingOption',
	'checkout.setBillingAddress',
	'checkout.toOrder',
	'order.capture',
	'order.create',
	'order.refund',
	'order.void',
	'payment.process',
] as const;
export type Write = (typeof WRITES)[number];

/** Whether `resource.operation` changes something at BigCommerce. */
export const isWriteOperation = (name: string): name is Write =>
	(WRITES as readonly string[]).includes(name);

/**
 * What a tool may write unless its owner says otherwise: the writes a repeated call cannot repeat,
 * keyed (Order → Create, Refund), once per order (Process, Capture, Void), once per checkout (Create
 * Order) or setting what is already set. The others make something new on every call (a cart, a
 * consignment, a cart and its order), so an agent that repeats itself would make two: they wait for
 * the owner to allow them.
 */
export const ONCE_PER_INTENT: Write[] = [
	'checkout.createOrder',
	'checkout.selectShippingOption',
	'checkout.setBillingAddress',
	'order.capture',
	'order.create',
	'order.refund',
	'order.void',
	'payment.process',
];

const FIXED =
	'Set here, never by the agent: when the node runs as a tool, an expression in this field is refused.';

/** Shown on the tool variant only: what changes when an agent is the caller. */
export const toolNotice: INodeProperties = {
	displayName:
		"As a tool, every call answers with one compact object (outcome, orderId, amount, reason, retryable, repeat), never with token or card data. Order → Create and Refund need an Idempotency Key; the writes and limits below are yours, not the agent's. Describe the tool for the model under Tool Description → Set Manually.",
	name: 'toolNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true] } },
};

export const allowedOperations: INodeProperties = {
	displayName: 'Writes the Agent May Make',
	name: 'allowedOperations',
	type: 'multiOptions',
	noDataExpression: true,
	options: [
		{ name: 'Cart → Create (New Cart Each Call)', value: 'cart.create' },
		{
			name: 'Checkout → Add Consignment (New Consignment Each Call)',
			value: 'checkout.addConsignment',
		},
		{ name: 'Checkout → Checkout to Order (New Order Each Call)', value: 'checkout.toOrder' },
		{ name: 'Checkout → Create Order', value: 'checkout.createOrder' },
		{ name: 'Checkout → Select Shipping Option', value: 'checkout.selectShippingOption' },
		{ name: 'Checkout → Set Billing Address', value: 'checkout.setBillingAddress' },
		{ name: 'Order → Capture Payment', value: 'order.capture' },
		{ name: 'Order → Create', value: 'order.create' },
		{ name: 'Order → Refund', value: 'order.refund' },
		{ name: 'Order → Void Payment', value: 'order.void' },
		{ name: 'Payment → Process', value: 'payment.process' },
	],
	default: [...ONCE_PER_INTENT],
	description: `Which writes this tool may make when an AI agent or an MCP client calls it; a call to another write is refused before anything is sent. Reads are always allowed. The writes marked "each call" are off unless you add them: an agent that repeats itself would make a second cart or order. ${FIXED}`,
	displayOptions: { show: { '@tool': [true] } },
};

const amountOption = (displayName: string, name: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	description: `${what} in the store's currency (not cents). ${FIXED} A call over it is refused before anything is sent; 0 means no limit.`,
});

export const chargeLimits: INodeProperties = {
	displayName: 'Limits',
	name: 'limits',
	type: 'collection',
	placeholder: 'Add Limit',
	default: {},
	displayOptions: { show: { resource: ['payment'], operation: ['process'] } },
	options: [
		amountOption(
			'Max Charge Amount',
			'maxChargeAmount',
			'The most one payment may charge (the amount due on the order, read before paying),',
		),
	],
};

export const refundLimits: INodeProperties = {
	displayName: 'Limits',
	name: 'limits',
	type: 'collection',
	placeholder: 'Add Limit',
	default: {},
	displayOptions: { show: { resource: ['order'], operation: ['refund'] } },
	options: [
		{
			displayName: 'Max Refunded Share of Order (%)',
			name: 'maxRefundShare',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
			default: 50,
			description: `The most of the order's total that may be refunded in all, this refund and every earlier one together, in percent. ${FIXED} A refund that would go over it is refused before anything is sent.`,
		},
		amountOption('Max Refund Amount', 'maxRefundAmount', 'The most one refund may pay back,'),
	],
};
