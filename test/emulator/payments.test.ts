import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('process payment: every instrument type', () => {
	test('new card: 201 with data wrapper, order to Awaiting Fulfillment, charge and transaction recorded', async () => {
		const id = await createOrder(emulator, 1, 25);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		expect(r.status).toBe(201);
		expect(r.headers.get('content-type')).toBe('application/json');
		expect(r.body).toEqual({
			data: { id: expect.any(String), status: 'success', transaction_type: 'purchase' },
		});
		const order = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(order.body).toMatchObject({
			status_id: 11,
			status: 'Awaiting Fulfillment',
			payment_status: 'captured',
			payment_provider_id: 'stripe.card',
		});
		expect(emulator.charges(id)).toEqual([
			expect.objectContaining({
				amount: 25,
				card: {
					brand: 'VISA',
					last_4: '1111',
					iin: '411111',
					expiry_month: 12,
					expiry_year: 2034,
				},
			}),
		]);
		const tx = await call(emulator, 'GET', `/v3/orders/${id}/transactions`);
		expect(tx.body.data).toEqual([
			expect.objectContaining({
				event: 'purchase',
				amount: 25,
				order_id: String(id),
				gateway: 'stripe',
				status: 'ok',
				credit_card: expect.objectContaining({ card_last4: '1111' }),
			}),
		]);
		expect(tx.body.meta.pagination).toMatchObject({ total: 1 });
		// the emulator keeps no card number or CVV anywhere
		expect(JSON.stringify(emulator.requests())).not.toMatch(/4111111111111111|"123"/);
	});

	test('stored card, stored PayPal, stored bank account (pending)', async () => {
		const a = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, a), {
					payment_method_id: 'stripe.card',
					instrument: { type: 'stored_card', token: TOKENS.adaVisa },
				})
			).body.data.status,
		).toBe('success');
		const b = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, b), {
					payment_method_id: 'braintree.paypal',
					instrument: { type: 'stored_paypal_account', token: TOKENS.adaPaypal },
				})
			).status,
		).toBe(201);
		const c = await createOrder(emulator, 1);
		const ach = await pay(emulator, await mintPat(emulator, c), {
			payment_method_id: 'braintree.ach',
			instrument: { type: 'stored_bank_account', token: TOKENS.adaBank },
		});
		expect(ach.body.data.status).toBe('pending');
		expect((await call(emulator, 'GET', `/v2/orders/${c}`)).body.payment_status).toBe('pending');
	});

	test('gift certificate and store credit: partial leaves the order Pending until the rest is paid', async () => {
		const id = await createOrder(emulator, 1, 30);
		const gift = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'bigcommerce.gift_certificate',
			instrument: { type: 'gift_certificate', gift_certificate_code: 'GIFT-010-DEF' },
		});
		expect(gift.status).toBe(201);
		let order = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(order.body).toMatchObject({ status_id: 1, gift_certificate_amount: '10.0000' });
		const credit = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'bigcommerce.store_credit',
			instrument: { type: 'store_credit' },
		});
		expect(credit.status).toBe(201);
		order = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(order.body).toMatchObject({ status_id: 11, store_credit_amount: '20.0000' });
		expect(emulator.charges(id).map((c) => c.amount)).toEqual([10, 20]);
	});

	test('store credit is refused for guests; tokenized cards are accepted', async () => {
		const guest = await createOrder(emulator, 0);
		const r = await pay(emulator, await mintPat(emulator, guest), {
			payment_method_id: 'bigcommerce.store_credit',
			instrument: { type: 'store_credit' },
		});
		expect(r.body).toMatchObject({ status: 422, code: 10001 });
		const other = await createOrder(emulator, 0);
		const t = await pay(emulator, await mintPat(emulator, other), {
			payment_method_id: 'stripe.card',
			instrument: { type: 'tokenized_card', token: 'K7KW-M9GX-6PQ3', last_four_digits: '4242' },
		});
		expect(t.status).toBe(201);
	});

	test('save_instrument vaults the card for the customer', async () => {
		const id = await createOrder(emulator, 4);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			save_instrument: true,
			instrument: card('5555555555554444', { expiry_month: 3, expiry_year: 2033 }),
		});
		expect(r.status).toBe(201);
		const stored = await call(emulator, 'GET', '/v3/customers/4/stored-instruments');
		expect(Array.isArray(stored.body)).toBe(true);
		expect(stored.body).toEqual([
			expect.objectContaining({
				type: 'stored_card',
				brand: 'MASTERCARD',
				last_4: '4444',
				expiry_month: 3,
				expiry_year: 2033,
			}),
		]);
		expect(stored.body[0].token).toHaveLength(64);
	});
});

