import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { FAILED, GOOD_CARD, accessTokenParams, processParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Payment → Process money safety', () => {
	// Each lost answer is reconciled from BigCommerce's records (process.reconcile.test.ts has every
	// branch); here: the payment is sent once, and the item tells what happened.
	const quick = { additionalFields: { reconcileFor: 1, timeout: 1000 } };

	test('commit-then-drop: one charge, found again (Approved, reconciled), never a second', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop' });
		const run = await runNode(
			emulator,
			processParams(orderId, { instrumentType: 'default_stored_instrument', ...quick }),
		);
		expect(json(run.out[0])[0]).toMatchObject({
			outcome: 'approved',
			reconciled: true,
			orderId,
			paymentMethodId: 'stripe.card',
		});
		expect(emulator.charges(orderId)).toHaveLength(1);
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
	});

	test('a 5xx without a code after sending is reconciled (not charged here), sent once', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'status', status: 502 });
		const run = await runNode(emulator, processParams(orderId, { ...GOOD_CARD, ...quick }));
		expect(json(run.out[FAILED])[0]).toMatchObject({
			reason: 'not_charged',
			httpStatus: 502,
			retryable: true,
		});
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
	});

	test('a reset connection is reconciled, sent once', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'reset' });
		const run = await runNode(emulator, processParams(orderId, { ...GOOD_CARD, ...quick }));
		expect(json(run.out[FAILED])[0]).toMatchObject({ reason: 'not_charged' });
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
	});

	test('a timeout is never retried: the slow payment is found once it lands', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 1600 });
		const run = await runNode(emulator, processParams(orderId, { ...GOOD_CARD, ...quick }));
		expect(json(run.out[0])[0]).toMatchObject({ outcome: 'approved', reconciled: true });
		await new Promise((r) => setTimeout(r, 800));
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
		expect(emulator.charges(orderId)).toHaveLength(1);
	});

	test('a 429 on the payment is retried (not processed), and the payment lands once', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'status', status: 429, times: 1 });
		const run = await runNode(emulator, processParams(orderId, GOOD_CARD));
		expect(json(run.out[0])[0]).toMatchObject({ outcome: 'approved' });
		expect(
			emulator
				.requests()
				.filter((r) => r.path === '/payments')
				.map((r) => r.status),
		).toEqual([429, 201]);
		expect(emulator.charges(orderId)).toHaveLength(1);
	});

	test('a token is never used twice: a second item with it fails before sending', async () => {
		const orderId = await createOrder(emulator, 1, 10);
		const pat = await runNode(emulator, accessTokenParams(orderId));
		const item = json(pat.out[0])[0];
		emulator.clearRequests();
		const run = await runNode(
			emulator,
			processParams(orderId, {
				...GOOD_CARD,
				cardNumber: '4000000000009995',
				accessTokenSource: 'input',
			}),
			[item, item],
		);
		expect(json(run.out[1])[0]).toMatchObject({ reason: 'insufficient_funds' });
		expect(json(run.out[FAILED])[0]).toMatchObject({ reason: 'token_already_used' });
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
	});

	test('a token for another order, or an expired one, is refused before sending', async () => {
		const a = await createOrder(emulator, 1);
		const b = await createOrder(emulator, 1);
		const pat = await runNode(emulator, accessTokenParams(a));
		emulator.clearRequests();
		const wrong = await runNode(
			emulator,
			processParams(b, { ...GOOD_CARD, accessTokenSource: 'input' }),
			json(pat.out[0]),
		);
		expect(json(wrong.out[FAILED])[0]).toMatchObject({
			reason: 'invalid_input',
			message: expect.stringMatching(/created for order \d+, not order \d+/),
		});
		const expiredToken = [
			'x',
			Buffer.from(JSON.stringify({ exp: 1000, data: { order_id: String(a) } })).toString(
				'base64url',
			),
			'y',
		].join('.');
		const expired = await runNode(
			emulator,
			processParams(a, {
				...GOOD_CARD,
				accessTokenSource: 'input',
				paymentAccessToken: expiredToken,
			}),
		);
		expect(json(expired.out[FAILED])[0]).toMatchObject({ reason: 'token_expired' });
		expect(emulator.requests()).toHaveLength(0);
	});

	test('the store token goes only to the management API, the PAT only to payments', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.clearRequests();
		await runNode(
			emulator,
			processParams(orderId, { instrumentType: 'default_stored_instrument' }),
		);
		const seen = emulator.requests().map((r) => ({ family: r.family, ...r.auth }));
		// the claim, the default instrument's lookup, the token; then the payment
		expect(seen).toEqual([
			{ family: 'v3', xAuthToken: true, pat: false },
			{ family: 'v3', xAuthToken: true, pat: false },
			{ family: 'v3', xAuthToken: true, pat: false },
			{ family: 'payments', xAuthToken: false, pat: true },
		]);
	});
});
