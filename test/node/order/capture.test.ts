import type { Emulator } from 'bigcommerce-emulator';
import { authorizeOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { orderParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Order → Capture Payment', () => {
	test('completes an authorization; a second one fails with the fields of any error', async () => {
		const id = await authorizeOrder(emulator);
		const run = await runNode(emulator, orderParams('capture', id));
		expect(json(run.out[0])[0]).toMatchObject({
			orderId: id,
			action: 'capture',
			paymentStatus: 'captured',
			statusId: 11,
		});
		expect(
			emulator
				.store()
				.orders.get(id)
				?.transactions.map((t) => t.event),
		).toEqual(['authorization', 'capture']);
		const again = await runNode(emulator, orderParams('capture', id), [{}], {
			onError: 'continueRegularOutput',
		});
		expect(json(again.out[0])[0].details).toMatchObject({
			reason: 'invalid_request',
			httpStatus: 422,
			orderId: id,
		});
	});
});
