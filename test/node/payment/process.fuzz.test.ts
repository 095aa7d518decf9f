import fc from 'fast-check';

import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { json, runNode, withEmulator } from '../../helpers/setup';

/**
 * Property: every Payment → Process input with one invalid value — whatever an expression resolves
 * to (an object, a list, a boolean, 1e20, a negative or fractional id, a malformed string) — is
 * refused before anything is sent, and the failure names that field and the item.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const FAILED = 2;
const ITEMS_PER_RUN = 600;

const notText = fc.oneof(
	fc.object({ maxDepth: 1 }),
	fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
	fc.boolean(),
);
const blank = fc.constantFrom('', ' ', '\t');
const badOrderId = fc.oneof(
	notText,
	fc.constantFrom(1e20, -1, 0, 1.5, '1e20', '-3', '2.5', '2147483648', 'abc', '', '0x10'),
	fc.integer({ max: 0 }),
	fc.double({ noInteger: true, noNaN: true }),
	fc.integer({ min: 2147483648, max: Number.MAX_SAFE_INTEGER }),
);
const badCardNumber = fc.oneof(
	notText,
	blank,
	fc.stringMatching(/^[0-9]{0,11}$/),
	fc.stringMatching(/^[0-9]{20,25}$/),
	fc.stringMatching(/^[0-9]{6}[a-z][0-9]{9}$/),
	fc.constantFrom('4111111111111112', '4242424242424241'),
);
const badCvv = fc.oneof(
	notText,
	fc.stringMatching(/^[0-9]{1,2}$/),
	fc.stringMatching(/^[0-9]{5,8}$/),
	fc.stringMatching(/^[a-z]{3}$/),
);
const badMonth = fc.oneof(
	notText,
	fc.constantFrom(0, 13, -1, 1.5, '13', 'May', ''),
	fc.integer({ min: 13 }),
);
const badYear = fc.oneof(
	notText,
	fc.constantFrom(34, 1999, 20345, '20x4', ''),
	fc.integer({ min: 0, max: 999 }),
);
const badToken = fc.oneof(
	notText,
	blank,
	fc.stringMatching(/^[a-f0-9]{1,63}$/),
	fc.stringMatching(/^[a-f0-9]{65,80}$/),
);
const required = fc.oneof(notText, blank);

/** Each generated case: the instrument it is for, the field the user sees, and the bad value. */
interface Case {
	field: string;
	param: string;
	value: unknown;
}
const cases = (fields: Array<[string, string, fc.Arbitrary<unknown>]>) =>
	fc.oneof(
		...fields.map(([field, param, bad]) => bad.map((value): Case => ({ field, param, value }))),
	);

/** The node reads every field from the item, so each item carries its own inputs. */
const fromItem = (names: string[]) =>
	Object.fromEntries(names.map((name) => [name, `={{ $json.p.${name} }}`]));

async function fuzz(
	instrumentType: string,
	valid: Record<string, unknown>,
	fields: Array<[string, string, fc.Arbitrary<unknown>]>,
	seed: number,
	extra: Record<string, unknown> = {},
) {
	const generated = fc.sample(cases(fields), { numRuns: ITEMS_PER_RUN, seed });
	const items = generated.map((c) => ({ p: { ...valid, [c.param]: c.value } }));
	const result = await runNode(
		emulator,
		{
			resource: 'payment',
			operation: 'process',
			instrumentType,
			...fromItem(Object.keys(valid)),
			...extra,
		},
		items,
	);
	const failed = json(result.out[FAILED]);
	expect(result.out[0]).toHaveLength(0);
	expect(failed).toHaveLength(generated.length);
	failed.forEach((item, i) => {
		const c = generated[i];
		const context = `${c.field} = ${JSON.stringify(c.value)}`;
		expect({ context, reason: item.reason, field: item.field }).toEqual({
			context,
			reason: 'invalid_input',
			field: c.field,
		});
		expect(item.message).toMatch(new RegExp(`\\(item ${i}\\)$`));
	});
	// nothing at all reached BigCommerce, not even a token request
	expect(emulator.requests()).toEqual([]);
	return generated.length;
}

