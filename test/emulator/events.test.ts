import type { Emulator, StoreEvent } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
let seen: StoreEvent[];
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.reset();
	seen = [];
});

describe('store events (the hook point a webhook deliverer listens on)', () => {
	test('order created, paid (status 0 → 11, transaction), refunded, in webhook data shapes', async () => {
		const off = emulator.events.on((e) => seen.push(e));
		try {
			const id = await createOrder(emulator, 1, 20);
			await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111'),
			});
			await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
				body: {
					items: [{ item_type: 'ORDER', item_id: id, amount: 5 }],
					payments: [{ provider_id: 'stripe', amount: 5, offline: false }],
				},
			});
			const scopes = seen.map((e) => e.scope);
			expect(scopes).toEqual([
				'store/order/created',
				'store/order/transaction/created',
				'store/order/statusUpdated',
				'store/order/updated',
				'store/order/transaction/created',
				'store/order/statusUpdated',
				'store/order/updated',
				'store/order/refund/created',
			]);
			expect(seen[0].data).toEqual({ type: 'order', id });
			expect(seen[1].data).toMatchObject({
				type: 'transaction',
				order_id: String(id),
				transaction_id: expect.any(String),
				transaction_type: 'purchase',
				result: { type: 'success' },
			});
			expect(seen[2].data).toEqual({
				type: 'order',
				id,
				status: { previous_status_id: 0, new_status_id: 11 },
			});
			expect(seen[7].data).toEqual({ type: 'order', id, refund: { refund_id: 1 } });
			expect(typeof seen[0].at).toBe('number');
		} finally {
			off();
		}
		await createOrder(emulator, 1);
		expect(seen.filter((e) => e.scope === 'store/order/created')).toHaveLength(1);
	});

	test('listeners survive a reset; a throwing listener does not break the request', async () => {
		const off = emulator.events.on((e) => seen.push(e));
		const offBad = emulator.events.on(() => {
			throw new Error('listener failure');
		});
		try {
			await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
			await createOrder(emulator, 1);
			expect(seen.map((e) => e.scope)).toEqual(['store/order/created']);
			const log = (await (await fetch(`${emulator.url}/__emulator/events`)).json()) as {
				events: StoreEvent[];
			};
			expect(log.events.map((e) => e.scope)).toEqual(['store/order/created']);
		} finally {
			off();
			offBad();
		}
	});

	test('the first saved card becomes the default and says so', async () => {
		const off = emulator.events.on((e) => seen.push(e));
		try {
			const id = await createOrder(emulator, 4);
			await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				save_instrument: true,
				instrument: card('5555555555554444'),
			});
			expect(seen.find((e) => e.scope.includes('instrument'))).toEqual({
				scope: 'store/customer/payment/instrument/default/updated',
				data: { type: 'customer', id: 4 },
				at: expect.any(Number),
			});
		} finally {
			off();
		}
	});
});

describe('admin: making a stored instrument the default', () => {
	test('moves is_default and announces it once', async () => {
		const off = emulator.events.on((e) => seen.push(e));
		try {
			const url = `${emulator.url}/__emulator/customers/1/instruments/${TOKENS.adaMastercard}`;
			const r = await fetch(url, { method: 'PATCH', body: JSON.stringify({ isDefault: true }) });
			expect(r.status).toBe(200);
			await fetch(url, { method: 'PATCH', body: JSON.stringify({ isDefault: true }) });
			const list = await call(emulator, 'GET', '/v3/customers/1/stored-instruments');
			const defaults = list.body.filter((i: { is_default: boolean }) => i.is_default);
			expect(defaults.map((i: { token: string }) => i.token)).toEqual([TOKENS.adaMastercard]);
			expect(seen.map((e) => e.scope)).toEqual([
				'store/customer/payment/instrument/default/updated',
			]);
			const missing = await fetch(`${emulator.url}/__emulator/customers/1/instruments/nope`, {
				method: 'PATCH',
				body: JSON.stringify({ isDefault: true }),
			});
			expect(missing.status).toBe(404);
		} finally {
			off();
		}
	});
});
