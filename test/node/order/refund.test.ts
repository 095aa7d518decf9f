import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { orderParams, processParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const payWithDefaultInstrument = (orderId: number) =>
	runNode(emulator, processParams(orderId, { instrumentType: 'default_stored_instrument' }));

describe('Order → Refund', () => {
	test('part, then the rest (amount 0), then nothing is left', async () => {
		const id = await createOrder(emulator, 1, 40);
		await payWithDefaultInstrument(id);
		const part = await runNode(
			emulator,
			orderParams('refund', id, { amount: 15, reason: 'Damaged item' }),
		);
		expect(json(part.out[0])[0]).toMatchObject({
			orderId: id,
			total_amount: 15,
			reason: 'Damaged item',
			// numbers, as BigCommerce's RefundItem / RefundPayment `Amount` types them
			items: [{ item_type: 'ORDER', item_id: id, requested_amount: 15, reason: 'Damaged item' }],
			payments: [expect.objectContaining({ provider_id: 'stripe', amount: 15 })],
		});
		expect(emulator.store().orders.get(id)).toMatchObject({ status_id: 14, refunded_cents: 1500 });
		const rest = await runNode(emulator, orderParams('refund', id));
		expect(json(rest.out[0])[0]).toMatchObject({ total_amount: 25 });
		expect(emulator.store().orders.get(id)).toMatchObject({
			status_id: 4,
			payment_status: 'refunded',
		});
		const none = await runNode(emulator, orderParams('refund', id), [{}], {
			onError: 'continueRegularOutput',
		});
		expect(json(none.out[0])[0].details).toMatchObject({ reason: 'nothing_to_refund' });
		const tooMuch = await createOrder(emulator, 1, 10);
		await payWithDefaultInstrument(tooMuch);
		const over = await runNode(emulator, orderParams('refund', tooMuch, { amount: 11 }), [{}], {
			onError: 'continueRegularOutput',
		});
		expect(json(over.out[0])[0].details).toMatchObject({
			httpStatus: 422,
			message: expect.stringMatching(/exceeds/),
		});
		expect(emulator.store().orders.get(tooMuch)?.refunded_cents).toBe(0);
	});

	test('a refund whose answer is lost is not sent again', async () => {
		const id = await createOrder(emulator, 1, 40);
		await payWithDefaultInstrument(id);
		emulator.addFault({
			route: 'POST /v3/orders/*/payment_actions/refunds',
			kind: 'commitThenDrop',
			times: 1,
		});
		const run = await runNode(emulator, orderParams('refund', id, { amount: 5 }), [{}], {
			onError: 'continueRegularOutput',
		});
		// read back: the refund that was made is reported, not left unknown
		expect(json(run.out[0])[0]).toMatchObject({
			orderId: id,
			reconciled: true,
			total_amount: 5,
			items: [expect.objectContaining({ requested_amount: 5 })],
		});
		expect(
			emulator.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/refunds')),
		).toHaveLength(1);
		expect(emulator.store().orders.get(id)?.refunded_cents).toBe(500);
	});
});
