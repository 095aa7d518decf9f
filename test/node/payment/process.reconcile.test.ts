import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';

/**
 * A payment whose answer was lost is never sent again: the node reads the order and its
 * transactions for "Reconcile For" seconds and routes on what BigCommerce recorded.
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			seed: (seed) => ({
				...seed,
				tokens: [
					...seed.tokens,
					// orders and payments, no transactions scope
					{
						token: 'no-transactions-token',
						clientId: 'no-transactions-client',
						scopes: [
							'store_v2_orders',
							'store_payments_access_token_create',
							'store_payments_methods_read',
						],
					},
				],
			}),
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const APPROVED = 0;
const FAILED = 2;
const pay = (orderId: number, extra: Record<string, unknown> = {}) => ({
	resource: 'payment',
	operation: 'process',
	orderId: String(orderId),
	instrumentType: 'default_stored_instrument',
	additionalFields: { reconcileFor: 2, timeout: 1000 },
	...extra,
});
const paymentPosts = () => emulator.requests().filter((r) => r.path === '/payments');

describe('charged: Approved with reconciled: true, sent once', () => {
	test.each([
		['the answer is dropped after the charge', { kind: 'commitThenDrop' as const }],
		['the answer comes after the timeout', { kind: 'latency' as const, latencyMs: 1500 }],
	])('%s', async (_name, fault) => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', times: 1, ...fault });
		const run = await runNode(emulator, pay(orderId));
		const item = json(run.out[APPROVED])[0];
		expect(item).toMatchObject({
			outcome: 'approved',
			reconciled: true,
			orderId,
			paymentMethodId: 'stripe.card',
			order: { statusId: 11, paymentStatus: 'captured' },
			transaction: {
				event: 'purchase',
				gateway: 'stripe',
				amount: 25,
				paymentMethodId: 'stripe.card',
			},
		});
		expect(JSON.stringify(item)).not.toMatch(/a1a1a1a1/);
		expect(run.out[FAILED]).toHaveLength(0);
		expect(paymentPosts()).toHaveLength(1);
		expect(emulator.charges(orderId)).toHaveLength(1);
	});

	test('without a transactions scope, the order alone tells (and the output says so)', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
		const run = await runNode(
			emulator,
			pay(orderId),
			[{}],
			{},
			sandboxCredentials(emulator, 'no-transactions-token'),
		);
		expect(json(run.out[APPROVED])[0]).toMatchObject({
			reconciled: true,
			transaction: null,
			order: { statusId: 11 },
			transactionsNote: expect.stringMatching(/no transactions scope/),
		});
		expect(emulator.charges(orderId)).toHaveLength(1);
	});
});

describe('certainly not charged: Failed not_charged, retryable, after the window', () => {
	test.each([
		['the connection is reset before processing', { kind: 'reset' as const }],
		['a 503 without a code', { kind: 'status' as const, status: 503 }],
		['BigCommerce answers 10000', { kind: 'error10000' as const }],
	])('%s', async (_name, fault) => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', times: 1, ...fault });
		const started = Date.now();
		const run = await runNode(emulator, pay(orderId));
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		expect(json(run.out[FAILED])[0]).toMatchObject({
			outcome: 'failed',
			reason: 'not_charged',
			retryable: true,
			reconciled: true,
			orderId,
			order: { statusId: 0 },
		});
		expect(paymentPosts()).toHaveLength(1);
		expect(emulator.charges(orderId)).toHaveLength(0);
		// A gateway that charges when it answers may still charge it: the order stays claimed, and
		// a retry before the claim runs out pays nothing.
		const { claimHeldUntil } = json(run.out[FAILED])[0];
		expect(Date.parse(String(claimHeldUntil))).toBeGreaterThan(emulator.clock.now());
		const early = await runNode(emulator, pay(orderId, { additionalFields: { reconcileFor: 0 } }));
		expect(json(early.out[FAILED])[0]).toMatchObject({
			reason: 'payment_in_progress',
			retryable: true,
			claimHeldUntil,
		});
		expect(paymentPosts()).toHaveLength(1);
		// Once it has run out on BigCommerce's clock, the retry reads the order and pays it once.
		emulator.clock.advance(Date.parse(String(claimHeldUntil)) - emulator.clock.now() + 1000);
		const retry = await runNode(emulator, pay(orderId));
		expect(json(retry.out[APPROVED])[0]).toMatchObject({ outcome: 'approved' });
		expect(paymentPosts()).toHaveLength(2);
		expect(emulator.charges(orderId)).toHaveLength(1);
	});
});

describe('cannot tell: Failed outcome_unknown, not retryable', () => {
	test('the order cannot be read after the answer was lost', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 503 });
		const run = await runNode(emulator, pay(orderId, { additionalFields: { reconcileFor: 1 } }));
		expect(json(run.out[FAILED])[0]).toMatchObject({
			reason: 'outcome_unknown',
			retryable: false,
			reconciled: false,
			message: expect.stringMatching(/could not be read/),
		});
		expect(paymentPosts()).toHaveLength(1);
	});
});

describe('part-paid orders: only this attempt counts', () => {
	const certificate = {
		instrumentType: 'gift_certificate',
		giftCertificateCode: 'GIFT-010-DEF',
	};

	test('a certificate that paid part, its answer lost: Approved, reconciled, the order Pending', async () => {
		const orderId = await createOrder(emulator, 1, 25);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
		const run = await runNode(emulator, pay(orderId, certificate));
		expect(json(run.out[APPROVED])[0]).toMatchObject({
			reconciled: true,
			transaction: { method: 'gift_certificate', amount: 10 },
			order: { statusId: 1 },
		});
	});

	test("the certificate's earlier payment is not taken for the card's: a reset card payment is not_charged", async () => {
		const orderId = await createOrder(emulator, 1, 25);
		await runNode(emulator, pay(orderId, certificate));
		emulator.addFault({ route: 'POST /payments', kind: 'reset', times: 1 });
		const run = await runNode(emulator, pay(orderId));
		expect(json(run.out[FAILED])[0]).toMatchObject({
			reason: 'not_charged',
			order: { statusId: 1 },
		});
		expect(emulator.charges(orderId).map((c) => c.amount)).toEqual([10]);
	});

	test('the card that paid the rest, its answer lost: Approved, reconciled', async () => {
		const orderId = await createOrder(emulator, 1, 25);
		await runNode(emulator, pay(orderId, certificate));
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
		const run = await runNode(emulator, pay(orderId));
		expect(json(run.out[APPROVED])[0]).toMatchObject({
			reconciled: true,
			transaction: { method: 'credit_card', amount: 15 },
			order: { statusId: 11 },
		});
	});
});
