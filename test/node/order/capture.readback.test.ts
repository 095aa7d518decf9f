import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';

/**
 * Capture, Void and Refund change money and are never sent twice. After a lost answer the node
 * reads BigCommerce's records and reports the truth; after a done write, a failed read-back only
 * loses detail, never the success.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const onError = { onError: 'continueRegularOutput' as const };
const action = (operation: string, orderId: number, extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation,
	orderId: String(orderId),
	...extra,
});
const posts = (suffix: string) =>
	emulator.requests().filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

/** An order paid through the authorize-only gateway: authorized, waiting for capture or void. */
async function authorizedOrder(): Promise<number> {
	const orderId = await createOrder(emulator, 1, 30);
	const run = await runNode(emulator, {
		resource: 'payment',
		operation: 'process',
		orderId: String(orderId),
		instrumentType: 'card',
		paymentMethodId: 'authorizenet.card',
		cardNumber: '4111111111111111',
		cardholderName: 'Ada Lovelace',
		expiryMonth: 12,
		expiryYear: 2034,
		cvv: '123',
	});
	expect(json(run.out[0])[0]).toMatchObject({ transactionType: 'authorization' });
	return orderId;
}

async function paidOrder(amount = 40): Promise<number> {
	const orderId = await createOrder(emulator, 1, amount);
	await runNode(emulator, {
		resource: 'payment',
		operation: 'process',
		orderId: String(orderId),
		instrumentType: 'default_stored_instrument',
	});
	return orderId;
}

describe.each(['capture', 'void'] as const)('%s', (operation) => {
	const after = operation === 'capture' ? /^capture pending|captured$/ : /^void pending|void$/;

	test('done, but the order cannot be read afterwards: still a success, with the read-back error', async () => {
		const orderId = await authorizedOrder();
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 403 });
		const run = await runNode(emulator, action(operation, orderId), [{}], onError);
		const item = json(run.out[0])[0];
		expect(item.error).toBeUndefined();
		expect(item).toMatchObject({ orderId, action: operation, paymentStatus: null });
		expect(item.readBackError).toEqual(expect.any(String));
		expect(emulator.store().orders.get(orderId)?.payment_status).toMatch(after);
	});

	test('the answer is lost after it was done: read back, a success (reconciled), sent once', async () => {
		const orderId = await authorizedOrder();
		emulator.addFault({
			route: `POST /v3/orders/*/payment_actions/${operation}`,
			kind: 'commitThenDrop',
			times: 1,
		});
		const run = await runNode(emulator, action(operation, orderId), [{}], onError);
		expect(json(run.out[0])[0]).toMatchObject({
			orderId,
			action: operation,
			reconciled: true,
			paymentStatus: expect.stringMatching(after),
		});
		expect(posts(`/${operation}`)).toHaveLength(1);
	});

	test('the connection drops before it was done: Failed not_done, retryable', async () => {
		const orderId = await authorizedOrder();
		emulator.addFault({
			route: `POST /v3/orders/*/payment_actions/${operation}`,
			kind: 'reset',
			times: 1,
		});
		const run = await runNode(emulator, action(operation, orderId), [{}], onError);
		expect(json(run.out[0])[0].details).toMatchObject({
			reason: 'not_done',
			retryable: true,
			reconciled: true,
			order: { paymentStatus: 'authorized' },
		});
		expect(posts(`/${operation}`)).toHaveLength(1);
	});

	test('lost answer and unreadable order: outcome_unknown, not retryable', async () => {
		const orderId = await authorizedOrder();
		emulator.addFault({
			route: `POST /v3/orders/*/payment_actions/${operation}`,
			kind: 'commitThenDrop',
			times: 1,
		});
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 403 });
		const run = await runNode(emulator, action(operation, orderId), [{}], onError);
		expect(json(run.out[0])[0].details).toMatchObject({
			reason: 'outcome_unknown',
			retryable: false,
			message: expect.stringMatching(/read-back failed/),
		});
	});
});

describe('refund', () => {
	const refundRoute = 'POST /v3/orders/*/payment_actions/refunds';

	test('the answer is lost after it was made: the new refund is read back, sent once', async () => {
		const orderId = await paidOrder();
		emulator.addFault({ route: refundRoute, kind: 'commitThenDrop', times: 1 });
		const run = await runNode(emulator, action('refund', orderId, { amount: 5 }), [{}], onError);
		expect(json(run.out[0])[0]).toMatchObject({ orderId, reconciled: true, total_amount: 5 });
		expect(posts('/refunds')).toHaveLength(1);
		expect(emulator.store().orders.get(orderId)?.refunded_cents).toBe(500);
	});

	test('an earlier refund is not mistaken for this one: not_done when this one was not made', async () => {
		const orderId = await paidOrder();
		await runNode(emulator, action('refund', orderId, { amount: 3 }));
		emulator.addFault({ route: refundRoute, kind: 'reset', times: 1 });
		const run = await runNode(emulator, action('refund', orderId, { amount: 5 }), [{}], onError);
		expect(json(run.out[0])[0].details).toMatchObject({ reason: 'not_done', retryable: true });
		expect(emulator.store().orders.get(orderId)?.refunded_cents).toBe(300);
	});

	test('refunds cannot be listed: a lost answer stays outcome_unknown', async () => {
		const orderId = await paidOrder();
		emulator.addFault({
			route: 'GET /v3/orders/*/payment_actions/refunds',
			kind: 'status',
			status: 403,
		});
		emulator.addFault({ route: refundRoute, kind: 'commitThenDrop', times: 1 });
		const run = await runNode(emulator, action('refund', orderId, { amount: 5 }), [{}], onError);
		expect(json(run.out[0])[0].details).toMatchObject({
			reason: 'outcome_unknown',
			retryable: false,
		});
		expect(posts('/refunds')).toHaveLength(1);
	});
});

describe('asynchronous settling', () => {
	const settle = async (settleDelayMs: number) =>
		await fetch(`${emulator.url}/__emulator/settings`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ settleDelayMs }),
		});
	afterEach(async () => await settle(0));

	test.each([
		['capture', 'capture pending'],
		['void', 'void pending'],
	])(
		'a lost %s answer while it is still pending is reported as it stands',
		async (operation, pending) => {
			await settle(60000);
			const orderId = await authorizedOrder();
			emulator.addFault({
				route: `POST /v3/orders/*/payment_actions/${operation}`,
				kind: 'commitThenDrop',
				times: 1,
			});
			const run = await runNode(emulator, action(operation, orderId), [{}], onError);
			expect(json(run.out[0])[0]).toMatchObject({ reconciled: true, paymentStatus: pending });
		},
	);
});
