import v8 from 'node:v8';
import vm from 'node:vm';

import type { Emulator } from '../emulator';
import { TOKENS } from '../emulator';
import { verifyJwt } from '../emulator/jwt';
import { ADDRESS, createOrder, withEmulator } from './helpers/setup';
import { call, card, mintPat, pay } from './helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const V3_ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

describe('auth and envelopes', () => {
	test('401 on a bad token in the envelope of each family', async () => {
		const v3 = await call(emulator, 'GET', '/v3/hooks', { token: 'nope' });
		expect(v3.status).toBe(401);
		expect(v3.body).toMatchObject({ status: 401, type: V3_ERROR_TYPE });
		expect(typeof v3.body.title).toBe('string');
		const v2 = await call(emulator, 'GET', '/v2/orders/1', { token: null });
		expect(v2.status).toBe(401);
		expect(v2.body).toEqual([{ status: 401, message: expect.any(String) }]);
	});

	test('403 on a missing scope; read-only scopes allow only GET', async () => {
		const noScope = await call(emulator, 'GET', '/v2/store', { token: 'payments-only-token' });
		expect(noScope.status).toBe(403);
		expect(noScope.body[0]).toMatchObject({ status: 403 });
		const readOnlyWrite = await call(emulator, 'POST', '/v2/orders', {
			token: 'read-only-token',
			body: { billing_address: ADDRESS, products: [] },
		});
		expect(readOnlyWrite.status).toBe(403);
		const readOnlyPat = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			token: 'read-only-token',
			body: { order: { id: 1 } },
		});
		expect(readOnlyPat.status).toBe(403);
		expect(readOnlyPat.body).toMatchObject({ status: 403, type: V3_ERROR_TYPE });
	});

	test('unknown store hash is 404', async () => {
		const response = await fetch(`${emulator.url}/stores/otherstore/v3/hooks`, {
			headers: { 'X-Auth-Token': 'sandbox-token' },
		});
		expect(response.status).toBe(404);
	});

	test('/v2/time and /v2/store', async () => {
		const t = await call(emulator, 'GET', '/v2/time');
		expect(t.status).toBe(200);
		expect(Math.abs(t.body.time - Date.now() / 1000)).toBeLessThan(5);
		const s = await call(emulator, 'GET', '/v2/store');
		expect(s.body).toMatchObject({ id: 'sandbox', currency: 'USD' });
	});
});

describe('orders (v2)', () => {
	test('create returns a v2 order with string money, RFC-2822 dates and link objects', async () => {
		const r = await call(emulator, 'POST', '/v2/orders', {
			body: {
				status_id: 0,
				customer_id: 1,
				billing_address: ADDRESS,
				products: [
					{ name: 'A', quantity: 2, price_inc_tax: 10.5, price_ex_tax: 10 },
					{ product_id: 102, quantity: 1, product_options: [{ id: 7, value: 'M' }] },
				],
			},
		});
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({
			status_id: 0,
			status: 'Incomplete',
			customer_id: 1,
			total_inc_tax: '46.0000',
			total_ex_tax: '45.0000',
			items_total: 3,
		});
		expect(r.body.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
		expect(r.body.products).toEqual({
			url: expect.stringContaining(`/orders/${r.body.id}/products`),
			resource: `/orders/${r.body.id}/products`,
		});
		const got = await call(emulator, 'GET', `/v2/orders/${r.body.id}`);
		expect(got.body.id).toBe(r.body.id);
		const list = await call(emulator, 'GET', '/v2/orders?customer_id=1');
		expect(list.body.map((o: { id: number }) => o.id)).toEqual([r.body.id]);
		const products = await call(emulator, 'GET', `/v2/orders/${r.body.id}/products`);
		expect(products.body).toHaveLength(2);
	});

	test('status defaults to Pending (1) when omitted', async () => {
		const r = await call(emulator, 'POST', '/v2/orders', {
			body: {
				billing_address: ADDRESS,
				products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }],
			},
		});
		expect(r.body.status_id).toBe(1);
	});

	test.each([
		[
			{ products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }] },
			/billing_address/,
		],
		[{ billing_address: ADDRESS, products: [] }, /products/],
		[
			{
				billing_address: ADDRESS,
				products: [{ name: 'A', quantity: 0, price_inc_tax: 1, price_ex_tax: 1 }],
			},
			/quantity/,
		],
		[
			{ billing_address: ADDRESS, products: [{ name: 'A', quantity: 1, price_inc_tax: 1 }] },
			/price_ex_tax/,
		],
		[{ billing_address: ADDRESS, products: [{ product_id: 999, quantity: 1 }] }, /999/],
		[{ billing_address: ADDRESS, products: [{ product_id: 102, quantity: 1 }] }, /product_options/],
		[
			{
				billing_address: ADDRESS,
				customer_id: 77,
				products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }],
			},
			/customer/,
		],
		[
			{
				billing_address: ADDRESS,
				item_total: 5,
				products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }],
			},
			/cannot be written/,
		],
	])('invalid body %# → 400 v2 array', async (body, message) => {
		const r = await call(emulator, 'POST', '/v2/orders', { body });
		expect(r.status).toBe(400);
		expect(r.body).toEqual([{ status: 400, message: expect.stringMatching(message) }]);
	});

	test('missing order is a v2 404; empty list is 204', async () => {
		const r = await call(emulator, 'GET', '/v2/orders/9999');
		expect(r).toMatchObject({ status: 404, body: [{ status: 404, message: expect.any(String) }] });
		const list = await call(emulator, 'GET', '/v2/orders?status_id=13');
		expect(list.status).toBe(204);
	});
});

