import type { Emulator } from '../../emulator';
import { TOKENS } from '../../emulator';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const DECLINED = 1;
const FAILED = 2;

const newCard = (number: string, extra: Record<string, unknown> = {}) => ({
	instrumentType: 'card',
	paymentMethodId: 'stripe.card',
	cardNumber: number,
	cardholderName: 'Ada Lovelace',
	expiryMonth: 12,
	expiryYear: 2034,
	cvv: '123',
	...extra,
});
const processParams = (orderId: number, extra: Record<string, unknown>) => ({
	resource: 'payment',
	operation: 'process',
	orderId: String(orderId),
	...extra,
});

/** Pays one fresh order and returns which output the item went to, with its fields. */
async function outcome(
	customerId: number,
	params: Record<string, unknown>,
	before?: (orderId: number) => unknown,
) {
	const orderId = await createOrder(emulator, customerId);
	await before?.(orderId);
	const run = await runNode(emulator, processParams(orderId, params));
	expect(run.error()).toBeUndefined();
	const index = run.out.findIndex((o) => o.length > 0);
	return { orderId, index, item: json(run.out[index] ?? [])[0], run };
}

const FIELDS = [
	'outcome',
	'code',
	'reason',
	'message',
	'remedy',
	'retryable',
	'httpStatus',
	'orderId',
	'paymentMethodId',
];

describe('Declined output', () => {
	test.each([
		['4000000000000002', 30102, 'card_not_verified', false],
		['4000000000000069', 30103, 'card_expired', false],
		['4000000000000119', 30104, 'processing_error', false],
		['4000000000000259', 30105, 'duplicate', false],
		['4000000000009995', 30106, 'insufficient_funds', true],
		['4000000000003220', 30102, 'three_d_secure_required', false],
	])('card %s → %d %s', async (number, code, reason, retryable) => {
		const { index, item, orderId } = await outcome(1, newCard(number));
		expect(index).toBe(DECLINED);
		expect(Object.keys(item).sort()).toEqual([...FIELDS].sort());
		expect(item).toMatchObject({
			outcome: 'declined',
			code,
			reason,
			retryable,
			httpStatus: 422,
			orderId,
			paymentMethodId: 'stripe.card',
		});
		expect(String(item.message).length).toBeGreaterThan(5);
		expect(String(item.remedy).length).toBeGreaterThan(10);
		expect(emulator.charges(orderId)).toHaveLength(0);
	});

	test('revoked stored PayPal account → 30107 authorization_revoked (default instrument of Grace)', async () => {
		const { index, item } = await outcome(2, { instrumentType: 'default_stored_instrument' });
		expect(index).toBe(DECLINED);
		expect(item).toMatchObject({
			code: 30107,
			reason: 'authorization_revoked',
			paymentMethodId: 'braintree.paypal',
		});
	});
});

