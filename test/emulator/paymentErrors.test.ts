import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const V3_ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

describe('process payment: every error code', () => {
	const declines: [string, number][] = [
		['4000000000000002', 30102],
		['4000000000000069', 30103],
		['4000000000000119', 30104],
		['4000000000000259', 30105],
		['4000000000009995', 30106],
		['4000000000003220', 30102],
	];
	test.each(declines)(
		'card %s declines with %d, in the payments error shape, and charges nothing',
		async (number, code) => {
			const id = await createOrder(emulator, 1);
			const r = await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				instrument: card(number),
			});
			expect(r.status).toBe(422);
			expect(r.body).toEqual({
				status: 422,
				title: expect.any(String),
				type: V3_ERROR_TYPE,
				detail: expect.any(String),
				code,
			});
			expect(emulator.charges(id)).toHaveLength(0);
			expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.status_id).toBe(0);
		},
	);

	test('3-D Secure card says so', async () => {
		const id = await createOrder(emulator, 1);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4000000000003220'),
		});
		expect(r.body.detail).toMatch(/3-D Secure/);
	});

	test("a stored card without funds (customer 5's default) is 30106", async () => {
		const id = await createOrder(emulator, 5);
		expect(
			(
				await pay(emulator, await mintPat(emulator, id), {
					payment_method_id: 'stripe.card',
					instrument: { type: 'stored_card', token: TOKENS.alanVisaNoFunds },
				})
			).body.code,
		).toBe(30106);
	});

	test('an expiry in the past is 30103; a revoked PayPal account 30107; an expired stored card 30103', async () => {
		const a = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, a), {
					payment_method_id: 'stripe.card',
					instrument: card('4111111111111111', { expiry_year: 2020 }),
				})
			).body.code,
		).toBe(30103);
		const b = await createOrder(emulator, 2);
		expect(
			(
				await pay(emulator, await mintPat(emulator, b), {
					payment_method_id: 'braintree.paypal',
					instrument: { type: 'stored_paypal_account', token: TOKENS.gracePaypalRevoked },
				})
			).body.code,
		).toBe(30107);
		const c = await createOrder(emulator, 2);
		expect(
			(
				await pay(emulator, await mintPat(emulator, c), {
					payment_method_id: 'stripe.card',
					instrument: { type: 'stored_card', token: TOKENS.graceVisaExpired },
				})
			).body.code,
		).toBe(30103);
	});

	test('charging an order twice: one charge, then 30101 (at the PAT and at the payment)', async () => {
		const id = await createOrder(emulator, 1);
		const first = await mintPat(emulator, id);
		const second = await mintPat(emulator, id);
		expect(
			(
				await pay(emulator, first, {
					payment_method_id: 'stripe.card',
					instrument: card('4111111111111111'),
				})
			).status,
		).toBe(201);
		const again = await pay(emulator, second, {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		expect(again.body).toMatchObject({ status: 422, code: 30101 });
		expect(
			(await call(emulator, 'POST', '/v3/payments/access_tokens', { body: { order: { id } } })).body
				.code,
		).toBe(30101);
		expect(emulator.charges(id)).toHaveLength(1);
	});

	test('30004 when the order changed after the PAT was minted', async () => {
		const id = await createOrder(emulator, 1, 25);
		const pat = await mintPat(emulator, id);
		await call(emulator, 'PUT', `/v2/orders/${id}`, {
			body: { products: [{ name: 'B', quantity: 1, price_inc_tax: 99, price_ex_tax: 99 }] },
		});
		expect(
			(
				await pay(emulator, pat, {
					payment_method_id: 'stripe.card',
					instrument: card('4111111111111111'),
				})
			).body.code,
		).toBe(30004);
	});

	test('30000 unknown method, 30001 misconfigured, 30002 vaulting unavailable, 30050 not saved', async () => {
		const a = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, a), {
					payment_method_id: 'adyen.card',
					instrument: card('4111111111111111'),
				})
			).body.code,
		).toBe(30000);
		await fetch(`${emulator.url}/__emulator/methods/stripe.card`, {
			method: 'PATCH',
			body: JSON.stringify({ misconfigured: true }),
		});
		const b = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, b), {
					payment_method_id: 'stripe.card',
					instrument: card('4111111111111111'),
				})
			).body.code,
		).toBe(30001);
		const c = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, c), {
					payment_method_id: 'authorizenet.card',
					save_instrument: true,
					instrument: card('4111111111111111'),
				})
			).body.code,
		).toBe(30002);
		emulator.reset();
		const d = await createOrder(emulator, 1);
		expect(
			(
				await pay(emulator, await mintPat(emulator, d), {
					payment_method_id: 'stripe.card',
					save_instrument: true,
					instrument: card('4000000000000341'),
				})
			).body.code,
		).toBe(30050);
	});

	test("30051 for a token that is not the order customer's", async () => {
		const id = await createOrder(emulator, 3);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: { type: 'stored_card', token: TOKENS.adaVisa },
		});
		expect(r.body).toMatchObject({ status: 422, code: 30051 });
	});

	test.each([
		[
			{ payment_method_id: 'stripe.card', instrument: card('4111111111111112') },
			'payment.instrument.number',
		],
		[
			{
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111', { expiry_month: 13 }),
			},
			'payment.instrument.expiry_month',
		],
		[
			{
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111', { verification_value: '12' }),
			},
			'payment.instrument.verification_value',
		],
		[
			{ payment_method_id: 'stripe.card', instrument: { type: 'stored_card', token: 'short' } },
			'payment.instrument.token',
		],
		[
			{ payment_method_id: 'stripe.card', instrument: { type: 'bitcoin' } },
			'payment.instrument.type',
		],
		[{ instrument: card('4111111111111111') }, 'payment.payment_method_id'],
		[
			{ payment_method_id: 'stripe.card', amount: 10, instrument: card('4111111111111111') },
			'payment.amount',
		],
	])('10001 for invalid data %#', async (payment, field) => {
		const id = await createOrder(emulator, 1);
		const r = await pay(emulator, await mintPat(emulator, id), payment);
		expect(r.status).toBe(422);
		expect(r.body).toMatchObject({ code: 10001, errors: { [field]: expect.any(String) } });
	});

	test('10000 on demand', async () => {
		const id = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'error10000', times: 1 });
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		expect(r).toMatchObject({ status: 500, body: { code: 10000 } });
		expect(emulator.charges(id)).toHaveLength(0);
	});

	test('PAT auth: missing, wrong scheme, reused, expired, wrong Accept', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await mintPat(emulator, id);
		const payment = { payment_method_id: 'stripe.card', instrument: card('4000000000009995') };
		expect((await pay(emulator, null, payment)).status).toBe(401);
		expect((await pay(emulator, null, payment, { Authorization: `Bearer ${pat}` })).status).toBe(
			401,
		);
		expect((await pay(emulator, null, payment, { Authorization: `PTA ${pat}` })).status).toBe(401);
		expect((await pay(emulator, pat, payment, { Accept: 'application/json' })).status).toBe(406);
		expect((await pay(emulator, pat, payment)).body.code).toBe(30106);
		const reused = await pay(emulator, pat, payment);
		expect(reused).toMatchObject({ status: 401, body: { status: 401, title: 'Unauthorized' } });
		const late = await mintPat(emulator, id);
		emulator.clock.advance(3600 * 1000 + 1);
		expect((await pay(emulator, late, payment)).body.detail).toMatch(/expired/);
	});
});