describe('payment methods and access tokens', () => {
	test("methods for an order include the customer's stored instruments", async () => {
		const id = await createOrder(emulator, 1);
		const r = await call(emulator, 'GET', `/v3/payments/methods?order_id=${id}`);
		expect(r.status).toBe(200);
		expect(r.body.meta).toEqual({});
		const ids = r.body.data.map((m: { id: string }) => m.id);
		expect(ids).toEqual([
			'stripe.card',
			'authorizenet.card',
			'braintree.paypal',
			'braintree.ach',
			'bigcommerce.gift_certificate',
			'bigcommerce.store_credit',
		]);
		const stripe = r.body.data[0];
		expect(stripe.stored_instruments[0]).toEqual({
			type: 'stored_card',
			brand: 'VISA',
			expiry_month: 12,
			expiry_year: 2031,
			issuer_identification_number: '424242',
			last_4: '4242',
			token: TOKENS.adaVisa,
			is_default: true,
		});
		expect(r.body.data[2].stored_instruments[0]).toMatchObject({
			type: 'stored_paypal_account',
			email: 'ada.paypal@example.com',
		});
	});

	test('guest orders see no stored instruments and no store credit; checkout_id works', async () => {
		const id = await createOrder(emulator, 0);
		const order = await call(emulator, 'GET', `/v2/orders/${id}`);
		const r = await call(emulator, 'GET', `/v3/payments/methods?checkout_id=${order.body.cart_id}`);
		expect(
			r.body.data.every(
				(m: { stored_instruments: unknown[] }) => m.stored_instruments.length === 0,
			),
		).toBe(true);
		expect(r.body.data.map((m: { id: string }) => m.id)).not.toContain('bigcommerce.store_credit');
	});

	test('methods errors: no id → 422, unknown order → 404, pagination params → 422', async () => {
		expect((await call(emulator, 'GET', '/v3/payments/methods')).status).toBe(422);
		expect((await call(emulator, 'GET', '/v3/payments/methods?order_id=9999')).status).toBe(404);
		const limit = await call(emulator, 'GET', '/v3/payments/methods?order_id=1&limit=5');
		expect(limit.status).toBe(422);
		expect(limit.body.title).toMatch(/limit are not valid filter/);
	});

	test('a PAT is an HS256 JWT with the documented claims, expiring in an hour', async () => {
		const id = await createOrder(emulator, 1, 12.34);
		const r = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id, is_recurring: true } },
		});
		expect(r.status).toBe(201);
		expect(r.body.meta).toEqual({});
		const [header, payload] = r.body.data.id
			.split('.')
			.slice(0, 2)
			.map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
		expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(payload).toMatchObject({
			iss: 'payments.bigcommerce.com',
			sub: 'sandbox',
			data: { store_id: '1000001', order_id: String(id), amount: 1234, currency: 'USD' },
		});
		expect(payload.exp - payload.iat).toBe(3600);
		expect(payload.nbf).toBe(payload.iat);
		expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
		expect(verifyJwt(r.body.data.id, emulator.store().patSecret)).toBeDefined();
	});

	test('PAT errors: bad body 422, unknown order 404, non-incomplete order 30101', async () => {
		expect(
			(await call(emulator, 'POST', '/v3/payments/access_tokens', { body: { order: { id: 0 } } }))
				.status,
		).toBe(422);
		const missing = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id: 9999 } },
		});
		expect(missing).toMatchObject({ status: 404, body: { code: 30003 } });
		const pending = await createOrder(emulator, 1, 10, { status_id: 1 });
		const r = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id: pending } },
		});
		expect(r).toMatchObject({
			status: 422,
			body: { status: 422, code: 30101, type: V3_ERROR_TYPE },
		});
	});
});

