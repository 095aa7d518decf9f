import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { authorizeOrder, createOrder, withEmulator } from '../../helpers/setup';
import { callTools, fromAI, orderFromAI } from '../../helpers/tools';

/**
 * Exactly once per agent intent: every write an agent can call, called twice with the same key
 * (and with the same key and other fields rephrased), makes one change at BigCommerce and answers
 * the second time with the first result, marked `repeat: true`.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const TOOLS = {
	'Create order': {
		parameters: {
			resource: 'order',
			operation: 'create',
			customerId: fromAI('customerId', 'The customer ID', 'number'),
			billingAddress: { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' },
			lineItems: {
				customItems: [
					{
						name: fromAI('item', 'What is sold'),
						price: fromAI('price', 'Its price', 'number'),
						quantity: 1,
					},
				],
			},
			idempotencyKey: fromAI('idempotencyKey', 'The deal ID this order is for'),
		},
	},
	'Pay order': {
		parameters: {
			resource: 'payment',
			operation: 'process',
			orderId: orderFromAI,
			instrumentType: 'default_stored_instrument',
		},
	},
	'Refund order': {
		parameters: {
			resource: 'order',
			operation: 'refund',
			orderId: orderFromAI,
			amount: fromAI('amount', 'How much to refund', 'number'),
			reason: fromAI('reason', 'Why'),
			idempotencyKey: fromAI('idempotencyKey', 'The return or ticket ID'),
		},
	},
	'Capture payment': {
		parameters: { resource: 'order', operation: 'capture', orderId: orderFromAI },
	},
	'Void payment': { parameters: { resource: 'order', operation: 'void', orderId: orderFromAI } },
};

type Call = { tool: string; args: IDataObject };

/** Calls the tools in rounds (each round at the same moment); the first item of each answer. */
async function call(...rounds: Call[][]): Promise<IDataObject[]> {
	const { answers } = await callTools(emulator, TOOLS, rounds);
	expect(answers.map((a) => a.error)).toEqual(answers.map(() => undefined));
	return answers.map((a) => (a.result as IDataObject[])[0]);
}

const refunds = (orderId: number) => emulator.store().refunds.filter((r) => r.order_id === orderId);

test('Create: same key twice, the second rephrased, makes one order', async () => {
	const [first, second] = await call(
		[
			{
				tool: 'Create_order',
				args: { customerId: 1, item: 'Mug', price: 12, idempotencyKey: 'D-1' },
			},
		],
		[
			{
				tool: 'Create_order',
				args: { customerId: 1, item: 'A mug', price: 12.5, idempotencyKey: 'D-1' },
			},
		],
	);
	expect(first).toMatchObject({ outcome: 'created', amount: 12, repeat: false });
	expect(second).toMatchObject({ outcome: 'created', orderId: first.orderId, repeat: true });
	expect(emulator.store().orders.size).toBe(1);
});

test('Process: the same order twice (and twice at once) is charged once', async () => {
	const id = await createOrder(emulator, 1, 40);
	const twice = await createOrder(emulator, 3, 45);
	const pay = (orderId: number) => ({ tool: 'Pay_order', args: { orderId: String(orderId) } });
	const answers = await call([pay(id)], [pay(id)], [pay(twice), pay(twice)]);
	expect(answers[0]).toMatchObject({ outcome: 'approved', amount: 40, repeat: false });
	expect(answers[1]).toMatchObject({ outcome: 'approved', amount: 40, repeat: true });
	expect(emulator.charges().filter((c) => c.order_id === id)).toHaveLength(1);
	expect(emulator.charges().filter((c) => c.order_id === twice)).toHaveLength(1);
	expect(answers.slice(2).map((a) => a.outcome)).toEqual(['approved', 'approved']);
});

describe('Refund', () => {
	async function paidOrder() {
		const id = await createOrder(emulator, 1, 40);
		await call([{ tool: 'Pay_order', args: { orderId: String(id) } }]);
		return id;
	}
	const refund = (orderId: number, amount: number, reason: string, key: string) => ({
		tool: 'Refund_order',
		args: { orderId: String(orderId), amount, reason, idempotencyKey: key },
	});

	test('same key twice, then rephrased: one refund, the first one answered', async () => {
		const id = await paidOrder();
		const [first, again, rephrased] = await call(
			[refund(id, 10, 'damaged', 'RMA-1')],
			[refund(id, 10, 'damaged', 'RMA-1')],
			[refund(id, 12, 'arrived damaged, refund please', 'RMA-1')],
		);
		expect(first).toMatchObject({
			outcome: 'refunded',
			amount: 10,
			refundReason: 'damaged',
			repeat: false,
		});
		expect(again).toMatchObject({ refundId: first.refundId, amount: 10, repeat: true });
		expect(rephrased).toMatchObject({ refundId: first.refundId, amount: 10, repeat: true });
		expect(rephrased.message).toMatch(/asked for 12\.00 and refunded nothing/);
		expect(refunds(id)).toHaveLength(1);
		expect(emulator.store().orders.get(id)?.refunded_cents).toBe(1000);
	});

	test('another key is another refund', async () => {
		const id = await paidOrder();
		await call([refund(id, 10, 'a', 'RMA-1')], [refund(id, 10, 'b', 'RMA-2')]);
		expect(refunds(id)).toHaveLength(2);
	});

	test('two calls with one key at the same moment make one refund', async () => {
		const id = await paidOrder();
		const answers = await call([
			refund(id, 10, 'damaged', 'RMA-1'),
			refund(id, 10, 'damaged', 'RMA-1'),
		]);
		expect(refunds(id)).toHaveLength(1);
		expect(emulator.store().orders.get(id)?.refunded_cents).toBe(1000);
		expect(answers.filter((a) => a.repeat === false && a.outcome === 'refunded')).toHaveLength(1);
		for (const a of answers) expect(a.retryable === true || a.outcome === 'refunded').toBe(true);
	});
});

test('Capture and Void: a repeat answers with the order, never with an error', async () => {
	const captured = await authorizeOrder(emulator);
	const voided = await authorizeOrder(emulator);
	const at = (tool: string, orderId: number) => ({ tool, args: { orderId: String(orderId) } });
	const answers = await call(
		[at('Capture_payment', captured), at('Void_payment', voided)],
		[at('Capture_payment', captured), at('Void_payment', voided)],
	);
	expect(answers).toEqual([
		expect.objectContaining({ outcome: 'captured', repeat: false, paymentStatus: 'captured' }),
		expect.objectContaining({ outcome: 'voided', repeat: false, paymentStatus: 'void' }),
		expect.objectContaining({ outcome: 'captured', repeat: true, paymentStatus: 'captured' }),
		expect.objectContaining({ outcome: 'voided', repeat: true, paymentStatus: 'void' }),
	]);
	const events = (id: number) =>
		emulator
			.store()
			.orders.get(id)
			?.transactions.map((t) => t.event);
	expect(events(captured)).toEqual(['authorization', 'capture']);
	expect(events(voided)).toEqual(['authorization', 'void']);
});
