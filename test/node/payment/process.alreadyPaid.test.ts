import type { Emulator } from 'bigcommerce-emulator';
import { mintPat, pay as payDirect } from '../../helpers/http';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';

/**
 * A repeated delivery, a re-run, Retry On Fail or an AI agent calling its tool again meets an order
 * the first call paid: that is an answer (alreadyPaid), never a second charge.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const APPROVED = 0;
const FAILED = 2;
const pay = (orderId: number, extra: Record<string, unknown> = {}) => ({
	resource: 'payment',
	operation: 'process',
	orderId: String(orderId),
	instrumentType: 'default_stored_instrument',
	...extra,
});
const gift = (code: string) => ({ instrumentType: 'gift_certificate', giftCertificateCode: code });
const paymentPosts = () => emulator.requests().filter((r) => r.path === '/payments');

test('a second Process for a paid order is Approved with alreadyPaid and the payment that paid it', async () => {
	const orderId = await createOrder(emulator, 1);
	const first = json((await runNode(emulator, pay(orderId))).out[APPROVED])[0];
	const second = json((await runNode(emulator, pay(orderId))).out[APPROVED])[0];
	expect(second).toMatchObject({
		outcome: 'approved',
		alreadyPaid: true,
		orderId,
		paymentMethodId: 'stripe.card',
		order: { statusId: 11, paymentStatus: 'captured' },
		transaction: {
			event: 'purchase',
			gateway: 'stripe',
			amount: 25,
			method: 'credit_card',
			gatewayTransactionId: first.paymentId,
			card: { last4: '4242' },
			date: expect.any(String),
		},
	});
	// no secrets: the stored instrument's token is not in the answer
	expect(JSON.stringify(second)).not.toMatch(/a1a1a1a1/);
	expect(emulator.charges(orderId)).toHaveLength(1);
	expect(paymentPosts()).toHaveLength(1);
});

test('"If the Order Is Already Paid: Failed" routes it to Failed as already_paid, still without a charge', async () => {
	const orderId = await createOrder(emulator, 1);
	await runNode(emulator, pay(orderId));
	const run = await runNode(
		emulator,
		pay(orderId, { additionalFields: { ifAlreadyPaid: 'failed' } }),
	);
	expect(run.out[APPROVED]).toHaveLength(0);
	expect(json(run.out[FAILED])[0]).toMatchObject({
		outcome: 'failed',
		reason: 'already_paid',
		retryable: false,
		alreadyPaid: true,
		orderId,
		transaction: { gateway: 'stripe', amount: 25 },
	});
	expect(emulator.charges(orderId)).toHaveLength(1);
});

test('the AI-agent path: a tool called twice for one order (two executions) charges once', async () => {
	const orderId = await createOrder(emulator, 3, 12);
	const card = {
		instrumentType: 'card',
		paymentMethodId: 'stripe.card',
		cardNumber: '4111111111111111',
		cardholderName: 'Linus Torvalds',
		expiryMonth: 12,
		expiryYear: 2034,
		cvv: '123',
	};
	const calls = [];
	for (let n = 0; n < 2; n++)
		calls.push(json((await runNode(emulator, pay(orderId, card))).out[APPROVED])[0]);
	expect(calls[0]).toMatchObject({ outcome: 'approved' });
	expect(calls[0].alreadyPaid).toBeUndefined();
	expect(calls[1]).toMatchObject({
		outcome: 'approved',
		alreadyPaid: true,
		transaction: { card: { last4: '1111' } },
	});
	expect(emulator.charges(orderId)).toHaveLength(1);
});

test('a token from a previous step meets an order paid since (by an app that takes no claim): the payments host refuses it, and that is alreadyPaid', async () => {
	const orderId = await createOrder(emulator, 1);
	const pat = json(
		(
			await runNode(emulator, {
				resource: 'paymentAccessToken',
				operation: 'create',
				orderId: String(orderId),
			})
		).out[0],
	)[0].paymentAccessToken as string;
	const other = await payDirect(emulator, await mintPat(emulator, orderId), {
		instrument: { type: 'stored_card', token: 'a1'.repeat(32) },
		payment_method_id: 'stripe.card',
	});
	expect(other.status).toBe(201);
	const run = await runNode(
		emulator,
		pay(orderId, { accessTokenSource: 'input', paymentAccessToken: pat }),
	);
	expect(json(run.out[APPROVED])[0]).toMatchObject({ alreadyPaid: true });
	expect(paymentPosts().map((r) => r.status)).toEqual([201, 422]);
	expect(emulator.charges(orderId)).toHaveLength(1);
});

describe('part-paid: a gift certificate, then a card', () => {
	test('a re-run does not spend the certificate twice, the card pays the rest, and a second re-run charges nothing', async () => {
		const orderId = await createOrder(emulator, 1, 25);
		const certificate = () => emulator.store().giftCertificates.get('GIFT-010-DEF');
		const first = await runNode(emulator, pay(orderId, gift('GIFT-010-DEF')));
		expect(json(first.out[APPROVED])[0]).toMatchObject({ outcome: 'approved' });
		expect(emulator.store().orders.get(orderId)?.status_id).toBe(1);

		// the flow failed after the certificate (an outage) and is re-run from the start
		const again = json(
			(await runNode(emulator, pay(orderId, gift('GIFT-010-DEF')))).out[APPROVED],
		)[0];
		expect(again).toMatchObject({
			alreadyPaid: true,
			partPaid: true,
			amountDue: 15,
			transaction: { method: 'gift_certificate', amount: 10, giftCertificate: { code: '…-DEF' } },
			paidBy: [{ method: 'gift_certificate', amount: 10 }],
		});
		expect(JSON.stringify(again)).not.toContain('GIFT-010-DEF');
		expect(certificate()?.balanceCents).toBe(0);

		const rest = json((await runNode(emulator, pay(orderId))).out[APPROVED])[0];
		expect(rest).toMatchObject({ outcome: 'approved', paymentMethodId: 'stripe.card' });
		expect(rest.alreadyPaid).toBeUndefined();
		expect(emulator.store().orders.get(orderId)?.status_id).toBe(11);

		// the whole flow once more: both steps answer alreadyPaid
		const giftAgain = json(
			(await runNode(emulator, pay(orderId, gift('GIFT-010-DEF')))).out[APPROVED],
		)[0];
		const cardAgain = json((await runNode(emulator, pay(orderId))).out[APPROVED])[0];
		expect(giftAgain).toMatchObject({ alreadyPaid: true });
		expect(cardAgain).toMatchObject({
			alreadyPaid: true,
			paidBy: [
				{ method: 'gift_certificate', amount: 10 },
				{ method: 'credit_card', amount: 15, gateway: 'stripe' },
			],
		});
		expect(emulator.charges(orderId).map((c) => c.amount)).toEqual([10, 15]);
	});

	test('another certificate may pay more of a part-paid order', async () => {
		const orderId = await createOrder(emulator, 1, 125);
		await runNode(emulator, pay(orderId, gift('GIFT-010-DEF')));
		const second = json(
			(await runNode(emulator, pay(orderId, gift('GIFT-100-ABC')))).out[APPROVED],
		)[0];
		expect(second.alreadyPaid).toBeUndefined();
		expect(emulator.charges(orderId).map((c) => c.amount)).toEqual([10, 100]);
	});
});

test('an API account without an orders scope still pays with a gift certificate (the part-paid check is skipped)', async () => {
	const orderId = await createOrder(emulator, 1, 25);
	const run = await runNode(
		emulator,
		pay(orderId, gift('GIFT-100-ABC')),
		[{}],
		{},
		sandboxCredentials(emulator, 'payments-only-token'),
	);
	expect(json(run.out[APPROVED])[0]).toMatchObject({ outcome: 'approved' });
	expect(emulator.charges(orderId).map((c) => c.amount)).toEqual([25]);
});
