import type { Emulator } from 'bigcommerce-emulator';
import { ADDRESS, createOrder, withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const ids = (body: { id: number }[]) => body.map((o) => o.id);

describe('external_id and external_order_id', () => {
	test('external_id is set on create and refused on update with BigCommerce’s words', async () => {
		const id = await createOrder(emulator, 1, 10, { external_id: 'deal-42' });
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body).toMatchObject({
			external_id: 'deal-42',
			external_order_id: '',
			is_deleted: false,
		});
		const put = await call(emulator, 'PUT', `/v2/orders/${id}`, {
			body: { external_id: 'other', staff_notes: 'x' },
		});
		expect(put).toMatchObject({
			status: 400,
			body: [
				{
					status: 400,
					message:
						"The field 'external_id' cannot be written to. Please remove it from your request before trying again.",
				},
			],
		});
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body).toMatchObject({
			external_id: 'deal-42',
			staff_notes: '',
		});
		const bad = await call(emulator, 'POST', '/v2/orders', {
			body: {
				billing_address: ADDRESS,
				external_id: 42,
				products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }],
			},
		});
		expect(bad.body).toEqual([{ status: 400, message: "The field 'external_id' is invalid." }]);
	});

	test('external_order_id can be changed and is a list filter', async () => {
		const id = await createOrder(emulator, 1, 10, { external_order_id: 'crm-1' });
		await createOrder(emulator, 1, 10, { external_order_id: 'crm-2' });
		const put = await call(emulator, 'PUT', `/v2/orders/${id}`, {
			body: { external_order_id: 'crm-9' },
		});
		expect(put.body.external_order_id).toBe('crm-9');
		const found = await call(emulator, 'GET', '/v2/orders?external_order_id=crm-9');
		expect(ids(found.body)).toEqual([id]);
	});
});

describe('GET /v2/orders filters, sort and paging', () => {
	test('customer, email, status, totals, dates; sort; pages; 204 past the end; count', async () => {
		const start = emulator.clock.now();
		const a = await createOrder(emulator, 1, 10);
		emulator.clock.advance(60_000);
		const b = await createOrder(emulator, 2, 20, { status_id: 1 });
		emulator.clock.advance(60_000);
		const c = await createOrder(emulator, 0, 30, {
			billing_address: { ...ADDRESS, email: 'Guest@Example.com' },
		});
		emulator.clock.advance(60_000);
		const d = await createOrder(emulator, 1, 40);
		const get = async (query: string) => call(emulator, 'GET', `/v2/orders?${query}`);

		expect(ids((await get('customer_id=1')).body)).toEqual([a, d]);
		expect(ids((await get('email=guest@example.com')).body)).toEqual([c]);
		expect(ids((await get('status_id=0')).body)).toEqual([a, c, d]);
		expect(ids((await get('min_total=20&max_total=30.00')).body)).toEqual([b, c]);
		const after = new Date(start + 90_000).toISOString();
		expect(ids((await get(`min_date_created=${encodeURIComponent(after)}`)).body)).toEqual([c, d]);
		const rfc = new Date(start + 90_000).toUTCString().replace('GMT', '+0000');
		expect(ids((await get(`max_date_created=${encodeURIComponent(rfc)}`)).body)).toEqual([a, b]);
		expect(ids((await get('sort=id:desc')).body)).toEqual([d, c, b, a]);
		expect(ids((await get('sort=date_created:asc&customer_id=1')).body)).toEqual([a, d]);
		expect(ids((await get('sort=status_id:desc')).body)).toEqual([b, a, c, d]);
		expect(ids((await get('limit=2&page=1')).body)).toEqual([a, b]);
		expect(ids((await get('limit=2&page=2')).body)).toEqual([c, d]);
		const past = await get('limit=2&page=3');
		expect(past.status).toBe(204);
		expect(past.body).toBeUndefined();
		expect((await get('sort=total:asc')).status).toBe(400);
		expect((await get('min_date_created=yesterday')).body).toEqual([
			{ status: 400, message: "The field 'min_date_created' is invalid." },
		]);

		const count = await call(emulator, 'GET', '/v2/orders/count?customer_id=1');
		expect(count.status).toBe(200);
		expect(count.body.count).toBe(2);
		expect(count.body.statuses.find((s: { id: number }) => s.id === 0)).toMatchObject({
			name: 'Incomplete',
			count: 2,
		});
	});
});

