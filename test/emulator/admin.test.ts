import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('faults and inspection', () => {
	test('commit-then-drop: the charge is recorded, the connection drops', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await mintPat(emulator, id);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
		await expect(
			pay(emulator, pat, {
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111'),
			}),
		).rejects.toThrow();
		expect(emulator.charges(id)).toHaveLength(1);
		expect(emulator.requests().at(-1)).toMatchObject({ path: '/payments', status: 'dropped' });
	});

	test('reset before processing charges nothing; 5xx and latency by route', async () => {
		const id = await createOrder(emulator, 1);
		emulator.addFault({ route: 'POST /payments', kind: 'reset', times: 1 });
		await expect(
			pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111'),
			}),
		).rejects.toThrow();
		expect(emulator.charges(id)).toHaveLength(0);
		emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 503, times: 1 });
		const failed = await call(emulator, 'GET', `/v2/orders/${id}`);
		expect(failed).toMatchObject({ status: 503, body: [{ status: 503 }] });
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).status).toBe(200);
		emulator.addFault({ route: 'GET /v2/time', kind: 'latency', latencyMs: 150, times: 1 });
		const started = Date.now();
		await call(emulator, 'GET', '/v2/time');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	test('admin endpoints over HTTP: faults, clock, charges, requests with masked cards, reset', async () => {
		const admin = (method: string, path: string, body?: unknown) =>
			fetch(`${emulator.url}/__emulator${path}`, {
				method,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		await admin('POST', '/faults', {
			route: 'GET /v2/time',
			kind: 'status',
			status: 500,
			times: 1,
		});
		expect((await call(emulator, 'GET', '/v2/time')).status).toBe(500);
		const id = await createOrder(emulator, 1);
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4242424242424242'),
		});
		const charges = (await (await admin('GET', '/charges')).json()) as { charges: unknown[] };
		expect(charges.charges).toHaveLength(1);
		const requests = (await (await admin('GET', '/requests')).json()) as {
			requests: { path: string; body?: { payment?: { instrument?: Record<string, string> } } }[];
		};
		const paid = requests.requests.find((r) => r.path === '/payments');
		expect(paid?.body?.payment?.instrument).toMatchObject({
			number: '**** 4242',
			verification_value: '***',
		});
		const clock = (await (
			await admin('POST', '/clock', { now: '2031-01-01T00:00:00Z' })
		).json()) as { now: string };
		// the clock keeps running from the time it was set to
		expect(Date.parse(clock.now) - Date.parse('2031-01-01T00:00:00Z')).toBeLessThan(1000);
		expect(
			(await call(emulator, 'GET', '/v2/time')).body.time -
				Date.parse('2031-01-01T00:00:00Z') / 1000,
		).toBeLessThanOrEqual(1);
		await admin('POST', '/reset');
		expect(emulator.store().orders.size).toBe(0);
	});

	test('admin seed replaces parts of the seed and resets', async () => {
		const admin = (method: string, path: string, body?: unknown) =>
			fetch(`${emulator.url}/__emulator${path}`, {
				method,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		const seed = (await (await admin('GET', '/seed')).json()) as { giftCertificates: unknown[] };
		expect(seed.giftCertificates).toHaveLength(3);
		await admin('POST', '/seed', {
			giftCertificates: [{ code: 'ONLY-ONE', balance: 5, status: 'active' }],
		});
		expect([...emulator.store().giftCertificates.keys()]).toEqual(['ONLY-ONE']);
		expect(emulator.store().customers.size).toBe(5);
		await admin('POST', '/seed', {});
		expect(emulator.store().giftCertificates.size).toBe(3);
	});

	test('a seed with another store hash moves emulator.storeHash with it', async () => {
		await fetch(`${emulator.url}/__emulator/seed`, {
			method: 'POST',
			body: JSON.stringify({ storeHash: 'otherstore' }),
		});
		expect(emulator.storeHash).toBe('otherstore');
		expect((await call(emulator, 'GET', '/v2/time')).status).toBe(200);
		const old = await fetch(`${emulator.url}/stores/sandbox/v2/time`, {
			headers: { 'X-Auth-Token': 'sandbox-token' },
		});
		expect(old.status).toBe(404);
		await fetch(`${emulator.url}/__emulator/seed`, { method: 'POST', body: '{}' });
		expect(emulator.storeHash).toBe('sandbox');
	});
});
