import type { INode } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, runNode, withEmulator } from '../../helpers/setup';

/**
 * n8n keeps the node (parameters included) with its error. A workflow can hold Card Number and
 * CVV as numbers, not strings (imported JSON, the API): the copy the error carries masks them too.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

test('a declined card typed as numbers: the error node shows neither number nor CVV', async () => {
	const orderId = await createOrder(emulator, 1);
	const run = await runNode(emulator, {
		resource: 'payment',
		operation: 'process',
		orderId: String(orderId),
		instrumentType: 'card',
		paymentMethodId: 'stripe.card',
		cardNumber: 4000000000000002,
		cardholderName: 'Ada Lovelace',
		expiryMonth: 12,
		expiryYear: 2034,
		cvv: 7319,
		routing: 'single',
	});
	const error = run.error() as (Error & { node?: INode }) | undefined;
	expect(error?.message).toMatch(/30102|card_not_verified|declined/i);
	expect(error?.node?.parameters).toMatchObject({ cardNumber: '[redacted]', cvv: '[redacted]' });
	// The run's results and error; the workflow's own copy of its parameters is the user's to keep.
	const everything = JSON.stringify(run.run.data.resultData);
	expect(everything).not.toContain('4000000000000002');
	expect(everything).not.toContain('7319');
});
