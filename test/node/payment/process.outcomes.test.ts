import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';
import {
	DECLINED,
	FAILED,
	GOOD_CARD,
	accessTokenParams,
	newCard,
	processParams,
} from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

/** Pays one fresh order and returns which output the item went to, with its fields. */
async function outcome(
	customerId: number,
	params: IDataObject,
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

describe('Payment → Process: the Declined output', () => {
	interface DeclineCase {
		name: string;
		card: string;
		code: number;
		reason: string;
		retryable: boolean;
	}
	test.each<DeclineCase>([
		{
			name: 'unverified card',
			card: '4000000000000002',
			code: 30102,
			reason: 'card_not_verified',
			retryable: false,
		},
		{
			name: 'expired card',
			card: '4000000000000069',
			code: 30103,
			reason: 'card_expired',
			retryable: false,
		},
		{
			name: 'processing error',
			card: '4000000000000119',
			code: 30104,
			reason: 'processing_error',
			retryable: false,
		},
		{
			name: 'duplicate',
			card: '4000000000000259',
			code: 30105,
			reason: 'duplicate',
			retryable: false,
		},
		{
			name: 'insufficient funds, worth retrying later',
			card: '4000000000009995',
			code: 30106,
			reason: 'insufficient_funds',
			retryable: true,
		},
		{
			name: '3-D Secure required',
			card: '4000000000003220',
			code: 30102,
			reason: 'three_d_secure_required',
			retryable: false,
		},
	])('$name: card $card → $code $reason', async ({ card, code, reason, retryable }) => {
		const { index, item, orderId } = await outcome(1, newCard(card));
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

	test("revoked PayPal account (Grace's default) → 30107 authorization_revoked", async () => {
		const { index, item } = await outcome(2, { instrumentType: 'default_stored_instrument' });
		expect(index).toBe(DECLINED);
		expect(item).toMatchObject({
			code: 30107,
			reason: 'authorization_revoked',
			paymentMethodId: 'braintree.paypal',
		});
	});
});

describe('Payment → Process: the Failed output', () => {
	const admin = (path: string, body: unknown) =>
		fetch(`${emulator.url}/__emulator${path}`, { method: 'PATCH', body: JSON.stringify(body) });

	interface FailureCase {
		name: string;
		customerId: number;
		params: IDataObject;
		code: number;
		reason: string;
		retryable: boolean;
		/** puts the store in the state that causes the failure, once the order exists */
		before?: (orderId: number) => Promise<unknown> | void;
	}
	test.each<FailureCase>([
		{
			name: 'unknown method',
			customerId: 1,
			params: newCard('4111111111111111', { paymentMethodId: 'adyen.card' }),
			code: 30000,
			reason: 'payment_method_not_configured',
			retryable: false,
		},
		{
			name: 'misconfigured method',
			customerId: 1,
			params: GOOD_CARD,
			code: 30001,
			reason: 'payment_method_misconfigured',
			retryable: false,
			before: () => admin('/methods/stripe.card', { misconfigured: true }),
		},
		{
			name: 'vaulting unavailable',
			customerId: 1,
			params: newCard('4111111111111111', {
				paymentMethodId: 'authorizenet.card',
				saveInstrument: true,
			}),
			code: 30002,
			reason: 'vaulting_unavailable',
			retryable: false,
		},
		{
			name: 'card not savable',
			customerId: 1,
			params: newCard('4000000000000341', { saveInstrument: true }),
			code: 30050,
			reason: 'instrument_not_saved',
			retryable: false,
		},
		{
			name: 'stored token of another customer',
			customerId: 3,
			params: {
				instrumentType: 'stored_card',
				paymentMethodId: 'stripe.card',
				storedToken: TOKENS.adaVisa,
			},
			code: 30051,
			reason: 'stored_instrument_not_found',
			retryable: false,
		},
		{
			name: 'order not payable (at the PAT)',
			customerId: 1,
			params: GOOD_CARD,
			code: 30101,
			reason: 'order_not_payable',
			retryable: false,
			before: (id) => admin(`/orders/${id}`, { status_id: 11 }),
		},
		{
			name: 'invalid data',
			customerId: 0,
			params: { instrumentType: 'store_credit' },
			code: 10001,
			reason: 'invalid_request',
			retryable: false,
		},
		{
			// 10000 may come after the payment was made: reconciled, and here it was not
			name: 'temporary error',
			customerId: 1,
			params: newCard('4111111111111111', { additionalFields: { reconcileFor: 1 } }),
			code: 10000,
			reason: 'not_charged',
			retryable: true,
			before: () => emulator.addFault({ route: 'POST /payments', kind: 'error10000', times: 1 }),
		},
	])('$name → $code $reason', async ({ customerId, params, code, reason, retryable, before }) => {
		const { index, item, orderId } = await outcome(customerId, params, before);
		expect(index).toBe(FAILED);
		expect(item).toMatchObject({ outcome: 'failed', code, reason, retryable, orderId });
		expect(emulator.charges(orderId)).toHaveLength(0);
	});

	test('order changed after a token from a previous step → 30004 order_changed', async () => {
		const orderId = await createOrder(emulator, 1);
		const pat = await runNode(emulator, accessTokenParams(orderId));
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

	test('a spent token from a previous step → unauthorized (401), not charged twice', async () => {
		const orderId = await createOrder(emulator, 1);
		const pat = await runNode(emulator, accessTokenParams(orderId));
		const params = processParams(
			orderId,
			newCard('4000000000009995', {
				cardholderName: 'A',
				expiryMonth: 1,
				expiryYear: 2035,
				cvv: '321',
				accessTokenSource: 'input',
			}),
		);
		const first = await runNode(emulator, params, json(pat.out[0]));
		expect(json(first.out[DECLINED])[0].reason).toBe('insufficient_funds');
		const second = await runNode(emulator, params, json(pat.out[0]));
		expect(json(second.out[FAILED])[0]).toMatchObject({ reason: 'unauthorized', httpStatus: 401 });
	});

	test('a missing scope when creating the token → missing_scope (403)', async () => {
		const orderId = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(orderId, GOOD_CARD),
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

	test('a guest has no default instrument → no_default_instrument, nothing sent', async () => {
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
		const run = await runNode(emulator, processParams(orderId, GOOD_CARD), [{}], {}, creds);
		expect(json(run.out[FAILED])[0]).toMatchObject({ reason: 'connection_error', retryable: true });
	});
});

describe('Payment → Process in Single Output mode', () => {
	test('approvals pass; a decline stops the workflow: NodeApiError with code, reason', async () => {
		const orderId = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(orderId, newCard('4000000000009995', { routing: 'single' })),
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

	test('error output: declines to the error output, approvals to main, paired', async () => {
		const a = await createOrder(emulator, 1);
		const b = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(
				'={{ $json.order }}',
				newCard('={{ $json.card }}', {
					cardholderName: 'A',
					expiryMonth: 1,
					expiryYear: 2035,
					cvv: '321',
					routing: 'single',
				}),
			),
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

describe("Payment → Process reads the payments host's older shapes (202, errors array)", () => {
	let legacy: Emulator;
	beforeAll(async () => (legacy = await withEmulator({ legacyPaymentsShape: true })));
	afterAll(async () => await legacy.stop());

	test('a 202 with no data wrapper approves; an errors-array decline keeps its code', async () => {
		const ok = await createOrder(legacy, 1);
		const declined = await createOrder(legacy, 1);
		const run = await runNode(
			legacy,
			processParams('={{ $json.order }}', newCard('={{ $json.card }}')),
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
