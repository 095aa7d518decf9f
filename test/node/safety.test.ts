import type { Emulator } from '../../emulator';
import { TOKENS } from '../../emulator';
import { createOrder, json, runNode, withEmulator } from '../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const FAILED = 2;
const base = (orderId: number | string, extra: Record<string, unknown>) => ({
	resource: 'payment',
	operation: 'process',
	orderId: String(orderId),
	...extra,
});
const goodCard = {
	instrumentType: 'card',
	paymentMethodId: 'stripe.card',
	cardNumber: '4111111111111111',
	cardholderName: 'Ada Lovelace',
	expiryMonth: 12,
	expiryYear: 2034,
	cvv: '123',
};

describe('validation before any request', () => {
	const thisYear = new Date().getUTCFullYear();
	test.each<[string, Record<string, unknown>, RegExp]>([
		['order id', { ...goodCard, orderId: 'abc' }, /^Order ID must be a positive whole number/],
		['order id zero', { ...goodCard, orderId: '0' }, /^Order ID must be a positive whole number/],
		[
			'card letters',
			{ ...goodCard, cardNumber: '4111-1111-1111-111x' },
			/^Card Number must contain only digits/,
		],
		[
			'card length',
			{ ...goodCard, cardNumber: '41111111111' },
			/^Card Number must be 12 to 19 digits long/,
		],
		[
			'card luhn',
			{ ...goodCard, cardNumber: '4111111111111112' },
			/^Card Number is not a valid card number \(it fails the Luhn check\)/,
		],
		['cardholder', { ...goodCard, cardholderName: '  ' }, /^Cardholder Name is required/],
		[
			'month 13',
			{ ...goodCard, expiryMonth: 13 },
			/^Expiry Month must be a whole number from 1 to 12/,
		],
		[
			'month 0',
			{ ...goodCard, expiryMonth: 0 },
			/^Expiry Month must be a whole number from 1 to 12/,
		],
		['two-digit year', { ...goodCard, expiryYear: 34 }, /^Expiry Year must be a four-digit year/],
		[
			'past expiry',
			{ ...goodCard, expiryYear: thisYear - 1 },
			/^Expiry Year and Expiry Month are in the past/,
		],
		['cvv letters', { ...goodCard, cvv: '12a' }, /^CVV must be 3 or 4 digits/],
		['cvv length', { ...goodCard, cvv: '12345' }, /^CVV must be 3 or 4 digits/],
		[
			'stored token',
			{ instrumentType: 'stored_card', paymentMethodId: 'stripe.card', storedToken: 'abc' },
			/^Stored Instrument Token must be the 64-character token/,
		],
		[
			'paypal token',
			{
				instrumentType: 'stored_paypal_account',
				paymentMethodId: 'braintree.paypal',
				storedToken: TOKENS.adaPaypal.slice(1),
			},
			/^Stored Instrument Token must be the 64-character token/,
		],
		[
			'gift code from an empty expression',
			{ instrumentType: 'gift_certificate', giftCertificateCode: '={{ $json.missing }}' },
			/^Gift Certificate Code is required/,
		],
		[
			'payment method from an empty expression',
			{ ...goodCard, paymentMethodId: '={{ $json.missing }}' },
			/^Payment Method is required/,
		],
		[
			'default cvv',
			{ instrumentType: 'default_stored_instrument', cvv: '1' },
			/^CVV must be 3 or 4 digits/,
		],
	])('%s: names the field and the item, sends nothing', async (_name, params, message) => {
		const orderId = (params.orderId as string) ?? '100';
		const run = await runNode(emulator, base(orderId, { ...params, routing: 'single' }), [{}, {}]);
		const error = run.error() as Error & { context?: { itemIndex?: number } };
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\(item 0\)$/);
		expect(error.context?.itemIndex).toBe(0);
		expect(emulator.requests()).toHaveLength(0);
		// the same input in split mode goes to Failed, again without a request
		const split = await runNode(emulator, base(orderId, params));
		expect(json(split.out[FAILED])[0]).toMatchObject({
			reason: 'invalid_input',
			code: null,
			retryable: false,
			message: expect.stringMatching(message),
		});
		expect(emulator.requests()).toHaveLength(0);
	});

	test('a required field left empty is refused by n8n itself before the node runs', async () => {
		await expect(
			runNode(emulator, base(100, { instrumentType: 'gift_certificate', giftCertificateCode: '' })),
		).rejects.toThrow(/Parameter "Gift Certificate Code" is required/);
		expect(emulator.requests()).toHaveLength(0);
	});

	test('the card number and CVV never appear in a validation message', async () => {
		const run = await runNode(
			emulator,
			base(100, { ...goodCard, cardNumber: '4111111111111112', cvv: '9876' }),
		);
		const text = JSON.stringify(run.out);
		expect(text).not.toContain('4111111111111112');
		expect(text).not.toContain('9876');
	});

	test('Order → Create names the bad line item, sends nothing', async () => {
		const run = await runNode(
			emulator,
			{
				resource: 'order',
				operation: 'create',
				billingAddress: { zip: '12345' },
				lineItems: {
					customItems: [
						{ name: 'A', quantity: 1, price: 5 },
						{ name: '', quantity: 1, price: 5 },
					],
				},
			},
			[{}, {}],
			{ onError: 'continueErrorOutput' },
		);
		expect(json(run.out[1])).toMatchObject([
			{
				error: 'Line Items → Custom Item 2 → Name is required (item 0)',
				details: { reason: 'invalid_input', field: 'Line Items → Custom Item 2 → Name' },
			},
			{ error: 'Line Items → Custom Item 2 → Name is required (item 1)' },
		]);
		expect(emulator.requests()).toHaveLength(0);
	});
});

