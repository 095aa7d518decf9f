import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { orderParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Order → Get', () => {
	test('one item per input item with paired items', async () => {
		const a = await createOrder(emulator, 1, 10);
		const b = await createOrder(emulator, 2, 20);
		const run = await runNode(emulator, orderParams('get', '={{ $json.id }}'), [
			{ id: a },
			{ id: b },
		]);
		expect(json(run.out[0]).map((o) => o.total_inc_tax)).toEqual(['10.0000', '20.0000']);
		expect(run.out[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a missing order with Continue On Fail: {error, details}, like any failure', async () => {
		const run = await runNode(emulator, orderParams('get', '424242'), [{}], {
			onError: 'continueRegularOutput',
		});
		const [item] = json(run.out[0]);
		expect(Object.keys(item).sort()).toEqual(['details', 'error']);
		expect(item.error).toMatch(/not found/i);
		expect(item.details).toMatchObject({
			outcome: 'failed',
			code: null,
			reason: 'not_found',
			httpStatus: 404,
			retryable: false,
			orderId: 424242,
		});
	});
});