describe('process payment: every instrument type', () => {
	test('new card: 201 with data wrapper, order to Awaiting Fulfillment, charge and transaction recorded', async () => {
		const id = await createOrder(emulator, 1, 25);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		expect(r.status).toBe(201);
		expect(r.headers.get('content-type')).toContain('application/vnd.bc.v1+json');
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
				card: { brand: 'VISA', last_4: '1111', expiry_month: 12, expiry_year: 2034 },
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

	test('authorize-only gateway records an authorization that capture completes; void cancels', async () => {
		const id = await createOrder(emulator, 1);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'authorizenet.card',
			instrument: card('4242424242424242'),
		});
		expect(r.body.data.transaction_type).toBe('authorization');
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status).toBe(
			'authorized',
		);
		const cap = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/capture`);
		expect(cap.status).toBe(201);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status).toBe('captured');
		expect((await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/capture`)).status).toBe(
			422,
		);
		const other = await createOrder(emulator, 1);
		await pay(emulator, await mintPat(emulator, other), {
			payment_method_id: 'authorizenet.card',
			instrument: card('4242424242424242'),
		});
		expect((await call(emulator, 'POST', `/v3/orders/${other}/payment_actions/void`)).status).toBe(
			201,
		);
		expect((await call(emulator, 'GET', `/v2/orders/${other}`)).body.payment_status).toBe('void');
	});

	test('refund quote then refund; partial then full', async () => {
		const id = await createOrder(emulator, 1, 40);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		const quote = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 15 }] },
		});
		expect(quote.status).toBe(201);
		expect(quote.body.data.refund_methods[0][0]).toMatchObject({
			provider_id: 'stripe.card',
			amount: 15,
		});
		const bad = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 15 }],
				payments: [{ provider_id: 'stripe.card', amount: 14, offline: false }],
			},
		});
		expect(bad.status).toBe(422);
		expect(bad.body.data[0].status).toBe(422);
		const refund = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 15 }],
				payments: [{ provider_id: 'stripe.card', amount: 15, offline: false }],
			},
		});
		expect(refund.status).toBe(201);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body).toMatchObject({
			status_id: 14,
			refunded_amount: '15.0000',
		});
		const over = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 30 }] },
		});
		expect(over.status).toBe(422);
		expect(
			(await call(emulator, 'GET', `/v3/orders/${id}/payment_actions/refunds`)).body.data,
		).toHaveLength(1);
	});
});

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