describe('Failed output', () => {
	const admin = (path: string, body: unknown) =>
		fetch(`${emulator.url}/__emulator${path}`, { method: 'PATCH', body: JSON.stringify(body) });

	test.each<
		[
			string,
			number,
			Record<string, unknown>,
			number | null,
			string,
			boolean,
			((id: number) => Promise<unknown> | void)?,
		]
	>([
		[
			'unknown method',
			1,
			newCard('4111111111111111', { paymentMethodId: 'adyen.card' }),
			30000,
			'payment_method_not_configured',
			false,
			undefined,
		],
		[
			'misconfigured method',
			1,
			newCard('4111111111111111'),
			30001,
			'payment_method_misconfigured',
			false,
			() => admin('/methods/stripe.card', { misconfigured: true }),
		],
		[
			'vaulting unavailable',
			1,
			newCard('4111111111111111', { paymentMethodId: 'authorizenet.card', saveInstrument: true }),
			30002,
			'vaulting_unavailable',
			false,
			undefined,
		],
		[
			'card not savable',
			1,
			newCard('4000000000000341', { saveInstrument: true }),
			30050,
			'instrument_not_saved',
			false,
			undefined,
		],
		[
			'stored token of another customer',
			3,
			{
				instrumentType: 'stored_card',
				paymentMethodId: 'stripe.card',
				storedToken: TOKENS.adaVisa,
			},
			30051,
			'stored_instrument_not_found',
			false,
			undefined,
		],
		[
			'order not payable (at the PAT)',
			1,
			newCard('4111111111111111'),
			30101,
			'order_not_payable',
			false,
			(id) => admin(`/orders/${id}`, { status_id: 11 }),
		],
		[
			'invalid data',
			0,
			{ instrumentType: 'store_credit' },
			10001,
			'invalid_request',
			false,
			undefined,
		],
		[
			// 10000 may come after the payment was made: reconciled, and here it was not
			'temporary error',
			1,
			newCard('4111111111111111', { additionalFields: { reconcileFor: 1 } }),
			10000,
			'not_charged',
			true,
			() => emulator.addFault({ route: 'POST /payments', kind: 'error10000', times: 1 }),
		],
	])('%s → %s', async (_name, customer, params, code, reason, retryable, before) => {
		const { index, item, orderId } = await outcome(customer, params, before);
		expect(index).toBe(FAILED);
		expect(item).toMatchObject({ outcome: 'failed', code, reason, retryable, orderId });
		expect(emulator.charges(orderId)).toHaveLength(0);
	});

	test('order changed after a token from a previous step → 30004 order_changed', async () => {
		const orderId = await createOrder(emulator, 1);
		const pat = await runNode(emulator, {
			resource: 'paymentAccessToken',
			operation: 'create',
			orderId: String(orderId),
		});
		await admin(`/orders/${orderId}`, { total_inc_tax: 99 });
		const run = await runNode(
			emulator,
			processParams(orderId, {
				instrumentType: 'default_stored_instrument',
				accessTokenSource: 'input',
			}),
			json(pat.out[0]),
		);
		expect(json(run.out[FAILED])[0]).toMatchObject({
			code: 30004,
			reason: 'order_changed',
			retryable: true,
			paymentMethodId: 'stripe.card',
		});
	});

	test('a spent token from a previous step → unauthorized (401), nothing charged twice', async () => {
		const orderId = await createOrder(emulator, 1);
		const pat = await runNode(emulator, {
			resource: 'paymentAccessToken',
			operation: 'create',
			orderId: String(orderId),
		});
		const params = processParams(orderId, {
			instrumentType: 'card',
			paymentMethodId: 'stripe.card',
			cardNumber: '4000000000009995',
			cardholderName: 'A',
			expiryMonth: 1,
			expiryYear: 2035,
			cvv: '321',
			accessTokenSource: 'input',
		});
		const first = await runNode(emulator, params, json(pat.out[0]));
		expect(json(first.out[DECLINED])[0].reason).toBe('insufficient_funds');
		const second = await runNode(emulator, params, json(pat.out[0]));
		expect(json(second.out[FAILED])[0]).toMatchObject({ reason: 'unauthorized', httpStatus: 401 });
	});

	test('a missing scope when creating the token → missing_scope (403)', async () => {
		const orderId = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(orderId, newCard('4111111111111111')),
			[{}],
			{},
			sandboxCredentials(emulator, 'read-only-token'),
		);
		expect(json(run.out[FAILED])[0]).toMatchObject({
			reason: 'missing_scope',
			httpStatus: 403,
			code: null,
		});
	});

	test('a guest order has no default instrument → no_default_instrument, no payment sent', async () => {
		const { index, item } = await outcome(0, { instrumentType: 'default_stored_instrument' });
		expect(index).toBe(FAILED);
		expect(item.reason).toBe('no_default_instrument');
		expect(emulator.requests().filter((r) => r.path === '/payments')).toHaveLength(0);
	});

	test('the payments host unreachable → connection_error, retryable, nothing sent', async () => {
		const orderId = await createOrder(emulator, 1);
		const creds = sandboxCredentials(emulator, 'sandbox-token', {
			paymentsBaseUrl: 'http://127.0.0.1:9',
		});
		const run = await runNode(
			emulator,
			processParams(orderId, newCard('4111111111111111')),
			[{}],
			{},
			creds,
		);
		expect(json(run.out[FAILED])[0]).toMatchObject({ reason: 'connection_error', retryable: true });
	});
});