describe('Continue On Fail, the error output and paired items with mixed items', () => {
	async function mixed(settings: Record<string, unknown>, routing = 'single') {
		const good1 = await createOrder(emulator, 1);
		const good2 = await createOrder(emulator, 3);
		const declined = await createOrder(emulator, 1);
		const items = [
			{ order: good1, card: '4111111111111111' },
			{ order: 'not-a-number', card: '4111111111111111' },
			{ order: declined, card: '4000000000000002' },
			{ order: good2, card: '5555555555554444' },
		];
		const params = base('', {
			...goodCard,
			orderId: '={{ $json.order }}',
			cardNumber: '={{ $json.card }}',
			routing,
		});
		return { run: await runNode(emulator, params, items, settings), good1, good2, declined };
	}

	test('continueRegularOutput: every item out, in order, paired, errors as {error, details}', async () => {
		const { run, good1, good2, declined } = await mixed({ onError: 'continueRegularOutput' });
		const out = json(run.out[0]);
		expect(run.out[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(out[0]).toMatchObject({ outcome: 'approved', orderId: good1 });
		expect(out[1]).toMatchObject({
			error: expect.stringMatching(/^Order ID/),
			details: { reason: 'invalid_input' },
		});
		expect(out[2]).toMatchObject({
			details: { code: 30102, reason: 'card_not_verified', orderId: declined },
		});
		expect(out[3]).toMatchObject({ outcome: 'approved', orderId: good2 });
		expect(emulator.charges()).toHaveLength(2);
	});

	test('continueErrorOutput: successes on main, failures on the error output, each paired to its input', async () => {
		const { run } = await mixed({ onError: 'continueErrorOutput' });
		expect(run.out[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(run.out[1].map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(json(run.out[1]).map((j) => (j.details as { reason: string }).reason)).toEqual([
			'invalid_input',
			'card_not_verified',
		]);
	});

	test('legacy continueOnFail behaves like continueRegularOutput', async () => {
		const { run } = await mixed({ continueOnFail: true });
		expect(run.out[0]).toHaveLength(4);
	});

	test('without Continue On Fail, the first failure stops the node and nothing after it is charged', async () => {
		const { run, good2 } = await mixed({});
		expect(run.error()?.message).toMatch(/^Order ID must be a positive whole number/);
		expect(emulator.charges(good2)).toHaveLength(0);
	});

	test('split mode: three outputs, each item on one, paired', async () => {
		const { run } = await mixed({}, 'split');
		expect(run.out.map((o) => o.map((i) => i.pairedItem))).toEqual([
			[{ item: 0 }, { item: 3 }],
			[{ item: 2 }],
			[{ item: 1 }],
		]);
	});
});

describe('money safety', () => {
	// Each lost answer is reconciled from BigCommerce's records (process.reconcile.test.ts has every
	// branch); here: the payment is sent once, and the item tells what happened.
	const quick = { additionalFields: { reconcileFor: 1, timeout: 1000 } };

	test('commit-then-drop: one charge, found again (Approved, reconciled), never a second charge', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop' });
		const run = await runNode(
			emulator,
			base(orderId, { instrumentType: 'default_stored_instrument', ...quick }),
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
		const run = await runNode(emulator, base(orderId, { ...goodCard, ...quick }));
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
		const run = await runNode(emulator, base(orderId, { ...goodCard, ...quick }));
		expect(json(run.out[FAILED])[0]).toMatchObject({ reason: 'not_charged' });
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
	});

	test('a timeout is never retried: the slow payment is found once it lands', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 1600 });
		const run = await runNode(emulator, base(orderId, { ...goodCard, ...quick }));
		expect(json(run.out[0])[0]).toMatchObject({ outcome: 'approved', reconciled: true });
		await new Promise((r) => setTimeout(r, 800));
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
		expect(emulator.charges(orderId)).toHaveLength(1);
	});

	test('a 429 on the payment is retried (not processed), and the payment lands once', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'status', status: 429, times: 1 });
		const run = await runNode(emulator, base(orderId, goodCard));
		expect(json(run.out[0])[0]).toMatchObject({ outcome: 'approved' });
		expect(
			emulator
				.requests()
				.filter((r) => r.path === '/payments')
				.map((r) => r.status),
		).toEqual([429, 201]);
		expect(emulator.charges(orderId)).toHaveLength(1);
	});

	test('reads are retried on 5xx and dropped connections', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 503, times: 2 });
		emulator.addFault({ route: 'GET /v3/payments/methods', kind: 'reset', times: 1 });
		const get = await runNode(emulator, {
			resource: 'order',
			operation: 'get',
			orderId: String(orderId),
		});
		expect(json(get.out[0])[0].id).toBe(orderId);
		const pay = await runNode(
			emulator,
			base(orderId, { instrumentType: 'default_stored_instrument' }),
		);
		expect(json(pay.out[0])[0].outcome).toBe('approved');
	});

	test('Order → Create is not retried after a dropped answer (it could make a second order)', async () => {
		emulator.addFault({ route: 'POST /v2/orders', kind: 'commitThenDrop', times: 1 });
		const run = await runNode(
			emulator,
			{
				resource: 'order',
				operation: 'create',
				billingAddress: { zip: '12345' },
				lineItems: { customItems: [{ name: 'A', quantity: 1, price: 5 }] },
			},
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(json(run.out[0])[0].details).toMatchObject({
			reason: 'outcome_unknown',
			retryable: false,
			remedy: expect.stringMatching(/Check in BigCommerce before repeating/),
		});
		expect(emulator.store().orders.size).toBe(1);
	});

	test('a token is never used twice: the second item with the same token fails before sending', async () => {
		const orderId = await createOrder(emulator, 1, 10);
		const pat = await runNode(emulator, {
			resource: 'paymentAccessToken',
			operation: 'create',
			orderId: String(orderId),
		});
		const item = json(pat.out[0])[0];
		emulator.clearRequests();
		const run = await runNode(
			emulator,
			base(orderId, { ...goodCard, cardNumber: '4000000000009995', accessTokenSource: 'input' }),
			[item, item],
		);
		expect(json(run.out[1])[0]).toMatchObject({ reason: 'insufficient_funds' });
		expect(json(run.out[FAILED])[0]).toMatchObject({ reason: 'token_already_used' });
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(1);
	});

	test('a token for another order, or an expired one, is refused before sending', async () => {
		const a = await createOrder(emulator, 1);
		const b = await createOrder(emulator, 1);
		const pat = await runNode(emulator, {
			resource: 'paymentAccessToken',
			operation: 'create',
			orderId: String(a),
		});
		emulator.clearRequests();
		const wrong = await runNode(
			emulator,
			base(b, { ...goodCard, accessTokenSource: 'input' }),
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
			base(a, { ...goodCard, accessTokenSource: 'input', paymentAccessToken: expiredToken }),
		);
		expect(json(expired.out[FAILED])[0]).toMatchObject({ reason: 'token_expired' });
		expect(emulator.requests()).toHaveLength(0);
	});

	test('the store token goes only to the management API, the PAT only to the payments host', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.clearRequests();
		await runNode(emulator, base(orderId, { instrumentType: 'default_stored_instrument' }));
		const seen = emulator.requests().map((r) => ({ family: r.family, ...r.auth }));
		expect(seen).toEqual([
			{ family: 'v3', xAuthToken: true, pat: false },
			{ family: 'v3', xAuthToken: true, pat: false },
			{ family: 'payments', xAuthToken: false, pat: true },
		]);
	});
});

