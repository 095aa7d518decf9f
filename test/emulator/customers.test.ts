import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const ids = (r: { body: { data: { id: number }[] } }) => r.body.data.map((c) => c.id);

describe('GET /v3/customers (a Customer picker)', () => {
	test('all customers in a {data, meta.pagination} envelope', async () => {
		const r = await call(emulator, 'GET', '/v3/customers');
		expect(r.status).toBe(200);
		expect(ids(r)).toEqual([1, 2, 3, 4, 5]);
		expect(r.body.data[0]).toMatchObject({
			id: 1,
			email: 'ada@example.com',
			first_name: 'Ada',
			last_name: 'Lovelace',
			customer_group_id: 0,
			date_created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});
		expect(r.body.data[0]).not.toHaveProperty('store_credit_amounts');
		expect(r.body.meta.pagination).toMatchObject({ total: 5, count: 5, current_page: 1 });
	});

	test('filters: name:like over first and last name, email:in, id:in, name:in', async () => {
		const get = (q: string) => call(emulator, 'GET', `/v3/customers?${q}`);
		expect(ids(await get('name:like=love'))).toEqual([1]);
		expect(ids(await get('name:like=HOPPER,linus'))).toEqual([2, 3]);
		expect(ids(await get('email:in=grace@example.com,ADA@example.com'))).toEqual([1, 2]);
		expect(ids(await get('id:in=5,3'))).toEqual([3, 5]);
		expect(ids(await get('name:in=ada lovelace'))).toEqual([1]);
		expect((await get('name:like=nobody')).body).toMatchObject({
			data: [],
			meta: { pagination: { total: 0 } },
		});
		expect((await get('id:in=x')).status).toBe(422);
	});

	test('pages a client can follow, sort, store credit on request', async () => {
		const seen: number[] = [];
		let query = '?limit=2&sort=last_name:desc';
		for (;;) {
			const page = await call(emulator, 'GET', `/v3/customers${query}`);
			seen.push(...ids(page));
			const next = page.body.meta.pagination.links.next;
			if (!next) break;
			query = `${next}&sort=last_name:desc`;
		}
		expect(seen).toHaveLength(5);
		const lastNames = (
			await call(emulator, 'GET', '/v3/customers?sort=last_name:desc')
		).body.data.map((c: { last_name: string }) => c.last_name);
		expect(seen).toEqual(
			(await call(emulator, 'GET', '/v3/customers?sort=last_name:desc')).body.data.map(
				(c: { id: number }) => c.id,
			),
		);
		expect([...lastNames].sort().reverse()).toEqual(lastNames);
		const credit = await call(emulator, 'GET', '/v3/customers?id:in=1&include=storecredit');
		expect(credit.body.data[0].store_credit_amounts).toEqual([{ amount: 50 }]);
		expect((await call(emulator, 'GET', '/v3/customers?sort=age:asc')).status).toBe(422);
	});

	test('needs a customers scope', async () => {
		expect(
			(await call(emulator, 'GET', '/v3/customers', { token: 'payments-only-token' })).status,
		).toBe(403);
		expect(
			(await call(emulator, 'GET', '/v3/customers', { token: 'read-only-token' })).status,
		).toBe(200);
	});
});

describe('GET /v3/customers/{id}/stored-instruments', () => {
	test('a bare array by default; wrapped in {data} when the setting says so', async () => {
		const bare = await call(emulator, 'GET', '/v3/customers/1/stored-instruments');
		expect(Array.isArray(bare.body)).toBe(true);
		expect(bare.body[0]).toMatchObject({
			type: 'stored_card',
			token: TOKENS.adaVisa,
			is_default: true,
		});
		await fetch(`${emulator.url}/__emulator/settings`, {
			method: 'POST',
			body: JSON.stringify({ storedInstrumentsEnvelope: 'data' }),
		});
		const wrapped = await call(emulator, 'GET', '/v3/customers/1/stored-instruments');
		expect(wrapped.body).toEqual({ data: bare.body, meta: {} });
		const started = await withEmulator({ settings: { storedInstrumentsEnvelope: 'data' } });
		try {
			expect((await call(started, 'GET', '/v3/customers/1/stored-instruments')).body.data).toEqual(
				bare.body,
			);
		} finally {
			await started.stop();
		}
	});
});
