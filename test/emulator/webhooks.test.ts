import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Emulator } from 'bigcommerce-emulator';
import { startEmulator } from 'bigcommerce-emulator';
import { createOrder } from '../helpers/setup';
import { call } from '../helpers/http';

interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

/** A destination on loopback that answers with the next status in `answers` (200 once they run out). */
class Destination {
	received: Received[] = [];
	answers: number[] = [];
	url = '';
	private server?: Server;

	async start() {
		this.server = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				this.received.push({ headers: req.headers, body });
				res.statusCode = this.answers.shift() ?? 200;
				res.end();
			});
		});
		await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
		this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
	}

	async stop() {
		await new Promise((r) => this.server?.close(r));
	}
}

let emulator: Emulator;
const destination = new Destination();
beforeAll(async () => {
	emulator = await startEmulator({ webhooks: { retryScheduleMs: [20, 20] } });
	await destination.start();
});
afterAll(async () => {
	await emulator.stop();
	await destination.stop();
});
beforeEach(() => {
	emulator.reset();
	destination.received = [];
	destination.answers = [];
});

async function hook(scope: string, extra: Record<string, unknown> = {}) {
	const answer = await call(emulator, 'POST', '/v3/hooks', {
		body: { scope, destination: destination.url, ...extra },
	});
	expect(answer.status).toBe(200);
	return answer.body.data as { id: number };
}