describe('rate limits', () => {
	test('a burst past the quota finishes with every item processed and no rate-limit error', async () => {
		const tight = await withEmulator({
			rateLimits: {
				management: { windowMs: 1000, quota: 8 },
				payments: { windowMs: 1000, quota: 5 },
			},
		});
		try {
			const orders: { order: number }[] = [];
			for (let i = 0; i < 12; i++) orders.push({ order: await createOrder(tight, 1, 5) });
			const run = await runNode(
				tight,
				base('', { ...goodCard, orderId: '={{ $json.order }}' }),
				orders,
				{},
				{
					storeHash: 'sandbox',
					accessToken: 'sandbox-token',
					customBaseUrls: true,
					apiBaseUrl: tight.url,
					paymentsBaseUrl: tight.url,
				},
			);
			expect(run.out[0]).toHaveLength(12);
			expect(run.out[1]).toHaveLength(0);
			expect(run.out[2]).toHaveLength(0);
			expect(tight.charges()).toHaveLength(12);
		} finally {
			await tight.stop();
		}
	}, 20000);

	test('a 429 without any rate-limit header backs off and recovers', async () => {
		const orderId = await createOrder(emulator, 1);
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 429, times: 1 });
		const started = Date.now();
		const run = await runNode(emulator, {
			resource: 'order',
			operation: 'get',
			orderId: String(orderId),
		});
		expect(json(run.out[0])[0].id).toBe(orderId);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});
});
