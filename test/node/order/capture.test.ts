import type { Emulator } from 'bigcommerce-emulator';
import { authorizeOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { orderParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Order → Capture Payment', () => {
	test('completes an authorization; a second one answers with the order, as a repeat', async () => {
		const id = await authorizeOrder(emulator);
		const run = await runNode(emulator, orderParams('capture', id));
		expect(json(run.out[0])[0]).toMatchObject({
			orderId: id,
			action: 'capture',
			paymentStatus: 'captured',
			statusId: 11,
			repeat: false,
		});
		const again = await runNode(emulator, orderParams('capture', id));
		expect(json(again.out[0])[0]).toMatchObject({
			orderId: id,
			action: 'capture',
			paymentStatus: 'captured',
			repeat: true,
		});
		// BigCommerce refused the second one; only one capture exists
		expect(
			emulator
				.store()
				.orders.get(id)
				?.transactions.map((t) => t.event),
		).toEqual(['authorization', 'capture']);
	});

	test('a capture of a voided authorization fails with the fields of any error', async () => {
		const id = await authorizeOrder(emulator);
		await runNode(emulator, orderParams('void', id));
		const capture = await runNode(emulator, orderParams('capture', id), [{}], {
			onError: 'continueRegularOutput',
		});
		expect(json(capture.out[0])[0].details).toMatchObject({
			reason: 'invalid_request',
			httpStatus: 422,
			orderId: id,
		});
	});
});
