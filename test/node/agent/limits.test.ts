import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { CHECKOUT_ADDRESS, FAILED, processParams } from '../../helpers/params';
import { callTool, fromAI, orderFromAI, sentSince, writesSince } from '../../helpers/tools';

/**
 * The workflow owner's limits: a call over one is refused with a stable reason before anything is
 * sent (the emulator's request log shows no write, or nothing at all where no read is needed), and
 * the agent cannot raise one.
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
const REFUND: IDataObject = {
	resource: 'order',
	operation: 'refund',
	orderId: orderFromAI,
	amount: fromAI('amount', 'How much to refund, 0 for everything', 'number'),
	reason: fromAI('reason', 'Why, in a few words'),
	idempotencyKey: fromAI('idempotencyKey', 'The return or ticket ID'),
};

async function paidOrder(amount: number) {
	const id = await createOrder(emulator, 1, amount);
	const { first } = await callTool(emulator, PAY, { orderId: String(id) });
	expect(first).toMatchObject({ outcome: 'approved' });
	return id;
}

/** Calls one tool and expects a refusal with `reason`; returns what was sent during the call. */
async function refused(parameters: IDataObject, args: IDataObject, reason: string) {
	const mark = emulator.requests().length;
	const chargesBefore = emulator.charges().length;
	const { first } = await callTool(emulator, parameters, args);
	expect(first).toMatchObject({ outcome: 'refused', reason, retryable: false, sent: false });
	expect(emulator.charges()).toHaveLength(chargesBefore);
	return { sent: sentSince(emulator, mark), writes: writesSince(emulator, mark) };
}

describe('a call over a limit is refused before anything is sent', () => {
	test('Max Charge Amount: the amount due is read (one GET), nothing is paid', async () => {
		const big = await createOrder(emulator, 1, 40);
		const limited = { ...PAY, limits: { maxChargeAmount: 25 } };
		const { sent } = await refused(limited, { orderId: String(big) }, 'over_charge_limit');
		expect(sent).toEqual([`GET /v2/orders/${big}`]);
		const small = await createOrder(emulator, 1, 25);
		const { first } = await callTool(emulator, limited, { orderId: String(small) });
		expect(first).toMatchObject({ outcome: 'approved', amount: 25 });
	});

	test('Max Refund Amount: an amount over it sends nothing at all', async () => {
		const id = await paidOrder(40);
		const limited = { ...REFUND, limits: { maxRefundAmount: 10 } };
		const args = { orderId: String(id), amount: 15, reason: 'damaged', idempotencyKey: 'RMA-1' };
		const { sent } = await refused(limited, args, 'over_refund_limit');
		expect(sent).toEqual([]);
	});

	test('Max Refund Amount: "everything" is read from the order, then refused', async () => {
		const id = await paidOrder(40);
		const limited = { ...REFUND, limits: { maxRefundAmount: 10 } };
		const args = { orderId: String(id), amount: 0, reason: 'all', idempotencyKey: 'RMA-2' };
		const { writes } = await refused(limited, args, 'over_refund_limit');
		expect(writes).toEqual([]);
		expect(emulator.store().orders.get(id)?.refunded_cents).toBe(0);
	});

	test('Max Refunded Share: earlier refunds count; the one that would pass it is refused', async () => {
		const id = await paidOrder(40);
		const limited = { ...REFUND, limits: { maxRefundShare: 50 } };
		const first = { orderId: String(id), amount: 15, reason: 'late', idempotencyKey: 'RMA-3' };
		expect((await callTool(emulator, limited, first)).first).toMatchObject({
			outcome: 'refunded',
		});
		const second = { orderId: String(id), amount: 10, reason: 'late', idempotencyKey: 'RMA-4' };
		const { writes } = await refused(limited, second, 'over_refund_share');
		expect(writes).toEqual([]);
		expect(emulator.store().orders.get(id)?.refunded_cents).toBe(1500);
		const upTo = { orderId: String(id), amount: 5, reason: 'late', idempotencyKey: 'RMA-5' };
		expect((await callTool(emulator, limited, upTo)).first).toMatchObject({
			outcome: 'refunded',
			amount: 5,
		});
	});

	test('a write the owner did not allow', async () => {
		const id = await paidOrder(40);
		const onlyPay = { ...REFUND, allowedOperations: ['payment.process'] };
		const args = { orderId: String(id), amount: 5, reason: 'x', idempotencyKey: 'RMA-6' };
		const { sent } = await refused(onlyPay, args, 'operation_not_allowed');
		expect(sent).toEqual([]);
	});

	test('a write that makes something new on every call, until the owner allows it', async () => {
		// Checkout to Order makes a cart and its order on every call: an agent that repeated itself
		// would get a second order to pay, so a tool leaves it out unless the owner adds it.
		const toOrder = {
			resource: 'checkout',
			operation: 'toOrder',
			customerId: '1',
			cartItems: {
				products: [{ productId: 101, quantity: fromAI('quantity', 'How many', 'number') }],
			},
			billingAddress: CHECKOUT_ADDRESS,
		};
		const ordersBefore = emulator.store().orders.size;
		const { sent } = await refused(toOrder, { quantity: 1 }, 'operation_not_allowed');
		expect(sent).toEqual([]);
		for (const write of ['cart.create', 'checkout.addConsignment']) {
			const [resource, operation] = write.split('.');
			const { first } = await callTool(emulator, { resource, operation }, {});
			expect(first).toMatchObject({ outcome: 'refused', reason: 'operation_not_allowed' });
		}
		expect(emulator.store().orders.size).toBe(ordersBefore);
		const allowed = { ...toOrder, allowedOperations: ['checkout.toOrder'] };
		const { first } = await callTool(emulator, allowed, { quantity: 1 });
		expect(first).toMatchObject({ orderId: expect.any(Number) });
		expect(emulator.store().orders.size).toBe(ordersBefore + 1);
	});

	test('a refund or an order without an idempotency key', async () => {
		const id = await paidOrder(40);
		const noKey = { ...REFUND, idempotencyKey: '' };
		const args = { orderId: String(id), amount: 5, reason: 'x' };
		expect((await refused(noKey, args, 'idempotency_key_required')).sent).toEqual([]);
		const create = {
			resource: 'order',
			operation: 'create',
			customerId: 1,
			billingAddress: { email: 'ada@example.com' },
			lineItems: {
				customItems: [{ name: fromAI('item', 'What is sold'), price: 10, quantity: 1 }],
			},
		};
		expect((await refused(create, { item: 'Mug' }, 'idempotency_key_required')).sent).toEqual([]);
	});

	test('card data the agent would fill', async () => {
		const id = await createOrder(emulator, 1, 40);
		const card = {
			...PAY,
			instrumentType: 'card',
			paymentMethodId: { __rl: true, mode: 'id', value: 'stripe.card' },
			cardNumber: fromAI('cardNumber', 'The card number'),
			cardholderName: 'Ada',
			expiryMonth: 12,
			expiryYear: 2034,
			cvv: '123',
		};
		const args = { orderId: String(id), cardNumber: '4111111111111111' };
		expect((await refused(card, args, 'card_data_from_agent')).sent).toEqual([]);
	});
});

