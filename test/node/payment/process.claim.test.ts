import type { Emulator } from 'bigcommerce-emulator';
import { call, mintPat, pay } from '../../helpers/http';
import {
	APPROVED,
	DECLINED,
	FAILED,
	GOOD_CARD,
	newCard,
	processParams,
} from '../../helpers/params';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';

/**
 * The payment claim's life: granted, refused (wait, then the holder's outcome), released after a
 * decline, taken over after its holder died, and unavailable to an account without the scope. The
 * claim is an order metafield BigCommerce refuses to make twice (409).
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const NAMESPACE = 'n8n-nodes-bigcommerce-payments.claims';
const KEY = 'payment-claim';

/** The order's claims, as the sandbox account sees them (claims are app_only). */
const claimsOn = (orderId: number) =>
	[...emulator.store().metafields.values()].filter(
		(m) => m.resource_id === orderId && m.namespace === NAMESPACE && m.key === KEY,
	);

/** A claim left by another execution (another holder) through the same API account. */
async function foreignClaim(orderId: number, ttlMs: number): Promise<number> {
	const answer = await call(emulator, 'POST', `/v3/orders/${orderId}/metafields`, {
		body: {
			permission_set: 'app_only',
			namespace: NAMESPACE,
			key: KEY,
			value: JSON.stringify({ holder: 'another-instance/wf/41', ttlMs }),
		},
	});
	expect(answer.status).toBe(200);
	return answer.body.data.id;
}

const paymentPosts = () => emulator.requests().filter((r) => r.family === 'payments').length;

const storedCard = { instrumentType: 'stored_card', paymentMethodId: 'stripe.card' };

test('granted: one claim request before the token, kept on the paid order', async () => {
	const order = await createOrder(emulator, 1);
	emulator.clearRequests();
	const run = await runNode(emulator, processParams(order, GOOD_CARD));
	expect(json(run.out[APPROVED])).toEqual([expect.objectContaining({ outcome: 'approved' })]);
	expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
		`POST /v3/orders/${order}/metafields`,
		'POST /v3/payments/access_tokens',
		'POST /payments',
	]);
	const [claim] = claimsOn(order);
	expect(JSON.parse(claim.value)).toMatchObject({ holder: expect.any(String), ttlMs: 165000 });
	expect(claim.permission_set).toBe('app_only');
	expect(json(run.out[APPROVED])[0]).not.toHaveProperty('claim');
});

test('refused, still held: waits within Reconcile For, then payment_in_progress, nothing sent', async () => {
	const order = await createOrder(emulator, 1);
	await foreignClaim(order, 600_000);
	emulator.clearRequests();
	const started = Date.now();
	const run = await runNode(
		emulator,
		processParams(order, { ...GOOD_CARD, additionalFields: { reconcileFor: 2 } }),
	);
	const [failed] = json(run.out[FAILED]);
	expect(failed).toMatchObject({
		reason: 'payment_in_progress',
		retryable: true,
		orderId: order,
		order: { statusId: 0 },
		claimHeldUntil: expect.stringMatching(/^\d{4}-/),
		checkedAt: expect.any(String),
	});
	expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	expect(paymentPosts()).toBe(0);
	expect(emulator.requests().some((r) => r.path === '/v3/payments/access_tokens')).toBe(false);
	expect(emulator.charges()).toHaveLength(0);
});

test('refused, then the holder pays: answered alreadyPaid, no second charge', async () => {
	const order = await createOrder(emulator, 1);
	await foreignClaim(order, 600_000);
	const running = runNode(
		emulator,
		processParams(order, { ...GOOD_CARD, additionalFields: { reconcileFor: 10 } }),
	);
	// The holder's payment lands while this one waits.
	await new Promise((r) => setTimeout(r, 800));
	const answer = await pay(emulator, await mintPat(emulator, order), {
		instrument: { type: 'stored_card', token: 'a1'.repeat(32) },
		payment_method_id: 'stripe.card',
	});
	expect(answer.status).toBe(201);
	const run = await running;
	expect(json(run.out[APPROVED])).toEqual([
		expect.objectContaining({ outcome: 'approved', alreadyPaid: true, orderId: order }),
	]);
	expect(emulator.charges(order)).toHaveLength(1);
});

test('released after a decline: the next delivery claims the order and pays it', async () => {
	const order = await createOrder(emulator, 1);
	const declined = await runNode(emulator, processParams(order, newCard('4000000000009995')));
	expect(json(declined.out[DECLINED])).toEqual([
		expect.objectContaining({ reason: 'insufficient_funds' }),
	]);
	expect(claimsOn(order)).toEqual([]);
	const paid = await runNode(emulator, processParams(order, GOOD_CARD));
	expect(json(paid.out[APPROVED])).toEqual([expect.objectContaining({ outcome: 'approved' })]);
	expect(emulator.charges(order)).toHaveLength(1);
});

test('released after a failure before sending (no default instrument)', async () => {
	const order = await createOrder(emulator, 4);
	const run = await runNode(
		emulator,
		processParams(order, { instrumentType: 'default_stored_instrument' }),
	);
	expect(json(run.out[FAILED])).toEqual([
		expect.objectContaining({ reason: 'no_default_instrument' }),
	]);
	expect(claimsOn(order)).toEqual([]);
});

