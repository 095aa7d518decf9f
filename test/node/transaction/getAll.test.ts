import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { processParams, transactionsParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Transaction → Get Many', () => {
	test("lists an order's transactions; none is zero items", async () => {
		const id = await createOrder(emulator, 1);
		const none = await runNode(emulator, transactionsParams(id));
		expect(none.out[0]).toHaveLength(0);
		await runNode(emulator, processParams(id, { instrumentType: 'default_stored_instrument' }));
		const run = await runNode(emulator, transactionsParams(id));
		expect(json(run.out[0])).toEqual([
			expect.objectContaining({
				event: 'purchase',
				payment_method_id: 'stripe.card',
				payment_instrument_token: TOKENS.adaVisa,
			}),
		]);
	});
});