describe('the agent cannot raise a limit', () => {
	test.each([
		{
			name: 'a limit from $fromAI',
			limits: { maxRefundAmount: fromAI('max', 'The most to refund', 'number') },
			reason: 'limit_from_agent',
		},
		{
			name: 'a limit from the call’s input ($json is the agent’s arguments)',
			limits: { maxRefundAmount: '={{ $json.max }}' },
			reason: 'limit_not_fixed',
		},
	])('$name', async ({ limits, reason }) => {
		const id = await paidOrder(40);
		const args = {
			orderId: String(id),
			amount: 30,
			reason: 'x',
			idempotencyKey: 'RMA-7',
			max: 100,
		};
		const { sent } = await refused({ ...REFUND, limits }, args, reason);
		expect(sent).toEqual([]);
	});

	test('the allowed writes or the operation from $fromAI', async () => {
		const id = await paidOrder(40);
		const args = { orderId: String(id), amount: 5, reason: 'x', idempotencyKey: 'RMA-8' };
		const allowed = { ...REFUND, allowedOperations: fromAI('ops', 'Allowed operations', 'json') };
		expect(
			(await refused(allowed, { ...args, ops: ['order.refund'] }, 'limit_from_agent')).sent,
		).toEqual([]);
		const operation = { ...REFUND, operation: fromAI('operation', 'What to do') };
		expect(
			(await refused(operation, { ...args, operation: 'refund' }, 'limit_from_agent')).sent,
		).toEqual([]);
	});
});

test('outside a tool the same limits hold, and a refused charge goes to Failed', async () => {
	const id = await createOrder(emulator, 1, 40);
	const run = await runNode(
		emulator,
		processParams(id, {
			instrumentType: 'default_stored_instrument',
			limits: { maxChargeAmount: '={{ 20 + 5 }}' },
		}),
	);
	expect(json(run.out[FAILED])).toEqual([
		expect.objectContaining({ reason: 'over_charge_limit', refused: true, retryable: false }),
	]);
	expect(emulator.charges()).toEqual([]);
});