test("taken over after its holder died: deleted by its id once BigCommerce's clock says it ran out", async () => {
	const order = await createOrder(emulator, 1);
	const dead = await foreignClaim(order, 5000);
	// Still live: the claim stands.
	const early = await runNode(
		emulator,
		processParams(order, { ...GOOD_CARD, additionalFields: { reconcileFor: 0 } }),
	);
	expect(json(early.out[FAILED])).toEqual([
		expect.objectContaining({ reason: 'payment_in_progress' }),
	]);
	emulator.clock.advance(60_000);
	emulator.clearRequests();
	const late = await runNode(
		emulator,
		processParams(order, { ...GOOD_CARD, additionalFields: { reconcileFor: 0 } }),
	);
	expect(json(late.out[APPROVED])).toEqual([expect.objectContaining({ outcome: 'approved' })]);
	expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toContain(
		`DELETE /v3/orders/${order}/metafields/${dead}`,
	);
	const [now] = claimsOn(order);
	expect(now.id).toBeGreaterThan(dead);
	expect(JSON.parse(now.value).holder).not.toBe('another-instance/wf/41');
	expect(emulator.charges(order)).toHaveLength(1);
});

test('an order paid under a claim answers later deliveries alreadyPaid, at three requests', async () => {
	const order = await createOrder(emulator, 1);
	await runNode(emulator, processParams(order, { ...storedCard, storedToken: 'a1'.repeat(32) }));
	emulator.clearRequests();
	const again = await runNode(
		emulator,
		processParams(order, { ...storedCard, storedToken: 'a1'.repeat(32) }),
	);
	expect(json(again.out[APPROVED])).toEqual([expect.objectContaining({ alreadyPaid: true })]);
	expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
		`POST /v3/orders/${order}/metafields`,
		`GET /v2/orders/${order}`,
		`GET /v3/orders/${order}/transactions`,
	]);
	expect(emulator.charges(order)).toHaveLength(1);
});

test('missing scope: claim "unavailable", still pays, one warning for the run', async () => {
	const orders = [await createOrder(emulator, 1), await createOrder(emulator, 1)];
	const run = await runNode(
		emulator,
		{ ...processParams('={{ $json.order }}'), ...storedCard, storedToken: 'a1'.repeat(32) },
		orders.map((order) => ({ order })),
		{},
		sandboxCredentials(emulator, 'payments-only-token'),
	);
	expect(json(run.out[APPROVED])).toEqual(
		orders.map((orderId) =>
			expect.objectContaining({ outcome: 'approved', orderId, claim: 'unavailable' }),
		),
	);
	const hints = run.run.data.resultData.runData.BigCommerce[0].hints ?? [];
	expect(hints).toEqual([
		expect.objectContaining({ type: 'warning', message: expect.stringMatching(/Orders: modify/) }),
	]);
	expect(emulator.charges()).toHaveLength(2);
});

/** One payment with Retry On Fail (two tries) and a Reconcile For of 1 s after a lost answer. */
const payRetryingOnFail = (order: number) =>
	runNode(
		emulator,
		processParams(order, {
			...GOOD_CARD,
			routing: 'single',
			additionalFields: { reconcileFor: 1 },
		}),
		[{}],
		{ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	);

test('after an unknown outcome the claim is kept, and a Retry On Fail of the same execution sends nothing more', async () => {
	const order = await createOrder(emulator, 1);
	emulator.addFault({ route: 'POST /payments', kind: 'reset', times: 1 });
	// Nothing can be read to find out what happened.
	emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 503 });
	const run = await payRetryingOnFail(order);
	expect(run.error()).toBeDefined();
	expect(paymentPosts()).toBe(1);
	expect(claimsOn(order)).toHaveLength(1);
}, 60000);

test('after not_charged the claim is kept too: a Retry On Fail of the same execution sends nothing more and says its own payment may still land', async () => {
	const order = await createOrder(emulator, 1);
	emulator.addFault({ route: 'POST /payments', kind: 'reset', times: 1 });
	const run = await payRetryingOnFail(order);
	expect(run.error()?.message).toMatch(
		/an earlier payment of this execution lost its answer and may still be charged/,
	);
	expect(paymentPosts()).toBe(1);
	expect(claimsOn(order)).toHaveLength(1);
	expect(emulator.charges(order)).toHaveLength(0);
}, 60000);

test('a payment is never sent past its claim’s send window: a claim found after a lost answer with too little time left sends nothing', async () => {
	const order = await createOrder(emulator, 1);
	const claimPath = `/v3/orders/${order}/metafields`;
	// The claim is made but its answer is lost, so Process reads the claim to find it…
	emulator.addFault({ route: `POST ${claimPath}`, kind: 'commitThenDrop', times: 1 });
	emulator.addFault({ route: `GET ${claimPath}`, kind: 'latency', latencyMs: 300, times: 1 });
	const running = runNode(emulator, processParams(order, GOOD_CARD));
	// …and by BigCommerce's clock two of its 2¾ minutes have gone by when the read answers.
	while (!emulator.requests().some((r) => r.path === claimPath && r.status === 'dropped'))
		await new Promise((r) => setTimeout(r, 5));
	emulator.clock.advance(120_000);
	const run = await running;
	expect(json(run.out[FAILED])).toEqual([
		expect.objectContaining({ reason: 'send_window_passed', retryable: true }),
	]);
	expect(paymentPosts()).toBe(0);
	expect(emulator.charges(order)).toHaveLength(0);
	// Nothing was sent, so the claim is released for the retry.
	expect(claimsOn(order)).toEqual([]);
}, 30000);