describe('gatewayCommit: when a payment is checked and when it is charged', () => {
	// Long enough that two requests sent together are both in flight on a busy machine.
	const LATENCY_MS = 1000;
	const settings = async (body: unknown) =>
		await fetch(`${emulator.url}/__emulator/settings`, {
			method: 'POST',
			body: JSON.stringify(body),
		});
	const newCard = { payment_method_id: 'stripe.card', instrument: card('4242424242424242') };
	/** Two tokens for one Incomplete order, then both payments sent at once, each answered late. */
	async function twoAtOnce(orderId: number) {
		const [first, second] = [await mintPat(emulator, orderId), await mintPat(emulator, orderId)];
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: LATENCY_MS });
		return await Promise.all([pay(emulator, first, newCard), pay(emulator, second, newCard)]);
	}
	const paymentLog = () => emulator.requests().filter((r) => r.path === '/payments');
	/** Resolves once the emulator has taken the token: the payment has arrived and been checked. */
	async function arrived(orderId: number) {
		const spent = () =>
			[...emulator.store().pats.values()].some((p) => p.orderId === orderId && p.used);
		while (!spent()) await new Promise((r) => setTimeout(r, 5));
	}

	test('atomic (the default): of two overlapping payments one is charged, the other gets 30101', async () => {
		const id = await createOrder(emulator, 1, 25);
		const answers = await twoAtOnce(id);
		expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
		expect(answers.find((a) => a.status === 422)?.body).toMatchObject({ code: 30101 });
		expect(emulator.charges(id)).toHaveLength(1);
		// They did overlap: the helper reports the pair whatever came of it.
		expect(emulator.overlappingPayments()).toEqual([
			{ orderId: id, first: expect.any(Object), second: expect.any(Object) },
		]);
	});

	test('onAnswer: two overlapping payments for one order are both charged, and the helper names them', async () => {
		await settings({ gatewayCommit: 'onAnswer' });
		const id = await createOrder(emulator, 1, 25);
		const answers = await twoAtOnce(id);
		expect(answers.map((a) => a.status)).toEqual([201, 201]);
		expect(emulator.charges(id).map((c) => c.amount)).toEqual([25, 25]);
		const tx = await call(emulator, 'GET', `/v3/orders/${id}/transactions`);
		expect(tx.body.data.map((t: { status: string }) => t.status)).toEqual(['ok', 'ok']);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.status_id).toBe(11);

		const log = paymentLog();
		expect(log).toHaveLength(2);
		for (const r of log) {
			expect(r.orderId).toBe(id);
			expect(r.answeredAtMs - r.startedAtMs).toBeGreaterThanOrEqual(LATENCY_MS - 5);
		}
		const overlaps = emulator.overlappingPayments();
		expect(overlaps).toHaveLength(1);
		expect(overlaps[0].orderId).toBe(id);
		expect(overlaps[0].first.startedAtMs).toBeLessThanOrEqual(overlaps[0].second.startedAtMs);
		expect(overlaps[0].second.startedAtMs).toBeLessThan(overlaps[0].first.answeredAtMs);
		const overHttp = await (await fetch(`${emulator.url}/__emulator/overlapping-payments`)).json();
		expect(overHttp).toEqual({ overlaps: JSON.parse(JSON.stringify(overlaps)) });
	});

	test('onAnswer: one payment after another is checked against the first one’s charge (30101)', async () => {
		await settings({ gatewayCommit: 'onAnswer' });
		const id = await createOrder(emulator, 1, 25);
		const [first, second] = [await mintPat(emulator, id), await mintPat(emulator, id)];
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 50 });
		expect((await pay(emulator, first, newCard)).status).toBe(201);
		expect((await pay(emulator, second, newCard)).body).toMatchObject({ code: 30101 });
		expect(emulator.charges(id)).toHaveLength(1);
		expect(emulator.overlappingPayments()).toEqual([]);
	});

	test('onAnswer: the charge is what was due on arrival, committed without a second look at the order', async () => {
		await settings({ gatewayCommit: 'onAnswer' });
		const id = await createOrder(emulator, 1, 25);
		const pat = await mintPat(emulator, id);
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: LATENCY_MS });
		const paying = pay(emulator, pat, newCard);
		await arrived(id);
		// Checked (its token is spent) and not yet charged: the gateway is still working.
		expect(emulator.charges(id)).toEqual([]);
		// Archived while the gateway works: atomic would refuse it now (30101); onAnswer charges it.
		expect((await call(emulator, 'DELETE', `/v2/orders/${id}`)).status).toBe(204);
		expect((await paying).status).toBe(201);
		expect(emulator.charges(id).map((c) => c.amount)).toEqual([25]);
	});

	test('atomic checks after the latency: an order archived meanwhile is refused', async () => {
		const id = await createOrder(emulator, 1, 25);
		const pat = await mintPat(emulator, id);
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: LATENCY_MS });
		const paying = pay(emulator, pat, newCard);
		await new Promise((r) => setTimeout(r, LATENCY_MS / 3));
		expect((await call(emulator, 'DELETE', `/v2/orders/${id}`)).status).toBe(204);
		expect((await paying).body).toMatchObject({ code: 30101 });
		expect(emulator.charges(id)).toEqual([]);
	});

	test('overlapping payments for two different orders are no pair; a bad value is refused', async () => {
		await settings({ gatewayCommit: 'onAnswer' });
		const [a, b] = [await createOrder(emulator, 1), await createOrder(emulator, 1)];
		const [pa, pb] = [await mintPat(emulator, a), await mintPat(emulator, b)];
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 100 });
		await Promise.all([pay(emulator, pa, newCard), pay(emulator, pb, newCard)]);
		expect(emulator.charges()).toHaveLength(2);
		expect(emulator.overlappingPayments()).toEqual([]);
		const bad = await settings({ gatewayCommit: 'later' });
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ error: 'gatewayCommit cannot be "later"' });
	});
});
