import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { authorizeOrder, createOrder, withEmulator } from '../../helpers/setup';
import type { ToolNode } from '../../helpers/tools';
import {
	callTool,
	callTools,
	fromAI,
	orderFromAI,
	runAsEngineTool,
	sentSince,
} from '../../helpers/tools';

/**
 * What an agent or an MCP client reads back: every outcome on the one output a tool returns, in a
 * compact answer, with no token or card data in it or in the tool list.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const PAY: IDataObject = {
	resource: 'payment',
	operation: 'process',
	orderId: orderFromAI,
	instrumentType: 'default_stored_instrument',
};

describe('as a tool, every outcome is an answer on the first output', () => {
	test('a declined payment (called as the MCP trigger does)', async () => {
		const id = await createOrder(emulator, 5, 40);
		const { first, text } = await callTool(emulator, PAY, { orderId: String(id) });
		expect(text).not.toBe('[]');
		expect(first).toEqual({
			outcome: 'declined',
			orderId: id,
			reason: 'insufficient_funds',
			code: 30106,
			message: expect.stringMatching(/insufficient funds/i),
			remedy: expect.any(String),
			retryable: true,
		});
	});

	test('a declined payment (run as AI Agent v3 runs a tool, isToolExecution() false)', async () => {
		const id = await createOrder(emulator, 2, 40);
		const outputs = await runAsEngineTool(emulator, PAY, { orderId: String(id) });
		expect(outputs).toEqual([
			[expect.objectContaining({ outcome: 'declined', orderId: id, code: 30107 })],
		]);
	});

	test('an approved payment says what was charged, with what, and not to pay again', async () => {
		const id = await createOrder(emulator, 1, 40);
		const { first } = await callTool(emulator, PAY, { orderId: String(id) });
		expect(first).toEqual({
			outcome: 'approved',
			orderId: id,
			amount: 40,
			currency: 'USD',
			paymentId: expect.any(String),
			status: 'success',
			transactionType: 'purchase',
			paidWith: 'VISA •••• 4242',
			repeat: false,
			retryable: false,
			message: `Order ${id} was charged. Do not pay it again.`,
		});
	});

	test('a failure before BigCommerce (an order that does not exist)', async () => {
		const { first } = await callTool(emulator, PAY, { orderId: '99999' });
		expect(first).toMatchObject({ outcome: 'failed', reason: 'not_found', retryable: false });
	});

	test('a read with no match says so rather than []', async () => {
		const { first } = await callTool(
			emulator,
			{ resource: 'order', operation: 'getAll', filters: { customer_id: 4 } },
			{},
		);
		expect(first).toEqual({ outcome: 'none', message: expect.any(String) });
	});

	test('an order reads as who, how much and what state', async () => {
		const id = await createOrder(emulator, 1, 40);
		const { first } = await callTool(
			emulator,
			{ resource: 'order', operation: 'get', orderId: orderFromAI },
			{ orderId: String(id) },
		);
		expect(first).toEqual({
			orderId: id,
			status: 'Incomplete',
			statusId: 0,
			paymentStatus: null,
			total: 40,
			refunded: 0,
			currency: 'USD',
			customerId: 1,
			email: 'ada@example.com',
			name: 'Ada Lovelace',
			created: expect.any(String),
			paymentMethod: null,
			externalOrderId: null,
		});
	});

	test('a payment access token is not handed to an agent', async () => {
		const id = await createOrder(emulator, 1, 40);
		const mark = emulator.requests().length;
		const { first } = await callTool(
			emulator,
			{ resource: 'paymentAccessToken', operation: 'create', orderId: orderFromAI },
			{ orderId: String(id) },
		);
		expect(first).toMatchObject({ outcome: 'refused', reason: 'not_for_agents', sent: false });
		expect(sentSince(emulator, mark)).toEqual([]);
	});
});

const SECRETS: Array<[string, RegExp]> = [
	['a stored-instrument token', /\b([0-9a-f]{2})\1{31}\b/],
	['a JWT (payment access token)', /eyJ[\w-]+\.[\w-]+\.[\w-]+/],
	['a card number', /\b\d{13,19}\b/],
	['the access token', /sandbox-token/],
	['a gift certificate code', /GIFT-\d{3}-[A-Z]{3}/],
];

test('no tool description, schema or answer holds a token, card data or a code', async () => {
	const paid = await createOrder(emulator, 1, 40);
	const declined = await createOrder(emulator, 5, 40);
	const authorized = await authorizeOrder(emulator);
	const gift = await createOrder(emulator, 4, 40);
	const tools: Record<string, ToolNode> = {
		'Get order': { parameters: { resource: 'order', operation: 'get', orderId: orderFromAI } },
		'Find orders': {
			parameters: {
				resource: 'order',
				operation: 'getAll',
				filters: { customer_id: fromAI('customerId', 'The customer ID', 'number') },
			},
		},
		Transactions: {
			parameters: { resource: 'transaction', operation: 'getAll', orderId: orderFromAI },
		},
		'Payment methods': {
			parameters: { resource: 'paymentMethod', operation: 'getAll', orderId: orderFromAI },
		},
		'Stored instruments': {
			parameters: {
				resource: 'customer',
				operation: 'getStoredInstruments',
				customerId: {
					__rl: true,
					mode: 'id',
					value: fromAI('customerId', 'The customer ID', 'number'),
				},
			},
		},
		Pay: { parameters: PAY },
		'Pay with gift certificate': {
			parameters: {
				...PAY,
				instrumentType: 'gift_certificate',
				paymentMethodId: { __rl: true, mode: 'id', value: 'bigcommerce.gift_certificate' },
				giftCertificateCode: 'GIFT-010-DEF',
			},
		},
		Capture: { parameters: { resource: 'order', operation: 'capture', orderId: orderFromAI } },
		Refund: {
			parameters: {
				resource: 'order',
				operation: 'refund',
				orderId: orderFromAI,
				amount: fromAI('amount', 'How much to refund', 'number'),
				idempotencyKey: fromAI('idempotencyKey', 'The return or ticket ID'),
			},
		},
	};
	const { answers, listed } = await callTools(emulator, tools, [
		[
			{ tool: 'Pay', args: { orderId: String(paid) } },
			{ tool: 'Pay', args: { orderId: String(declined) } },
			{ tool: 'Capture', args: { orderId: String(authorized) } },
			{ tool: 'Pay_with_gift_certificate', args: { orderId: String(gift) } },
		],
		[
			{ tool: 'Get_order', args: { orderId: String(paid) } },
			{ tool: 'Find_orders', args: { customerId: 1 } },
			{ tool: 'Transactions', args: { orderId: String(paid) } },
			{ tool: 'Payment_methods', args: { orderId: String(declined) } },
			{ tool: 'Stored_instruments', args: { customerId: 1 } },
			{ tool: 'Refund', args: { orderId: String(paid), amount: 5, idempotencyKey: 'RMA-1' } },
		],
	]);
	expect(answers.map((a) => a.error)).toEqual(answers.map(() => undefined));
	// each did what it should, so the search below looked at real answers
	expect(answers.map((a) => (a.result as IDataObject[])[0].outcome ?? 'read')).toEqual([
		'approved',
		'declined',
		'captured',
		'approved',
		'read',
		'read',
		'read',
		'read',
		'read',
		'refunded',
	]);
	const seen = JSON.stringify({ answers: answers.map((a) => a.text), listed });
	// the sandbox's own tokens, looked for by value too
	for (const token of Object.values(TOKENS)) expect(seen).not.toContain(token);
	for (const [what, pattern] of SECRETS)
		expect([what, pattern.exec(seen)?.[0]]).toEqual([what, undefined]);
});
