import type { Emulator, StoreEvent } from 'bigcommerce-emulator';
import { withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';
import type { SchemaName } from '../helpers/metafieldSchemas';
import { violations } from '../helpers/metafieldSchemas';

/**
 * Order metafields against BigCommerce's Orders v3 spec: every endpoint, the 409 on a duplicate,
 * the 250 limit, batches that succeed in part, filters, scopes, and every answer checked against
 * our own schemas of the spec's shapes.
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			// A second API account with write access: uniqueness and visibility are per account.
			seed: (s) => ({
				...s,
				tokens: [
					...s.tokens,
					{ token: 'other-app-token', clientId: 'other-app', scopes: ['store_v2_orders'] },
				],
			}),
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const field = (extra: Record<string, unknown> = {}) => ({
	permission_set: 'app_only',
	namespace: 'n8n',
	key: 'claim',
	value: 'execution-1',
	...extra,
});

/** The answer, after checking its body against the spec's schema for it. */
async function expectShape(
	answer: Promise<Awaited<ReturnType<typeof call>>>,
	status: number,
	schema: SchemaName,
) {
	const a = await answer;
	expect({ status: a.status, violations: violations(schema, a.body) }).toEqual({
		status,
		violations: [],
	});
	expect(a.headers.get('content-type')).toBe('application/json');
	return a;
}

const post = (orderId: number, body: unknown, token?: string) =>
	call(emulator, 'POST', `/v3/orders/${orderId}/metafields`, { body, token });

describe('the schemas', () => {
	test('they refuse what the spec does not allow, so a passing answer means something', async () => {
		const good = (await post(100, field())).body;
		expect(violations('single', good)).toEqual([]);
		const broken: Array<[string, unknown]> = [
			['a string id', { ...good, data: { ...good.data, id: String(good.data.id) } }],
			['a string resource_id', { ...good, data: { ...good.data, resource_id: '100' } }],
			['another resource_type', { ...good, data: { ...good.data, resource_type: 'cart' } }],
			[
				'a permission_set outside the enum',
				{ ...good, data: { ...good.data, permission_set: 'x' } },
			],
			['a date that is no date-time', { ...good, data: { ...good.data, date_created: 'today' } }],
			['no meta', { data: good.data }],
			['a field the spec does not name', { ...good, data: { ...good.data, extra: 1 } }],
			['a bare metafield', good.data],
		];
		for (const [name, body] of broken)
			expect({ name, failed: violations('single', body).length > 0 }).toEqual({
				name,
				failed: true,
			});
		expect(violations('collection', { data: [good.data], meta: {} })).not.toEqual([]);
		expect(violations('batchWritten', { data: [], errors: [{}], meta: {} })).not.toEqual([]);
		expect(violations('notFound', { status: 404, title: 't', type: 't', errors: {} })).not.toEqual(
			[],
		);
	});
});

describe('one order’s metafields', () => {
	test('POST answers 200 with the metafield; ids grow store-wide in creation order', async () => {
		const before = Math.floor(emulator.clock.now() / 1000) * 1000;
		const a = await expectShape(post(100, field({ description: 'who pays' })), 200, 'single');
		const created = Date.parse(a.body.data.date_created);
		expect(created).toBeGreaterThanOrEqual(before);
		expect(created).toBeLessThanOrEqual(emulator.clock.now());
		expect(a.body).toEqual({
			data: {
				id: 1,
				permission_set: 'app_only',
				namespace: 'n8n',
				key: 'claim',
				value: 'execution-1',
				description: 'who pays',
				resource_type: 'order',
				resource_id: 100,
				date_created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
				date_modified: a.body.data.date_created,
				owner_client_id: 'sandbox-client',
			},
			meta: {},
		});
		const b = await expectShape(post(200, field()), 200, 'single');
		const c = await expectShape(post(100, field({ key: 'other' })), 200, 'single');
		expect([b.body.data.id, c.body.data.id]).toEqual([2, 3]);
		// Without a description the metafield has an empty one.
		expect(b.body.data.description).toBe('');
	});

	test('GET one, GET the list; another order’s or an unknown id is the spec’s 404', async () => {
		const made = (await post(100, field())).body.data;
		await post(101, field());
		const one = await expectShape(
			call(emulator, 'GET', `/v3/orders/100/metafields/${made.id}`),
			200,
			'single',
		);
		expect(one.body.data).toEqual(made);
		const list = await expectShape(
			call(emulator, 'GET', '/v3/orders/100/metafields'),
			200,
			'collection',
		);
		expect(list.body.data).toEqual([made]);
		expect(list.body.meta.pagination).toEqual({
			total: 1,
			count: 1,
			per_page: 50,
			current_page: 1,
			total_pages: 1,
			links: { current: '?page=1&limit=50' },
		});
		await expectShape(
			call(emulator, 'GET', `/v3/orders/101/metafields/${made.id}`),
			404,
			'notFound',
		);
		await expectShape(call(emulator, 'GET', '/v3/orders/100/metafields/999'), 404, 'notFound');
		// The order is not looked up (BigCommerce's metafields service does not): an empty list.
		const none = await expectShape(
			call(emulator, 'GET', '/v3/orders/555/metafields'),
			200,
			'collection',
		);
		expect(none.body.data).toEqual([]);
	});

	test('PUT replaces the fields and moves date_modified; all four fields are required', async () => {
		const made = (await post(100, field({ description: 'd' }))).body.data;
		emulator.clock.advance(60_000);
		const put = await expectShape(
			call(emulator, 'PUT', `/v3/orders/100/metafields/${made.id}`, {
				body: field({ value: 'execution-2', permission_set: 'read' }),
			}),
			200,
			'single',
		);
		expect(put.body.data).toMatchObject({
			id: made.id,
			value: 'execution-2',
			permission_set: 'read',
			description: 'd',
			date_created: made.date_created,
		});
		// The clock moved a minute; dates have whole seconds, and real time may cross one in between.
		const moved = Date.parse(put.body.data.date_modified) - Date.parse(made.date_created);
		expect([60_000, 61_000]).toContain(moved);
		const partial = await expectShape(
			call(emulator, 'PUT', `/v3/orders/100/metafields/${made.id}`, { body: { value: 'x' } }),
			422,
			'error',
		);
		expect(Object.keys(partial.body.errors).sort()).toEqual(['key', 'namespace', 'permission_set']);
		await expectShape(
			call(emulator, 'PUT', `/v3/orders/100/metafields/999`, { body: field() }),
			404,
			'notFound',
		);
	});

	test('DELETE answers 204 with no body; again it is 404', async () => {
		const made = (await post(100, field())).body.data;
		const del = await call(emulator, 'DELETE', `/v3/orders/100/metafields/${made.id}`);
		expect(del.status).toBe(204);
		expect(del.body).toBeUndefined();
		await expectShape(
			call(emulator, 'DELETE', `/v3/orders/100/metafields/${made.id}`),
			404,
			'notFound',
		);
		expect((await call(emulator, 'GET', '/v3/orders/100/metafields')).body.data).toEqual([]);
	});
});

describe('the 409: one metafield per API account, namespace, key and order', () => {
	test('a duplicate is 409 with BigCommerce’s error shape, and nothing changes', async () => {
		const first = (await post(100, field())).body.data;
		const again = await expectShape(post(100, field({ value: 'execution-2' })), 409, 'error');
		expect(again.body).toMatchObject({ status: 409, errors: {} });
		expect(again.body.title).toMatch(/namespace "n8n" and key "claim" already exists on order 100/);
		const list = (await call(emulator, 'GET', '/v3/orders/100/metafields')).body.data;
		expect(list).toEqual([first]);
	});

	test('another order, namespace, key or API account is no duplicate', async () => {
		await post(100, field());
		expect((await post(101, field())).status).toBe(200);
		expect((await post(100, field({ namespace: 'other' }))).status).toBe(200);
		expect((await post(100, field({ key: 'other' }))).status).toBe(200);
		const other = await post(100, field(), 'other-app-token');
		expect(other.status).toBe(200);
		expect(other.body.data.owner_client_id).toBe('other-app');
	});

	test('a deleted metafield frees its key; a PUT onto a taken key is 409 too', async () => {
		const a = (await post(100, field())).body.data;
		await call(emulator, 'DELETE', `/v3/orders/100/metafields/${a.id}`);
		const b = (await post(100, field())).body.data;
		expect(b.id).toBeGreaterThan(a.id);
		const c = (await post(100, field({ key: 'other' }))).body.data;
		await expectShape(
			call(emulator, 'PUT', `/v3/orders/100/metafields/${c.id}`, { body: field() }),
			409,
			'error',
		);
	});

	test('of many creates at once for one key, exactly one succeeds', async () => {
		const answers = await Promise.all(
			Array.from({ length: 8 }, (_, i) => post(100, field({ value: `execution-${i}` }))),
		);
		expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
	});
});

describe('the limit: 250 metafields per order per API account', () => {
	const many = (orderId: number, n: number, from = 0) =>
		Array.from({ length: n }, (_, i) => ({
			...field({ key: `k${from + i}` }),
			resource_id: orderId,
		}));

	test('the 251st is refused with 422 (the spec gives no status); others still may', async () => {
		const made = await expectShape(
			call(emulator, 'POST', '/v3/orders/metafields', { body: many(100, 250) }),
			200,
			'batchWritten',
		);
		expect(made.body.meta).toEqual({ total: 250, success: 250, failed: 0 });
		const over = await expectShape(post(100, field({ key: 'k250' })), 422, 'error');
		expect(over.body.title).toMatch(/250/);
		expect((await post(101, field({ key: 'k250' }))).status).toBe(200);
		expect((await post(100, field({ key: 'k250' }), 'other-app-token')).status).toBe(200);
		// Deleting one makes room again.
		await call(emulator, 'DELETE', `/v3/orders/100/metafields/${made.body.data[0].id}`);
		expect((await post(100, field({ key: 'k250' }))).status).toBe(200);
	});

	test('in a batch the items past the limit fail and the others are made', async () => {
		const r = await expectShape(
			call(emulator, 'POST', '/v3/orders/metafields', { body: many(100, 252) }),
			422,
			'batchWrittenInPart',
		);
		expect(r.body.meta).toEqual({ total: 252, success: 250, failed: 2 });
		expect(r.body.errors.map((e: { errors: object }) => Object.keys(e.errors))).toEqual([
			['250'],
			['251'],
		]);
	});
});

describe('batches: not atomic, partial success is a 422 with data and errors', () => {
	test('POST: the good items are made, each bad one is an error keyed by its position', async () => {
		await post(100, field({ key: 'taken' }));
		const r = await expectShape(
			call(emulator, 'POST', '/v3/orders/metafields', {
				body: [
					{ ...field({ key: 'a' }), resource_id: 100 },
					{ ...field({ key: 'taken' }), resource_id: 100 },
					{ ...field({ key: 'b', value: '' }), resource_id: 100 },
					{ ...field({ key: 'a' }), resource_id: 101 },
					field({ key: 'c' }),
				],
			}),
			422,
			'batchWrittenInPart',
		);
		expect(
			r.body.data.map((m: { key: string; resource_id: number }) => [m.resource_id, m.key]),
		).toEqual([
			[100, 'a'],
			[101, 'a'],
		]);
		expect(r.body.meta).toEqual({ total: 5, success: 2, failed: 3 });
		expect(
			r.body.errors.map((e: { status: number; errors: object }) => [
				e.status,
				Object.keys(e.errors),
			]),
		).toEqual([
			[409, ['1']],
			[422, ['2']],
			[422, ['4']],
		]);
		expect(r.body.errors[0].errors['1']).toMatch(/already exists/);
		expect(r.body.errors[1].errors['2']).toMatch(/value/);
		const onOrder = (await call(emulator, 'GET', '/v3/orders/100/metafields')).body.data;
		expect(onOrder.map((m: { key: string }) => m.key)).toEqual(['taken', 'a']);
	});

	test('POST: a duplicate within one batch is refused like any other', async () => {
		const r = await call(emulator, 'POST', '/v3/orders/metafields', {
			body: [
				{ ...field(), resource_id: 100 },
				{ ...field(), resource_id: 100 },
			],
		});
		expect(r.status).toBe(422);
		expect(r.body.data).toHaveLength(1);
		expect(r.body.errors[0].status).toBe(409);
	});

	test('PUT: 200 when every item is updated, 422 in part when one is unknown', async () => {
		const a = (await post(100, field({ key: 'a' }))).body.data;
		const b = (await post(101, field({ key: 'b' }))).body.data;
		const all = await expectShape(
			call(emulator, 'PUT', '/v3/orders/metafields', {
				body: [
					{ ...field({ key: 'a', value: 'v2' }), id: a.id },
					{ ...field({ key: 'b', value: 'v2' }), id: b.id },
				],
			}),
			200,
			'batchWritten',
		);
		expect(all.body.data.map((m: { value: string }) => m.value)).toEqual(['v2', 'v2']);
		const part = await expectShape(
			call(emulator, 'PUT', '/v3/orders/metafields', {
				body: [
					{ ...field({ key: 'a', value: 'v3' }), id: 999 },
					{ ...field({ key: 'a', value: 'v3' }), id: a.id },
				],
			}),
			422,
			'batchWrittenInPart',
		);
		expect(part.body.data.map((m: { id: number }) => m.id)).toEqual([a.id]);
		expect(part.body.errors).toEqual([
			expect.objectContaining({ status: 404, errors: { '0': expect.any(String) } }),
		]);
	});

	test('DELETE: the ids deleted; unknown ones are errors', async () => {
		const a = (await post(100, field({ key: 'a' }))).body.data;
		const b = (await post(100, field({ key: 'b' }))).body.data;
		const part = await expectShape(
			call(emulator, 'DELETE', '/v3/orders/metafields', { body: [a.id, 999] }),
			422,
			'batchDeletedInPart',
		);
		expect(part.body).toMatchObject({ data: [a.id], meta: { total: 2, success: 1, failed: 1 } });
		expect(part.body.errors[0]).toMatchObject({ status: 404, errors: { '1': expect.any(String) } });
		const all = await expectShape(
			call(emulator, 'DELETE', '/v3/orders/metafields', { body: [b.id] }),
			200,
			'batchDeleted',
		);
		expect(all.body).toEqual({
			data: [b.id],
			errors: [],
			meta: { total: 1, success: 1, failed: 0 },
		});
	});

	test('a body that is no array is the spec’s 400', async () => {
		for (const method of ['POST', 'PUT', 'DELETE'])
			await expectShape(
				call(emulator, method, '/v3/orders/metafields', { body: field() }),
				400,
				'badRequest',
			);
	});
});

describe('filters and pages', () => {
	async function seed() {
		await call(emulator, 'POST', '/v3/orders/metafields', {
			body: [
				{ ...field({ namespace: 'n8n', key: 'claim' }), resource_id: 100 },
				{ ...field({ namespace: 'n8n', key: 'note' }), resource_id: 100 },
				{ ...field({ namespace: 'crm', key: 'claim' }), resource_id: 100 },
				{ ...field({ namespace: 'n8n', key: 'claim' }), resource_id: 101 },
				{ ...field({ namespace: 'erp', key: 'ref' }), resource_id: 102 },
			],
		});
	}
	const keys = (body: { data: { resource_id: number; namespace: string; key: string }[] }) =>
		body.data.map((m) => `${m.resource_id}/${m.namespace}/${m.key}`);

	test.each<{ name: string; path: string; found: string[] }>([
		{
			name: 'batch: everything, by id',
			path: '/v3/orders/metafields',
			found: ['100/n8n/claim', '100/n8n/note', '100/crm/claim', '101/n8n/claim', '102/erp/ref'],
		},
		{
			name: 'batch: namespace and key',
			path: '/v3/orders/metafields?namespace=n8n&key=claim',
			found: ['100/n8n/claim', '101/n8n/claim'],
		},
		{
			name: 'batch: key:in',
			path: '/v3/orders/metafields?key:in=note,ref',
			found: ['100/n8n/note', '102/erp/ref'],
		},
		{
			name: 'batch: namespace:in, newest first',
			path: '/v3/orders/metafields?namespace:in=crm,erp&direction=desc',
			found: ['102/erp/ref', '100/crm/claim'],
		},
		{
			name: 'one order: namespace',
			path: '/v3/orders/100/metafields?namespace=n8n',
			found: ['100/n8n/claim', '100/n8n/note'],
		},
		{
			name: 'one order: key, descending',
			path: '/v3/orders/100/metafields?key=claim&direction=desc',
			found: ['100/crm/claim', '100/n8n/claim'],
		},
		{ name: 'nothing matches', path: '/v3/orders/metafields?key=nope', found: [] },
	])('$name', async ({ path, found }) => {
		await seed();
		const r = await expectShape(call(emulator, 'GET', path), 200, 'collection');
		expect(keys(r.body)).toEqual(found);
		expect(r.body.meta.pagination.total).toBe(found.length);
	});

	test('pages: limit, page, the links; include_fields narrows each metafield', async () => {
		await seed();
		const page2 = await expectShape(
			call(emulator, 'GET', '/v3/orders/metafields?limit=2&page=2'),
			200,
			'collection',
		);
		expect(keys(page2.body)).toEqual(['100/crm/claim', '101/n8n/claim']);
		expect(page2.body.meta.pagination).toEqual({
			total: 5,
			count: 2,
			per_page: 2,
			current_page: 2,
			total_pages: 3,
			links: { previous: '?page=1&limit=2', current: '?page=2&limit=2', next: '?page=3&limit=2' },
		});
		const narrow = await call(
			emulator,
			'GET',
			'/v3/orders/100/metafields?include_fields=key,value',
		);
		expect(narrow.body.data[0]).toEqual({ id: 1, key: 'claim', value: 'execution-1' });
		await expectShape(
			call(emulator, 'GET', '/v3/orders/metafields?direction=sideways'),
			400,
			'badRequest',
		);
	});
});

describe('scopes and API accounts', () => {
	test('payments-only-token: 403 on reads and writes; read-only-token: reads only', async () => {
		const made = (await post(100, field({ permission_set: 'read' }))).body.data;
		const routes: Array<[string, string, unknown?]> = [
			['GET', '/v3/orders/100/metafields'],
			['GET', `/v3/orders/100/metafields/${made.id}`],
			['GET', '/v3/orders/metafields'],
			['POST', '/v3/orders/100/metafields', field({ key: 'x' })],
			['PUT', `/v3/orders/100/metafields/${made.id}`, field({ permission_set: 'read' })],
			['DELETE', `/v3/orders/100/metafields/${made.id}`],
			['POST', '/v3/orders/metafields', [{ ...field({ key: 'y' }), resource_id: 100 }]],
			['PUT', '/v3/orders/metafields', [{ ...field({ permission_set: 'read' }), id: made.id }]],
			['DELETE', '/v3/orders/metafields', [made.id]],
		];
		for (const [method, path, body] of routes) {
			const paymentsOnly = await call(emulator, method, path, {
				body,
				token: 'payments-only-token',
			});
			expect({ method, path, status: paymentsOnly.status }).toEqual({ method, path, status: 403 });
			expect(paymentsOnly.body.title).toMatch(/store_v2_orders/);
			const readOnly = await call(emulator, method, path, { body, token: 'read-only-token' });
			expect({ method, path, status: readOnly.status }).toEqual({
				method,
				path,
				status: method === 'GET' ? 200 : 403,
			});
		}
	});

	test('app_only is private to its API account; read is visible to others but not writable', async () => {
		const secret = (await post(100, field({ key: 'secret' }))).body.data;
		const shown = (await post(100, field({ key: 'shown', permission_set: 'read' }))).body.data;
		const asOther = { token: 'other-app-token' };
		const listed = await call(emulator, 'GET', '/v3/orders/100/metafields', asOther);
		expect(listed.body.data.map((m: { key: string }) => m.key)).toEqual(['shown']);
		expect(
			(await call(emulator, 'GET', `/v3/orders/100/metafields/${secret.id}`, asOther)).status,
		).toBe(404);
		const put = await call(emulator, 'PUT', `/v3/orders/100/metafields/${shown.id}`, {
			...asOther,
			body: field({ key: 'shown', permission_set: 'read', value: 'x' }),
		});
		expect(put.status).toBe(403);
		expect(
			(await call(emulator, 'DELETE', `/v3/orders/100/metafields/${shown.id}`, asOther)).status,
		).toBe(403);
	});

	test('write lets another account change the value but not the namespace, key or permission set', async () => {
		const open = (await post(100, field({ permission_set: 'write' }))).body.data;
		const asOther = { token: 'other-app-token' };
		const value = await call(emulator, 'PUT', `/v3/orders/100/metafields/${open.id}`, {
			...asOther,
			body: field({ permission_set: 'write', value: 'changed' }),
		});
		expect(value.status).toBe(200);
		expect(value.body.data).toMatchObject({ value: 'changed', owner_client_id: 'sandbox-client' });
		const key = await call(emulator, 'PUT', `/v3/orders/100/metafields/${open.id}`, {
			...asOther,
			body: field({ permission_set: 'write', key: 'renamed' }),
		});
		expect(key.status).toBe(403);
	});
});

describe('field rules (MetafieldBase_Post)', () => {
	test.each<{ name: string; body: Record<string, unknown>; invalid: string[] }>([
		{ name: 'nothing', body: {}, invalid: ['key', 'namespace', 'permission_set', 'value'] },
		{
			name: 'a permission_set outside the enum',
			body: field({ permission_set: 'public' }),
			invalid: ['permission_set'],
		},
		{ name: 'an empty namespace', body: field({ namespace: '' }), invalid: ['namespace'] },
		{ name: 'a 65-character key', body: field({ key: 'k'.repeat(65) }), invalid: ['key'] },
		{ name: 'an empty value', body: field({ value: '' }), invalid: ['value'] },
		{ name: 'a value of 65536', body: field({ value: 'v'.repeat(65536) }), invalid: ['value'] },
		{
			name: 'a description of 256',
			body: field({ description: 'd'.repeat(256) }),
			invalid: ['description'],
		},
		{ name: 'a number for a value', body: field({ value: 7 }), invalid: ['value'] },
	])('$name is 422 naming the fields', async ({ body, invalid }) => {
		const r = await expectShape(post(100, body), 422, 'error');
		expect(Object.keys(r.body.errors).sort()).toEqual(invalid);
	});

	test('the longest allowed of each is accepted', async () => {
		const r = await post(
			100,
			field({
				namespace: 'n'.repeat(64),
				key: 'k'.repeat(64),
				value: 'v'.repeat(65535),
				description: 'd'.repeat(255),
			}),
		);
		expect(r.status).toBe(200);
	});
});

describe('events, faults and rate limits', () => {
	test('store/order/metafield/created, updated and deleted, with the documented data', async () => {
		const seen: StoreEvent[] = [];
		const off = emulator.events.on((e) => seen.push(e));
		try {
			const made = (await post(100, field())).body.data;
			await call(emulator, 'PUT', `/v3/orders/100/metafields/${made.id}`, {
				body: field({ value: 'v2' }),
			});
			await call(emulator, 'DELETE', `/v3/orders/100/metafields/${made.id}`);
			const data = { metafield_id: made.id, resource_id: '100', namespace: 'n8n' };
			expect(seen.map((e) => [e.scope, e.data])).toEqual([
				['store/order/metafield/created', data],
				['store/order/metafield/updated', data],
				['store/order/metafield/deleted', data],
			]);
		} finally {
			off();
		}
	});

	test('a fault on the route answers instead, and nothing is made', async () => {
		emulator.addFault({
			route: 'POST /v3/orders/*/metafields',
			kind: 'status',
			status: 503,
			times: 1,
		});
		expect((await post(100, field())).status).toBe(503);
		expect((await call(emulator, 'GET', '/v3/orders/metafields')).body.data).toEqual([]);
		emulator.addFault({ route: 'POST /v3/orders/*/metafields', kind: 'commitThenDrop', times: 1 });
		await expect(post(100, field())).rejects.toThrow();
		// The answer was lost but the metafield exists: what a client must read back.
		expect((await call(emulator, 'GET', '/v3/orders/100/metafields')).body.data).toHaveLength(1);
	});

	test('the management rate limit counts them', async () => {
		const limited = await withEmulator({
			rateLimits: { management: { windowMs: 60_000, quota: 2 } },
		});
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 3; i++)
				statuses.push((await call(limited, 'GET', '/v3/orders/metafields')).status);
			expect(statuses).toEqual([200, 200, 429]);
		} finally {
			await limited.stop();
		}
	});
});