describe('archiving an order', () => {
	test('DELETE archives: 204, still readable with is_deleted, gone from lists and counts, no PAT', async () => {
		const kept = await createOrder(emulator, 1);
		const gone = await createOrder(emulator, 1);
		const del = await call(emulator, 'DELETE', `/v2/orders/${gone}`);
		expect(del.status).toBe(204);
		expect((await call(emulator, 'GET', `/v2/orders/${gone}`)).body).toMatchObject({
			id: gone,
			is_deleted: true,
		});
		expect(ids((await call(emulator, 'GET', '/v2/orders')).body)).toEqual([kept]);
		expect((await call(emulator, 'GET', '/v2/orders/count')).body.count).toBe(1);
		const pat = await call(emulator, 'POST', '/v3/payments/access_tokens', {
			body: { order: { id: gone } },
		});
		expect(pat.body).toMatchObject({ status: 422, code: 30101 });
		expect((await call(emulator, 'DELETE', '/v2/orders/9999')).status).toBe(404);
		expect(
			(await call(emulator, 'DELETE', `/v2/orders/${kept}`, { token: 'read-only-token' })).status,
		).toBe(403);
	});

	test('PUT is_deleted: true does the same', async () => {
		const id = await createOrder(emulator, 1);
		const put = await call(emulator, 'PUT', `/v2/orders/${id}`, { body: { is_deleted: true } });
		expect(put.body.is_deleted).toBe(true);
		expect((await call(emulator, 'GET', '/v2/orders')).status).toBe(204);
	});
});

describe('listIncomplete: whether lists without status_id show Incomplete orders', () => {
	const settings = async (body: unknown) =>
		await fetch(`${emulator.url}/__emulator/settings`, {
			method: 'POST',
			body: JSON.stringify(body),
		});
	const statusRow = (count: { statuses: { id: number; count: number }[] }, id: number) =>
		count.statuses.find((s) => s.id === id)?.count;

	test('true (the default): every order is listed and counted', async () => {
		const incomplete = await createOrder(emulator, 1);
		const pending = await createOrder(emulator, 1, 10, { status_id: 1 });
		expect(ids((await call(emulator, 'GET', '/v2/orders')).body)).toEqual([incomplete, pending]);
		expect((await call(emulator, 'GET', '/v2/orders/count')).body.count).toBe(2);
	});

	test('false: left out without status_id, found with status_id=0; the count total follows the list', async () => {
		await settings({ listIncomplete: false });
		const incomplete = await createOrder(emulator, 1);
		const pending = await createOrder(emulator, 1, 10, { status_id: 1 });
		const other = await createOrder(emulator, 2);
		const list = async (query = '') => await call(emulator, 'GET', `/v2/orders${query}`);
		expect(ids((await list()).body)).toEqual([pending]);
		expect(ids((await list('?customer_id=1')).body)).toEqual([pending]);
		expect(ids((await list('?status_id=0')).body)).toEqual([incomplete, other]);
		expect(ids((await list('?status_id=0&customer_id=1')).body)).toEqual([incomplete]);
		expect(ids((await list('?status_id=1')).body)).toEqual([pending]);
		// Nothing but Incomplete orders matches: the empty page BigCommerce answers with 204.
		expect((await list('?customer_id=2')).status).toBe(204);
		// Each order is still there to read and to pay.
		expect((await call(emulator, 'GET', `/v2/orders/${incomplete}`)).body.status_id).toBe(0);

		const count = (await call(emulator, 'GET', '/v2/orders/count')).body;
		expect(count.count).toBe(1);
		expect(statusRow(count, 0)).toBe(2);
		expect(statusRow(count, 1)).toBe(1);
		expect((await call(emulator, 'GET', '/v2/orders/count?status_id=0')).body.count).toBe(2);
	});

	test('a reset goes back to the default; a value that is no setting is refused', async () => {
		await settings({ listIncomplete: false });
		emulator.reset();
		const id = await createOrder(emulator, 1);
		expect(ids((await call(emulator, 'GET', '/v2/orders')).body)).toEqual([id]);
		const bad = await settings({ listIncomplete: 'no' });
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ error: 'listIncomplete cannot be "no"' });
		expect(ids((await call(emulator, 'GET', '/v2/orders')).body)).toEqual([id]);
	});

	test('startEmulator({ settings }) sets it from the start and reset keeps it', async () => {
		const own = await withEmulator({ settings: { listIncomplete: false } });
		try {
			await createOrder(own, 1);
			expect((await call(own, 'GET', '/v2/orders')).status).toBe(204);
			own.reset();
			await createOrder(own, 1);
			expect((await call(own, 'GET', '/v2/orders')).status).toBe(204);
		} finally {
			await own.stop();
		}
		await expect(
			withEmulator({ settings: { listIncomplete: 'no' as unknown as boolean } }),
		).rejects.toThrow('listIncomplete cannot be "no"');
	});
});