describe('other operations carry the same fields', () => {
	test('Order → Get of a missing order with Continue On Fail: {error, details} with code/reason/httpStatus', async () => {
		const run = await runNode(
			emulator,
			{ resource: 'order', operation: 'get', orderId: '424242' },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		const [item] = json(run.out[0]);
		expect(Object.keys(item).sort()).toEqual(['details', 'error']);
		expect(item.error).toMatch(/not found/i);
		expect(item.details).toMatchObject({
			outcome: 'failed',
			code: null,
			reason: 'not_found',
			httpStatus: 404,
			retryable: false,
			orderId: 424242,
		});
	});

	test('PAT → Create on a paid order: code 30101 like the payment would give', async () => {
		const orderId = await createOrder(emulator, 1, 10, { status_id: 11 });
		const run = await runNode(
			emulator,
			{ resource: 'paymentAccessToken', operation: 'create', orderId: String(orderId) },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(json(run.out[0])[0].details).toMatchObject({
			code: 30101,
			reason: 'order_not_payable',
			httpStatus: 422,
		});
	});
});

describe('Single Output mode', () => {
	test('approved items pass; a decline stops the workflow with a NodeApiError naming code and reason', async () => {
		const orderId = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(orderId, { ...newCard('4000000000009995'), routing: 'single' }),
		);
		expect(run.out).toEqual([]);
		const error = run.error() as Error & {
			description?: string;
			httpCode?: string;
			context?: { itemIndex?: number };
		};
		expect(error.message).toMatch(/30106 insufficient_funds/);
		expect(error.description).toMatch(/insufficient funds/i);
		expect(error.httpCode).toBe('422');
	});

	test('error output: declines to the error output, approvals to the main one, paired', async () => {
		const a = await createOrder(emulator, 1);
		const b = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(0, {
				orderId: '={{ $json.order }}',
				instrumentType: 'card',
				paymentMethodId: 'stripe.card',
				cardNumber: '={{ $json.card }}',
				cardholderName: 'A',
				expiryMonth: 1,
				expiryYear: 2035,
				cvv: '321',
				routing: 'single',
			}),
			[
				{ order: a, card: '4111111111111111' },
				{ order: b, card: '4000000000000069' },
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(run.out).toHaveLength(2);
		expect(json(run.out[0])).toMatchObject([{ outcome: 'approved', orderId: a }]);
		expect(json(run.out[1])).toMatchObject([
			{
				error: expect.stringMatching(/expired/i),
				details: { code: 30103, reason: 'card_expired', orderId: b },
			},
		]);
		expect(run.out[0][0].pairedItem).toEqual({ item: 0 });
		expect(run.out[1][0].pairedItem).toEqual({ item: 1 });
	});
});

describe("the payments host's older answer shapes (202 flat body, {errors:[{code,message}]})", () => {
	let legacy: Emulator;
	beforeAll(async () => (legacy = await withEmulator({ legacyPaymentsShape: true })));
	afterAll(async () => await legacy.stop());

	test('a 202 without the data wrapper is approved; an errors-array decline keeps its code', async () => {
		const ok = await createOrder(legacy, 1);
		const declined = await createOrder(legacy, 1);
		const run = await runNode(
			legacy,
			processParams(0, { ...newCard('={{ $json.card }}'), orderId: '={{ $json.order }}' }),
			[
				{ order: ok, card: '4111111111111111' },
				{ order: declined, card: '4000000000000119' },
			],
			{},
			sandboxCredentials(legacy),
		);
		expect(json(run.out[0])).toEqual([
			expect.objectContaining({
				outcome: 'approved',
				status: 'success',
				transactionType: 'purchase',
				paymentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			}),
		]);
		expect(json(run.out[DECLINED])).toEqual([
			expect.objectContaining({
				code: 30104,
				reason: 'processing_error',
				httpStatus: 422,
				message: expect.stringMatching(/problem processing the card/),
			}),
		]);
		expect(
			legacy
				.requests()
				.filter((r) => r.path === '/payments')
				.map((r) => r.status),
		).toEqual([202, 422]);
	});
});
