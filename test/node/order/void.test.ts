import type { Emulator } from 'bigcommerce-emulator';
import { authorizeOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { orderParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Order → Void Payment', () => {
	test('cancels an authorization', async () => {
		const id = await authorizeOrder(emulator);
		const run = await runNode(emulator, orderParams('void', id));
		expect(json(run.out[0])[0]).toMatchObject({
			action: 'void',
			paymentStatus: 'void',
			statusId: 5,
			status: 'Cancelled',
			repeat: false,
		});
		const again = await runNode(emulator, orderParams('void', id));
		expect(json(again.out[0])[0]).toMatchObject({ paymentStatus: 'void', repeat: true });
		expect(
			emulator
				.store()
				.orders.get(id)
				?.transactions.filter((t) => t.event === 'void'),
		).toHaveLength(1);
	});
});
