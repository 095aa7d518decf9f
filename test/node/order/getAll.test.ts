import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
// No rate limit: more orders than one management window allows are made for the paging test.
beforeAll(
	async () =>
		(emulator = await withEmulator({
			rateLimits: { management: { quota: 100_000, windowMs: 30_000 } },
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const getMany = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'getAll',
	...extra,
});

const orderPages = () =>
	emulator.requests().filter((r) => r.method === 'GET' && /\/v2\/orders(\?|$)/.test(r.path)).length;

test('Return All follows V2 pages (250 each) to the end', async () => {
	const ids: number[] = [];
	for (let n = 0; n < 260; n++) ids.push(await createOrder(emulator, 1, 5));
	emulator.clearRequests();
	const run = await runNode(emulator, getMany({ returnAll: true }));
	expect(run.error()).toBeUndefined();
	expect(json(run.out[0]).map((o) => o.id)).toEqual(ids);
	expect(orderPages()).toBe(2);
});

test('Limit stops at the limit, across a page boundary', async () => {
	for (let n = 0; n < 255; n++) await createOrder(emulator, 1, 5);
	const run = await runNode(emulator, getMany({ returnAll: false, limit: 252 }));
	expect(run.out[0]).toHaveLength(252);
	const small = await runNode(emulator, getMany({ returnAll: false, limit: 3 }));
	expect(small.out[0]).toHaveLength(3);
});

test('filters by customer, email, status, totals and dates; sorts', async () => {
	const a = await createOrder(emulator, 1, 10);
	const b = await createOrder(emulator, 2, 40, {
		billing_address: {
			first_name: 'Grace',
			last_name: 'Hopper',
			email: 'grace@example.com',
			country_iso2: 'US',
			zip: '10001',
		},
	});
	const c = await createOrder(emulator, 1, 70, { status_id: 11 });
	const ids = async (filters: Record<string, unknown>, sort: Record<string, unknown> = {}) =>
		json((await runNode(emulator, getMany({ returnAll: true, filters, sort }))).out[0]).map(
			(o) => o.id,
		);
	expect(await ids({ customer_id: 1 })).toEqual([a, c]);
	expect(await ids({ email: 'grace@example.com' })).toEqual([b]);
	expect(await ids({ status_id: 0 })).toEqual([a, b]);
	expect(await ids({ status_id: 11 })).toEqual([c]);
	expect(await ids({ min_total: 30, max_total: 50 })).toEqual([b]);
	expect(await ids({ min_date_created: '2000-01-01T00:00:00.000Z' })).toEqual([a, b, c]);
	expect(await ids({ max_date_created: '2000-01-01T00:00:00.000Z' })).toEqual([]);
	expect(await ids({}, { field: 'id', direction: 'desc' })).toEqual([c, b, a]);
});

test('no match is an empty result, not an error (BigCommerce answers 204)', async () => {
	const run = await runNode(emulator, getMany({ returnAll: true, filters: { customer_id: 999 } }));
	expect(run.error()).toBeUndefined();
	expect(run.out[0]).toEqual([]);
});

test('a bad Limit fails naming the field, and nothing is sent', async () => {
	emulator.clearRequests();
	const run = await runNode(emulator, getMany({ returnAll: false, limit: 0 }), [{}], {
		continueOnFail: true,
	});
	expect(JSON.stringify(run.out[0][0].json)).toMatch(/Limit/);
	expect(orderPages()).toBe(0);
});