const ORDER = 101;
const card = {
	orderId: ORDER,
	paymentMethodId: 'stripe.card',
	cardNumber: '4111111111111111',
	cardholderName: 'Ada Lovelace',
	expiryMonth: 12,
	expiryYear: 2034,
	cvv: '123',
};

test('new card: order id, method, number, name, expiry, CVV', async () => {
	const n = await fuzz(
		'card',
		card,
		[
			['Order ID', 'orderId', badOrderId],
			['Payment Method', 'paymentMethodId', required],
			['Card Number', 'cardNumber', badCardNumber],
			['Cardholder Name', 'cardholderName', required],
			['Expiry Month', 'expiryMonth', badMonth],
			['Expiry Year', 'expiryYear', badYear],
			['CVV', 'cvv', badCvv],
		],
		1,
	);
	expect(n).toBe(ITEMS_PER_RUN);
});

test('gift certificate code', async () => {
	await fuzz(
		'gift_certificate',
		{ orderId: ORDER, giftCertificateCode: 'GIFT-100-ABC' },
		[
			['Order ID', 'orderId', badOrderId],
			['Gift Certificate Code', 'giftCertificateCode', required],
		],
		2,
	);
});

test('stored card token and CVV', async () => {
	await fuzz(
		'stored_card',
		{ orderId: ORDER, paymentMethodId: 'stripe.card', storedToken: TOKENS.adaVisa, cvv: '123' },
		[
			['Stored Instrument Token', 'storedToken', badToken],
			['CVV', 'cvv', badCvv],
			['Payment Method', 'paymentMethodId', required],
		],
		3,
	);
});

test('tokenized card token and wallet fields', async () => {
	await fuzz(
		'tokenized_card',
		{ orderId: ORDER, paymentMethodId: 'stripe.card', tokenizedCardToken: 'K7KW-M9GX-6PQ3' },
		[
			['Card Token', 'tokenizedCardToken', required],
			['Order ID', 'orderId', badOrderId],
		],
		4,
	);
});

test('a payment access token from a previous step', async () => {
	await fuzz(
		'store_credit',
		{ orderId: ORDER, paymentAccessToken: 'x.y.z' },
		[['Payment Access Token', 'paymentAccessToken', required]],
		5,
		{ accessTokenSource: 'input' },
	);
});

test('the options: Reconcile For, Timeout, If the Order Is Already Paid', async () => {
	const badSeconds = fc.oneof(
		notText,
		fc.constantFrom(-1, 601, 'soon', ''),
		fc.integer({ min: 601 }),
	);
	const generated = fc.sample(
		fc.oneof(
			badSeconds.map((value) => ({ field: 'Reconcile For', option: 'reconcileFor', value })),
			fc
				.oneof(notText, fc.constantFrom(0, 999, -5, '15s'))
				.map((value) => ({ field: 'Timeout (Ms)', option: 'timeout', value })),
			fc.oneof(notText, fc.constantFrom('yes', 'approve', '')).map((value) => ({
				field: 'If the Order Is Already Paid',
				option: 'ifAlreadyPaid',
				value,
			})),
		),
		{ numRuns: 300, seed: 6 },
	);
	const items = generated.map((c) => ({ p: { [c.option]: c.value } }));
	const run = await runNode(
		emulator,
		{
			resource: 'payment',
			operation: 'process',
			orderId: String(ORDER),
			instrumentType: 'store_credit',
			additionalFields: {
				reconcileFor: '={{ $json.p.reconcileFor ?? 30 }}',
				timeout: '={{ $json.p.timeout ?? 15000 }}',
				ifAlreadyPaid: '={{ $json.p.ifAlreadyPaid ?? "approved" }}',
			},
		},
		items,
	);
	const failed = json(run.out[FAILED]);
	expect(failed.map((f) => f.field)).toEqual(generated.map((c) => c.field));
	expect(emulator.requests()).toEqual([]);
});