describe('rate limits', () => {
	test('management headers count down; a burst past the quota gets 429 with reset headers', async () => {
		const small = await withEmulator({ rateLimits: { management: { windowMs: 2000, quota: 5 } } });
		try {
			const lefts: number[] = [];
			for (let i = 0; i < 5; i++) {
				const r = await call(small, 'GET', '/v2/time');
				expect(r.headers.get('x-rate-limit-time-window-ms')).toBe('2000');
				expect(r.headers.get('x-rate-limit-requests-quota')).toBe('5');
				expect(Number(r.headers.get('x-rate-limit-time-reset-ms'))).toBeLessThanOrEqual(2000);
				lefts.push(Number(r.headers.get('x-rate-limit-requests-left')));
			}
			expect(lefts).toEqual([4, 3, 2, 1, 0]);
			const limited = await call(small, 'GET', '/v2/time');
			expect(limited.status).toBe(429);
			expect(limited.body).toEqual([{ status: 429, message: expect.any(String) }]);
			expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThanOrEqual(1);
			expect(Number(limited.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(0);
			await new Promise((r) =>
				setTimeout(r, Number(limited.headers.get('x-rate-limit-time-reset-ms')) + 20),
			);
			expect((await call(small, 'GET', '/v2/time')).status).toBe(200);
		} finally {
			await small.stop();
		}
	});

	test('the payments host allows 50 per 4 s by default and a 429 does not spend the PAT', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await mintPat(emulator, id);
		const payment = { payment_method_id: 'stripe.card', instrument: card('4111111111111111') };
		const statuses = [];
		for (let i = 0; i < 50; i++) statuses.push((await pay(emulator, 'not-a-pat', payment)).status);
		expect(new Set(statuses)).toEqual(new Set([401]));
		const limited = await pay(emulator, pat, payment);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-rate-limit-requests-quota')).toBe('50');
		await new Promise((r) =>
			setTimeout(r, Number(limited.headers.get('x-rate-limit-time-reset-ms')) + 20),
		);
		expect((await pay(emulator, pat, payment)).status).toBe(201);
	});
});

describe('faults and inspection', () => {
	test('commit-then-drop: the charge is recorded, the connection drops', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await mintPat(emulator, id);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
		await expect(
			pay(emulator, pat, {
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111'),
			}),
		).rejects.toThrow();
		expect(emulator.charges(id)).toHaveLength(1);
		expect(emulator.requests().at(-1)).toMatchObject({ path: '/payments', status: 'dropped' });
	});

	test('reset before processing charges nothing; 5xx and latency by route', async () => {
		const id = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'reset', times: 1 });
		await expect(
			pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111'),
			}),
		).rejects.toThrow();
		expect(emulator.charges(id)).toHaveLength(0);
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 503, times: 1 });
		const failed = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(failed).toMatchObject({ status: 503, body: [{ status: 503 }] });
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).status).toBe(200);
		emulator.addFault({ route: 'GET /v2/time', kind: 'latency', latencyMs: 150, times: 1 });
		const started = Date.now();
		await call(emulator, 'GET', '/v2/time');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	test('admin endpoints over HTTP: faults, clock, charges, requests with masked cards, reset', async () => {
		const admin = (method: string, path: string, body?: unknown) =>
			fetch(`${emulator.url}/__emulator${path}`, {
				method,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		await admin('POST', '/faults', {
			route: 'GET /v2/time',
			kind: 'status',
			status: 500,
			times: 1,
		});
		expect((await call(emulator, 'GET', '/v2/time')).status).toBe(500);
		const id = await createOrder(emulator, 1);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4242424242424242'),
		});
		const charges = (await (await admin('GET', '/charges')).json()) as { charges: unknown[] };
		expect(charges.charges).toHaveLength(1);
		const requests = (await (await admin('GET', '/requests')).json()) as {
			requests: { path: string; body?: { payment?: { instrument?: Record<string, string> } } }[];
		};
		const paid = requests.requests.find((r) => r.path === '/payments');
		expect(paid?.body?.payment?.instrument).toMatchObject({
			number: '**** 4242',
			verification_value: '***',
		});
		const clock = (await (
			await admin('POST', '/clock', { now: '2031-01-01T00:00:00Z' })
		).json()) as { now: string };
		// the clock keeps running from the time it was set to
		expect(Date.parse(clock.now) - Date.parse('2031-01-01T00:00:00Z')).toBeLessThan(1000);
		expect(
			(await call(emulator, 'GET', '/v2/time')).body.time -
				Date.parse('2031-01-01T00:00:00Z') / 1000,
		).toBeLessThanOrEqual(1);
		await admin('POST', '/reset');
		expect(emulator.store().orders.size).toBe(0);
	});

	test('admin seed replaces parts of the seed and resets', async () => {
		const admin = (method: string, path: string, body?: unknown) =>
			fetch(`${emulator.url}/__emulator${path}`, {
				method,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		const seed = (await (await admin('GET', '/seed')).json()) as { giftCertificates: unknown[] };
		expect(seed.giftCertificates).toHaveLength(3);
		await admin('POST', '/seed', {
			giftCertificates: [{ code: 'ONLY-ONE', balance: 5, status: 'active' }],
		});
		expect([...emulator.store().giftCertificates.keys()]).toEqual(['ONLY-ONE']);
		expect(emulator.store().customers.size).toBe(5);
		await admin('POST', '/seed', {});
		expect(emulator.store().giftCertificates.size).toBe(3);
	});
});

