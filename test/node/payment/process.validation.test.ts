import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { json, runNode, withEmulator } from '../../helpers/setup';
import { FAILED, GOOD_CARD, processParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Payment → Process validates before any request', () => {
	const thisYear = new Date().getUTCFullYear();
	interface InvalidCase {
		name: string;
		params: IDataObject;
		/** the start of the error, which names the field */
		message: RegExp;
	}
	test.each<InvalidCase>([
		{
			name: 'order id',
			params: { ...GOOD_CARD, orderId: 'abc' },
			message: /^Order ID must be a positive whole number/,
		},
		{
			name: 'order id zero',
			params: { ...GOOD_CARD, orderId: '0' },
			message: /^Order ID must be a positive whole number/,
		},
		{
			name: 'card letters',
			params: { ...GOOD_CARD, cardNumber: '4111-1111-1111-111x' },
			message: /^Card Number must contain only digits/,
		},
		{
			name: 'card length',
			params: { ...GOOD_CARD, cardNumber: '41111111111' },
			message: /^Card Number must be 12 to 19 digits long/,
		},
		{
			name: 'card luhn',
			params: { ...GOOD_CARD, cardNumber: '4111111111111112' },
			message: /^Card Number is not a valid card number \(it fails the Luhn check\)/,
		},
		{
			name: 'cardholder',
			params: { ...GOOD_CARD, cardholderName: '  ' },
			message: /^Cardholder Name is required/,
		},
		{
			name: 'month 13',
			params: { ...GOOD_CARD, expiryMonth: 13 },
			message: /^Expiry Month must be a whole number from 1 to 12/,
		},
		{
			name: 'month 0',
			params: { ...GOOD_CARD, expiryMonth: 0 },
			message: /^Expiry Month must be a whole number from 1 to 12/,
		},
		{
			name: 'two-digit year',
			params: { ...GOOD_CARD, expiryYear: 34 },
			message: /^Expiry Year must be a four-digit year/,
		},
		{
			name: 'past expiry',
			params: { ...GOOD_CARD, expiryYear: thisYear - 1 },
			message: /^Expiry Year and Expiry Month are in the past/,
		},
		{
			name: 'cvv letters',
			params: { ...GOOD_CARD, cvv: '12a' },
			message: /^CVV must be 3 or 4 digits/,
		},
		{
			name: 'cvv length',
			params: { ...GOOD_CARD, cvv: '12345' },
			message: /^CVV must be 3 or 4 digits/,
		},
		{
			name: 'stored token',
			params: { instrumentType: 'stored_card', paymentMethodId: 'stripe.card', storedToken: 'abc' },
			message: /^Stored Instrument Token must be the 64-character token/,
		},
		{
			name: 'paypal token',
			params: {
				instrumentType: 'stored_paypal_account',
				paymentMethodId: 'braintree.paypal',
				storedToken: TOKENS.adaPaypal.slice(1),
			},
			message: /^Stored Instrument Token must be the 64-character token/,
		},
		{
			name: 'gift code from an empty expression',
			params: { instrumentType: 'gift_certificate', giftCertificateCode: '={{ $json.missing }}' },
			message: /^Gift Certificate Code is required/,
		},
		{
			name: 'payment method from an empty expression',
			params: { ...GOOD_CARD, paymentMethodId: '={{ $json.missing }}' },
			message: /^Payment Method is required/,
		},
		{
			name: 'default cvv',
			params: { instrumentType: 'default_stored_instrument', cvv: '1' },
			message: /^CVV must be 3 or 4 digits/,
		},
	])('$name: names the field and the item, sends nothing', async ({ params, message }) => {
		const orderId = (params.orderId as string) ?? '100';
		const run = await runNode(emulator, processParams(orderId, { ...params, routing: 'single' }), [
			{},
			{},
		]);
		const error = run.error() as Error & { context?: { itemIndex?: number } };
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\(item 0\)$/);
		expect(error.context?.itemIndex).toBe(0);
		expect(emulator.requests()).toHaveLength(0);
		// the same input in split mode goes to Failed, again without a request
		const split = await runNode(emulator, processParams(orderId, params));
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
			runNode(
				emulator,
				processParams(100, { instrumentType: 'gift_certificate', giftCertificateCode: '' }),
			),
		).rejects.toThrow(/Parameter "Gift Certificate Code" is required/);
		expect(emulator.requests()).toHaveLength(0);
	});

	test('the card number and CVV never appear in a validation message', async () => {
		const run = await runNode(
			emulator,
			processParams(100, { ...GOOD_CARD, cardNumber: '4111111111111112', cvv: '9876' }),
		);
		const text = JSON.stringify(run.out);
		expect(text).not.toContain('4111111111111112');
		expect(text).not.toContain('9876');
	});
});
