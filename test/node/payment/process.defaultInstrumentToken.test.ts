import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';

/**
 * The README promises a card only as brand, last 4 and expiry. A charge of the customer's default
 * instrument looks the token up itself, so the user never asked for it: the Approved item names the
 * instrument by the token's last 4 only. Payment Method → Get Many exists to return tokens, and does.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

test("Approved after the default instrument: no full token, the token's last 4", async () => {
	const orderId = await createOrder(emulator, 1);
	const run = await runNode(emulator, {
		resource: 'payment',
		operation: 'process',
		orderId: String(orderId),
		instrumentType: 'default_stored_instrument',
	});
	const [approved] = json(run.out[0]);
	expect(approved).toMatchObject({
		outcome: 'approved',
		instrument: { type: 'stored_card', last4: '4242', tokenLast4: TOKENS.adaVisa.slice(-4) },
	});
	expect(approved.instrument).not.toHaveProperty('token');
	expect(JSON.stringify(run.out)).not.toContain(TOKENS.adaVisa);
});

test('Payment Method → Get Many still returns the stored tokens', async () => {
	const orderId = await createOrder(emulator, 1);
	const run = await runNode(emulator, {
		resource: 'paymentMethod',
		operation: 'getAll',
		orderId: String(orderId),
	});
	expect(JSON.stringify(run.out)).toContain(TOKENS.adaVisa);
});