describe('webhooks (v3 /hooks)', () => {
	test('CRUD, visible only to the creating client', async () => {
		const created = await call(emulator, 'POST', '/v3/hooks', {
			body: {
				scope: 'store/order/created',
				destination: 'https://example.com/hook',
				is_active: true,
			},
		});
		expect(created.status).toBe(200);
		const id = created.body.data.id;
		expect(created.body.data).toMatchObject({
			scope: 'store/order/created',
			client_id: 'sandbox-client',
			store_hash: 'sandbox',
		});
		expect((await call(emulator, 'GET', '/v3/hooks')).body.data).toHaveLength(1);
		expect(
			(await call(emulator, 'GET', '/v3/hooks', { token: 'payments-only-token' })).body.data,
		).toHaveLength(0);
		expect(
			(await call(emulator, 'GET', `/v3/hooks/${id}`, { token: 'payments-only-token' })).status,
		).toBe(404);
		expect(
			(await call(emulator, 'PUT', `/v3/hooks/${id}`, { body: { is_active: false } })).body.data
				.is_active,
		).toBe(false);
		const dup = await call(emulator, 'POST', '/v3/hooks', {
			body: { scope: 'store/order/created', destination: 'https://example.com/hook' },
		});
		expect(dup.status).toBe(422);
		const badPort = await call(emulator, 'POST', '/v3/hooks', {
			body: { scope: 'store/order/created', destination: 'https://example.com:8443/hook' },
		});
		expect(badPort.body).toMatchObject({
			status: 422,
			errors: { destination: 'error.path.missing.' },
		});
		expect((await call(emulator, 'DELETE', `/v3/hooks/${id}`)).body.data.id).toBe(id);
		expect((await call(emulator, 'GET', `/v3/hooks/${id}`)).body.title).toBe(
			`Webhook with id [${id}] not found`,
		);
	});
});

describe('memory', () => {
	test('10 000 orders and charges stay bounded', async () => {
		const big = await withEmulator({ rateLimits: { management: false, payments: false } });
		try {
			const store = big.store();
			// A real collection before each reading, so the figure is what the emulator retains.
			v8.setFlagsFromString('--expose_gc');
			const gc = vm.runInNewContext('gc') as () => void;
			gc();
			const before = process.memoryUsage().heapUsed;
			for (let i = 0; i < 10000; i++) {
				const id = await createOrder(big, 1, 10);
				const r = await pay(big, await mintPat(big, id), {
					payment_method_id: 'stripe.card',
					instrument: card('4111111111111111'),
				});
				if (r.status !== 201) throw new Error(JSON.stringify(r.body));
			}
			gc();
			const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
			expect(store.orders.size).toBe(10000);
			expect(big.charges()).toHaveLength(10000);
			// The request log is a ring; orders, charges and spent PATs are what remain.
			expect(big.requests().length).toBeLessThanOrEqual(5000);
			expect(grown).toBeLessThan(100);
			console.log(`emulator heap growth for 10000 orders + 10000 charges: ${grown.toFixed(1)} MiB`);
		} finally {
			await big.stop();
		}
	}, 180000);
});
