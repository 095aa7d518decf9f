import type { Emulator } from '../../emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('refunds', () => {
	test('refund quote then refund; partial then full', async () => {
		const id = await createOrder(emulator, 1, 40);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		const quote = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 15 }] },
		});
		expect(quote.status).toBe(201);
		expect(quote.body.data.refund_methods[0][0]).toMatchObject({
			provider_id: 'stripe.card',
			amount: 15,
		});
		const bad = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 15 }],
				payments: [{ provider_id: 'stripe.card', amount: 14, offline: false }],
			},
		});
		expect(bad.status).toBe(422);
		expect(bad.body.data[0].status).toBe(422);
		const refund = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 15 }],
				payments: [{ provider_id: 'stripe.card', amount: 15, offline: false }],
			},
		});
		expect(refund.status).toBe(201);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body).toMatchObject({
			status_id: 14,
			refunded_amount: '15.0000',
		});
		const over = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'ORDER', item_id: id, amount: 30 }] },
		});
		expect(over.status).toBe(422);
		expect(
			(await call(emulator, 'GET', `/v3/orders/${id}/payment_actions/refunds`)).body.data,
		).toHaveLength(1);
	});
});