const admin = async (method: string, path: string, body?: unknown) => {
	const response = await fetch(`${emulator.url}/__emulator${path}`, {
		method,
		headers: body ? { 'Content-Type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
};

/** Standard Webhooks, checked from the spec: HMAC-SHA256(secret UTF-8, `id.timestamp.body`), base64. */
function verify(r: Received, secret: string): boolean {
	const id = String(r.headers['webhook-id']);
	const timestamp = String(r.headers['webhook-timestamp']);
	const expected = createHmac('sha256', secret)
		.update(`${id}.${timestamp}.${r.body}`)
		.digest('base64');
	return String(r.headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

describe('hooks: validation against the docs', () => {
	test('https on 443 only, except http on loopback (the sandbox)', async () => {
		for (const [url, status] of [
			['https://example.com/hook', 200],
			['https://example.com:443/other', 200],
			['https://example.com:8443/hook', 422],
			['http://example.com/hook', 422],
			['http://127.0.0.1:5678/webhook/x', 200],
			['http://localhost:5678/webhook/x', 200],
		] as const) {
			const answer = await call(emulator, 'POST', '/v3/hooks', {
				body: { scope: 'store/order/created', destination: url },
			});
			expect([url, answer.status]).toEqual([url, status]);
		}
	});

	test('GET /v3/hooks filters on is_active, scope and destination', async () => {
		await hook('store/order/created');
		await hook('store/cart/abandoned', { is_active: false });
		const list = async (qs: string) =>
			((await call(emulator, 'GET', `/v3/hooks?${qs}`)).body.data as { scope: string }[]).map(
				(h) => h.scope,
			);
		expect(await list('is_active=false')).toEqual(['store/cart/abandoned']);
		expect(await list('scope=store/order/created')).toEqual(['store/order/created']);
		expect(await list(`destination=${encodeURIComponent(destination.url)}`)).toHaveLength(2);
		expect(await list('destination=https://nowhere.example.com/')).toEqual([]);
	});
});

describe('deliveries', () => {
	test('an order event reaches its hook signed with the account Client Secret, with the hook headers', async () => {
		await hook('store/order/created', { headers: { 'x-custom': 'kept' } });
		const id = await createOrder(emulator, 1, 20);
		await emulator.deliveriesSettled();

		expect(destination.received).toHaveLength(1);
		const [got] = destination.received;
		expect(verify(got, 'sandbox-client-secret')).toBe(true);
		expect(verify(got, 'payments-client-secret')).toBe(false);
		expect(got.headers['x-custom']).toBe('kept');
		expect(got.headers['content-type']).toBe('application/json');
		expect(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
		const body = JSON.parse(got.body);
		expect(body).toEqual({
			scope: 'store/order/created',
			store_id: '1000001',
			data: { type: 'order', id },
			hash: createHash('sha1')
				.update(JSON.stringify({ type: 'order', id }))
				.digest('hex'),
			created_at: expect.any(Number),
			producer: 'stores/sandbox',
		});
		const [record] = emulator.deliveries();
		expect(record).toMatchObject({ state: 'delivered', attempts: [{ attempt: 1, status: 200 }] });
	});

	test('a wildcard hook gets every event under it; an inactive one gets none', async () => {
		const wildcard = await hook('store/order/*');
		await hook('store/order/created', { is_active: false });
		const id = await createOrder(emulator, 1, 20);
		await call(emulator, 'PUT', `/v2/orders/${id}`, { body: { status_id: 11 } });
		await emulator.deliveriesSettled();
		// Every order event the store announced, each through the wildcard hook only.
		const announced = emulator.events
			.log()
			.map((e) => e.scope)
			.filter((scope) => scope.startsWith('store/order/'));
		expect(announced.slice(0, 2)).toEqual(['store/order/created', 'store/order/statusUpdated']);
		expect(announced).toContain('store/order/updated');
		// Deliveries go out concurrently, so they may arrive in another order.
		expect(destination.received.map((r) => JSON.parse(r.body).scope).sort()).toEqual(
			[...announced].sort(),
		);
		expect(emulator.deliveries().every((d) => d.hookId === wildcard.id)).toBe(true);
	});

	test('a failed delivery is retried with the same webhook-id, each attempt signed anew', async () => {
		await hook('store/order/created');
		destination.answers = [500];
		await createOrder(emulator, 1, 20);
		await emulator.deliveriesSettled();
		expect(destination.received).toHaveLength(2);
		const [first, second] = destination.received;
		expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
		expect(second.body).toBe(first.body);
		expect(verify(second, 'sandbox-client-secret')).toBe(true);
		const [record] = emulator.deliveries();
		expect(record.state).toBe('delivered');
		expect(record.attempts.map((a) => a.status)).toEqual([500, 200]);
	});

	test('after the last retry fails, the hook is deactivated and gets nothing more', async () => {
		const { id: hookId } = await hook('store/order/created');
		destination.answers = [500, 503, 500];
		await createOrder(emulator, 1, 20);
		await emulator.deliveriesSettled();
		expect(destination.received).toHaveLength(3);
		const [record] = emulator.deliveries();
		expect(record).toMatchObject({ state: 'failed', hookDeactivated: true });
		expect((await call(emulator, 'GET', `/v3/hooks/${hookId}`)).body.data.is_active).toBe(false);

		await createOrder(emulator, 1, 20);
		await emulator.deliveriesSettled();
		expect(destination.received).toHaveLength(3);
		// Switching it back on, as a trigger's checkExists does, resumes deliveries.
		await call(emulator, 'PUT', `/v3/hooks/${hookId}`, { body: { is_active: true } });
		await createOrder(emulator, 1, 20);
		await emulator.deliveriesSettled();
		expect(destination.received).toHaveLength(4);
	});

	test('a destination that refuses the connection counts as a failure', async () => {
		const closed = new Destination();
		await closed.start();
		await closed.stop();
		await call(emulator, 'POST', '/v3/hooks', {
			body: { scope: 'store/order/created', destination: closed.url },
		});
		await createOrder(emulator, 1, 20);
		await emulator.deliveriesSettled();
		const [record] = emulator.deliveries();
		expect(record.state).toBe('failed');
		expect(record.attempts).toHaveLength(3);
		expect(record.attempts.every((a) => a.status === null && a.error)).toBe(true);
	});

	test('public destinations are recorded but never contacted', async () => {
		await call(emulator, 'POST', '/v3/hooks', {
			body: { scope: 'store/order/created', destination: 'https://example.com/hook' },
		});
		await createOrder(emulator, 1, 20);
		expect(emulator.deliveries()).toEqual([
			expect.objectContaining({ state: 'not sent', attempts: [] }),
		]);
	});

	test('GET /__emulator/deliveries lists deliveries and their answers; DELETE clears them', async () => {
		await hook('store/order/created');
		destination.answers = [404];
		await createOrder(emulator, 1, 20);
		await emulator.deliveriesSettled();
		const listed = await admin('GET', '/deliveries');
		expect(listed.body.deliveries[0].attempts.map((a: { status: number }) => a.status)).toEqual([
			404, 200,
		]);
		expect((await admin('DELETE', '/deliveries')).status).toBe(204);
		expect((await admin('GET', '/deliveries')).body.deliveries).toEqual([]);
	});
});

describe('carts', () => {
	test('a cart made through the API, then abandoned (through /__emulator), delivers both events', async () => {
		await hook('store/cart/*');
		const cart = await call(emulator, 'POST', '/v3/carts', {
			body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 1 }] },
		});
		expect(cart.status).toBe(201);
		const id = cart.body.data.id as string;
		expect((await admin('POST', `/carts/${id}/abandon`)).status).toBe(200);
		expect(
			(await admin('POST', '/carts/00000000-0000-4000-8000-000000000000/abandon')).status,
		).toBe(404);
		await emulator.deliveriesSettled();
		const data = destination.received.map((r) => JSON.parse(r.body));
		expect(data.map((d) => [d.scope, d.data]).sort()).toEqual([
			[
				'store/cart/abandoned',
				{ type: 'cart', id, token: expect.stringMatching(/^[0-9a-f]{32}$/) },
			],
			['store/cart/created', { type: 'cart', id }],
		]);
	});
});

describe('hooks: updates', () => {
	test('PUT keeps to the hook fields, and header values must be strings', async () => {
		const { id } = await hook('store/order/created');
		const put = await call(emulator, 'PUT', `/v3/hooks/${id}`, {
			body: { is_active: false, headers: { 'x-a': 'b' }, unknown: 1 },
		});
		expect(put.status).toBe(200);
		expect(put.body.data).toEqual(
			expect.objectContaining({ is_active: false, headers: { 'x-a': 'b' } }),
		);
		expect(put.body.data).not.toHaveProperty('unknown');
		const bad = await call(emulator, 'POST', '/v3/hooks', {
			body: { scope: 'store/cart/created', destination: destination.url, headers: { n: 1 } },
		});
		expect(bad.status).toBe(422);
	});
});
