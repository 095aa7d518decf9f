import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('capture and void', () => {
	test('authorize-only gateway records an authorization that capture completes; void cancels', async () => {
		const id = await createOrder(emulator, 1);
		const r = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'authorizenet.card',
			instrument: card('4242424242424242'),
		});
		expect(r.body.data.transaction_type).toBe('authorization');
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status).toBe(
			'authorized',
		);
		const cap = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/capture`);
		expect(cap.status).toBe(201);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status).toBe('captured');
		expect((await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/capture`)).status).toBe(
			422,
		);
		const other = await createOrder(emulator, 1);
		await pay(emulator, await mintPat(emulator, other), {
			payment_method_id: 'authorizenet.card',
			instrument: card('4242424242424242'),
		});
		expect((await call(emulator, 'POST', `/v3/orders/${other}/payment_actions/void`)).status).toBe(
			201,
		);
		expect((await call(emulator, 'GET', `/v2/orders/${other}`)).body.payment_status).toBe('void');
	});
});

describe('capture and void settle later', () => {
	const settings = (body: unknown) =>
		fetch(`${emulator.url}/__emulator/settings`, { method: 'POST', body: JSON.stringify(body) });

	test('capture pending / void pending until settleDelayMs of emulator time has passed', async () => {
		await settings({ settleDelayMs: 60_000 });
		const a = await createOrder(emulator, 1);
		const b = await createOrder(emulator, 1);
		for (const id of [a, b])
			await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'authorizenet.card',
				instrument: card('4242424242424242'),
			});
		const status = async (id: number) =>
			(await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status;
		expect((await call(emulator, 'POST', `/v3/orders/${a}/payment_actions/capture`)).status).toBe(
			201,
		);
		expect((await call(emulator, 'POST', `/v3/orders/${b}/payment_actions/void`)).status).toBe(201);
		expect(await status(a)).toBe('capture pending');
		expect(await status(b)).toBe('void pending');
		// Nothing more can be done to a payment that is still settling.
		expect((await call(emulator, 'POST', `/v3/orders/${a}/payment_actions/capture`)).status).toBe(
			422,
		);
		expect((await call(emulator, 'POST', `/v3/orders/${a}/payment_actions/void`)).status).toBe(422);
		emulator.clock.advance(30_000);
		expect(await status(a)).toBe('capture pending');
		emulator.clock.advance(30_000);
		expect(await status(a)).toBe('captured');
		expect(await status(b)).toBe('void');
		const list = await call(emulator, 'GET', `/v2/orders?customer_id=1`);
		expect(list.body.map((o: { payment_status: string }) => o.payment_status)).toEqual([
			'captured',
			'void',
		]);
	});

	test('the setting is readable, and a reset goes back to settling at the next read', async () => {
		await settings({ settleDelayMs: 1000 });
		const read = (await (await fetch(`${emulator.url}/__emulator/settings`)).json()) as {
			settings: { settleDelayMs: number };
		};
		expect(read.settings.settleDelayMs).toBe(1000);
		emulator.reset();
		const id = await createOrder(emulator, 1);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'authorizenet.card',
			instrument: card('4242424242424242'),
		});
		await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/capture`);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.payment_status).toBe('captured');
	});
});
