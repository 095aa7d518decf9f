import type { Emulator } from 'bigcommerce-emulator';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { createOrder, runNode, withEmulator } from '../../helpers/setup';

/** A year written into the description as the default would one day be an expired card. */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

test('Expiry Year has no calendar year as its default', () => {
	const field = new BigCommercePayments().description.properties.find(
		(p) => p.name === 'expiryYear',
	);
	expect(field?.default).toBe(0);
});

test('a card left at the default year is refused before anything is sent', async () => {
	const orderId = await createOrder(emulator, 1);
	const sent = emulator.requests().length;
	const run = await runNode(emulator, {
		resource: 'payment',
		operation: 'process',
		orderId: String(orderId),
		instrumentType: 'card',
		paymentMethodId: 'stripe.card',
		cardNumber: '4111111111111111',
		cardholderName: 'Ada Lovelace',
		expiryMonth: 12,
	});
	expect(run.out[2][0].json).toMatchObject({
		reason: 'invalid_input',
		field: 'Expiry Year',
		message: expect.stringMatching(/^Expiry Year must be a four-digit year/),
	});
	expect(emulator.requests()).toHaveLength(sent);
	expect(emulator.charges(orderId)).toHaveLength(0);
});
