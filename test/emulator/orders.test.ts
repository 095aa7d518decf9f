import type { Emulator } from 'bigcommerce-emulator';
import { ADDRESS, withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('orders (v2)', () => {
	test('create returns a v2 order with string money, RFC-2822 dates and link objects', async () => {
		const r = await call(emulator, 'POST', '/v2/orders', {
			body: {
				status_id: 0,
				customer_id: 1,
				billing_address: ADDRESS,
				products: [
					{ name: 'A', quantity: 2, price_inc_tax: 10.5, price_ex_tax: 10 },
					{ product_id: 102, quantity: 1, product_options: [{ id: 7, value: 'M' }] },
				],
			},
		});
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({
			status_id: 0,
			status: 'Incomplete',
			customer_id: 1,
			total_inc_tax: '46.0000',
			total_ex_tax: '45.0000',
			items_total: 3,
		});
		expect(r.body.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
		expect(r.body.products).toEqual({
			url: expect.stringContaining(`/orders/${r.body.id}/products`),
			resource: `/orders/${r.body.id}/products`,
		});
		const got = await call(emulator, 'GET', `/v2/orders/${r.body.id}`);
		expect(got.body.id).toBe(r.body.id);
		const list = await call(emulator, 'GET', '/v2/orders?customer_id=1');
		expect(list.body.map((o: { id: number }) => o.id)).toEqual([r.body.id]);
		const products = await call(emulator, 'GET', `/v2/orders/${r.body.id}/products`);
		expect(products.body).toHaveLength(2);
	});

	test('status defaults to Pending (1) when omitted', async () => {
		const r = await call(emulator, 'POST', '/v2/orders', {
			body: {
				billing_address: ADDRESS,
				products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }],
			},
		});
		expect(r.body.status_id).toBe(1);
	});

	test.each([
		[
			{ products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }] },
			/billing_address/,
		],
		[{ billing_address: ADDRESS, products: [] }, /products/],
		[
			{
				billing_address: ADDRESS,
				products: [{ name: 'A', quantity: 0, price_inc_tax: 1, price_ex_tax: 1 }],
			},
			/quantity/,
		],
		[
			{ billing_address: ADDRESS, products: [{ name: 'A', quantity: 1, price_inc_tax: 1 }] },
			/price_ex_tax/,
		],
		[{ billing_address: ADDRESS, products: [{ product_id: 999, quantity: 1 }] }, /999/],
		[{ billing_address: ADDRESS, products: [{ product_id: 102, quantity: 1 }] }, /product_options/],
		[
			{
				billing_address: ADDRESS,
				customer_id: 77,
				products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }],
			},
			/customer/,
		],
		[
			{
				billing_address: ADDRESS,
				item_total: 5,
				products: [{ name: 'A', quantity: 1, price_inc_tax: 1, price_ex_tax: 1 }],
			},
			/cannot be written/,
		],
	])('invalid body %# → 400 v2 array', async (body, message) => {
		const r = await call(emulator, 'POST', '/v2/orders', { body });
		expect(r.status).toBe(400);
		expect(r.body).toEqual([{ status: 400, message: expect.stringMatching(message) }]);
	});

	test('missing order is a v2 404; empty list is 204', async () => {
		const r = await call(emulator, 'GET', '/v2/orders/9999');
		expect(r).toMatchObject({ status: 404, body: [{ status: 404, message: expect.any(String) }] });
		const list = await call(emulator, 'GET', '/v2/orders?status_id=13');
		expect(list.status).toBe(204);
	});
});
