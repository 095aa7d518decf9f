import type { Emulator, StoreEvent } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { withEmulator } from '../helpers/setup';
import { call, mintPat, pay } from '../helpers/http';
import { CHECKOUT_ADDRESS } from '../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const CONFLICT =
	'The request cannot be processed due to a possible conflict. Please review the changes and try again.';
const INCLUDE = '?include=consignments.available_shipping_options';

async function newCart(body: Record<string, unknown> = {}) {
	const r = await call(emulator, 'POST', '/v3/carts', {
		body: {
			customer_id: 1,
			line_items: [
				{ product_id: 101, quantity: 2 },
				{ product_id: 102, quantity: 1, option_selections: [{ option_id: 7, option_value: 'M' }] },
			],
			custom_items: [{ sku: 'GIFT-WRAP', name: 'Gift wrap', quantity: 1, list_price: 3 }],
			channel_id: 1,
			currency: { code: 'USD' },
			...body,
		},
	});
	expect(r.status).toBe(201);
	return r.body.data;
}

/** Cart → billing → one consignment → cheapest option: a checkout ready to become an order. */
async function readyCheckout() {
	const cart = await newCart();
	const id = cart.id;
	await call(emulator, 'POST', `/v3/checkouts/${id}/billing-address`, { body: CHECKOUT_ADDRESS });
	const physical = cart.line_items.physical_items.map((i: { id: string; quantity: number }) => ({
		item_id: i.id,
		quantity: i.quantity,
	}));
	const added = await call(emulator, 'POST', `/v3/checkouts/${id}/consignments${INCLUDE}`, {
		body: [{ address: CHECKOUT_ADDRESS, line_items: physical }],
	});
	const consignment = added.body.data.consignments[0];
	const cheapest = consignment.available_shipping_options[0];
	await call(emulator, 'PUT', `/v3/checkouts/${id}/consignments/${consignment.id}`, {
		body: { shipping_option_id: cheapest.id },
	});
	return { id, cart, consignment, cheapest };
}

describe('carts (POST/GET /v3/carts)', () => {
	test('201 {data: Cart, meta}: physical and custom items, amounts, version', async () => {
		const cart = await newCart();
		expect(cart).toMatchObject({
			customer_id: 1,
			channel_id: 1,
			email: 'ada@example.com',
			currency: { code: 'USD' },
			base_amount: 67.98,
			cart_amount: 67.98,
			version: 1,
		});
		expect(cart.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(cart.line_items.physical_items).toEqual([
			expect.objectContaining({
				product_id: 101,
				quantity: 2,
				list_price: 19.99,
				extended_list_price: 39.98,
			}),
			expect.objectContaining({
				product_id: 102,
				options: [{ name: 'Size', nameId: 7, value: 'M', valueId: 2 }],
			}),
		]);
		expect(cart.line_items.custom_items).toEqual([
			{
				id: expect.any(String),
				sku: 'GIFT-WRAP',
				name: 'Gift wrap',
				quantity: 1,
				list_price: 3,
				extended_list_price: 3,
			},
		]);
		const got = await call(emulator, 'GET', `/v3/carts/${cart.id}`);
		expect(got.body).toEqual({ data: cart, meta: {} });
	});

	test('the cart 4xx BigCommerce documents', async () => {
		const post = (body: unknown) => call(emulator, 'POST', '/v3/carts', { body });
		expect((await post({ customer_id: 1 })).body).toMatchObject({
			status: 422,
			title: 'Missing line_items in request body',
		});
		expect((await post({ line_items: [{ product_id: 102, quantity: 1 }] })).body.title).toBe(
			'This product has options; variant ID is required',
		);
		expect(
			(await post({ line_items: [{ product_id: 102, quantity: 1, variant_id: 55 }] })).status,
		).toBe(201);
		expect(
			(
				await post({
					line_items: [
						{
							product_id: 102,
							quantity: 1,
							option_selections: [{ option_id: 7, option_value: '' }],
						},
					],
				})
			).body.title,
		).toBe('Please create some text for the API option');
		const tooMany = await post({ line_items: [{ product_id: 103, quantity: 11 }] });
		expect(tooMany.body).toMatchObject({
			status: 409,
			title: 'You can only purchase a maximum of 10 of the Punched Card Set per order',
		});
		expect((await post({ line_items: [{ product_id: 999, quantity: 1 }] })).status).toBe(422);
		expect(
			(await call(emulator, 'GET', '/v3/carts/00000000-0000-0000-0000-000000000000')).status,
		).toBe(404);
	});

	test('scopes: a token without store_cart is refused', async () => {
		const r = await call(emulator, 'POST', '/v3/carts', {
			token: 'payments-only-token',
			body: { line_items: [{ product_id: 101, quantity: 1 }] },
		});
		expect(r.status).toBe(403);
	});
});

describe('checkouts (server to server)', () => {
	test('billing address, consignment with shipping options, selection, order: the whole sequence', async () => {
		const cart = await newCart();
		const id = cart.id;
		const billing = await call(emulator, 'POST', `/v3/checkouts/${id}/billing-address`, {
			body: CHECKOUT_ADDRESS,
		});
		expect(billing.status).toBe(200);
		expect(billing.body.data).toMatchObject({
			id,
			order_id: null,
			version: 2,
			billing_address: { email: 'ada@example.com', country_code: 'US', country: 'United States' },
			cart: { id, customer_id: 1, cart_amount_inc_tax: 67.98 },
		});
		const items = [...cart.line_items.physical_items, ...cart.line_items.custom_items].map(
			(i: { id: string; quantity: number }) => ({ item_id: i.id, quantity: i.quantity }),
		);
		const without = await call(emulator, 'POST', `/v3/checkouts/${id}/consignments`, {
			body: [{ address: CHECKOUT_ADDRESS, line_items: items.slice(0, 1) }],
		});
		// Options are only listed when the include asks for them.
		expect(without.body.data.consignments[0]).not.toHaveProperty('available_shipping_options');
		const added = await call(emulator, 'POST', `/v3/checkouts/${id}/consignments${INCLUDE}`, {
			body: [{ address: { ...CHECKOUT_ADDRESS, country_code: 'CA' }, line_items: items.slice(1) }],
		});
		expect(added.status).toBe(200);
		const [home, abroad] = added.body.data.consignments;
		expect(home.available_shipping_options.map((o: { cost: number }) => o.cost)).toEqual([5, 15]);
		expect(abroad.available_shipping_options).toEqual([
			{
				id: expect.stringMatching(/^[0-9a-f]{32}$/),
				type: 'shipping_flatrate',
				description: 'International Flat Rate',
				image_url: '',
				cost: 25,
				transit_time: '7-14 business days',
				additional_description: '',
			},
		]);
		const early = await call(emulator, 'POST', `/v3/checkouts/${id}/orders`);
		expect(early).toMatchObject({ status: 422, body: { status: 422 } });
		for (const [c, pick] of [
			[home, 1],
			[abroad, 0],
		] as const) {
			const put = await call(
				emulator,
				'PUT',
				`/v3/checkouts/${id}/consignments/${c.id}${INCLUDE}`,
				{
					body: { shipping_option_id: c.available_shipping_options[pick].id },
				},
			);
			expect(put.status).toBe(200);
		}
		const checkout = (await call(emulator, 'GET', `/v3/checkouts/${id}`)).body.data;
		expect(checkout).toMatchObject({
			shipping_cost_total_inc_tax: 40,
			subtotal_inc_tax: 67.98,
			grand_total: 107.98,
			version: 6,
		});
		expect(checkout.consignments[0].selected_shipping_option).toMatchObject({ cost: 15 });

		const made = await call(emulator, 'POST', `/v3/checkouts/${id}/orders`);
		expect(made.status).toBe(200);
		expect(made.body).toEqual({ data: { id: expect.any(Number) }, meta: {} });
		const orderId = made.body.data.id;
		const order = (await call(emulator, 'GET', `/v2/orders/${orderId}`)).body;
		expect(order).toMatchObject({
			status_id: 0,
			status: 'Incomplete',
			customer_id: 1,
			cart_id: id,
			order_source: 'checkout_api',
			total_inc_tax: '107.9800',
			shipping_cost_inc_tax: '40.0000',
			subtotal_inc_tax: '67.9800',
		});
		expect((await call(emulator, 'GET', `/v3/checkouts/${id}`)).body.data.order_id).toBe(
			String(orderId),
		);
	});

	test('each order call makes another order; paying one converts the cart', async () => {
		const { id } = await readyCheckout();
		const events: StoreEvent[] = [];
		const off = emulator.events.on((e) => events.push(e));
		try {
			const first = (await call(emulator, 'POST', `/v3/checkouts/${id}/orders`)).body.data.id;
			const second = (await call(emulator, 'POST', `/v3/checkouts/${id}/orders`)).body.data.id;
			expect(second).toBeGreaterThan(first);
			expect((await call(emulator, 'GET', `/v3/checkouts/${id}`)).body.data.order_id).toBe(
				String(second),
			);
			const methods = await call(emulator, 'GET', `/v3/payments/methods?checkout_id=${id}`);
			expect(methods.body.data[0].stored_instruments[0].token).toBe(TOKENS.adaVisa);
			const paid = await pay(emulator, await mintPat(emulator, second), {
				payment_method_id: 'stripe.card',
				instrument: { type: 'stored_card', token: TOKENS.adaVisa, verification_value: '123' },
			});
			expect(paid.status).toBe(201);
			expect(events.find((e) => e.scope === 'store/cart/converted')?.data).toEqual({
				type: 'cart',
				id,
				orderId: second,
			});
			expect((await call(emulator, 'GET', `/v3/carts/${id}`)).status).toBe(404);
			expect((await call(emulator, 'GET', `/v3/checkouts/${id}`)).status).toBe(404);
			// A write to a cart that is gone is BigCommerce's 500.
			expect((await call(emulator, 'POST', `/v3/checkouts/${id}/orders`)).status).toBe(500);
		} finally {
			off();
		}
	});

	test('version conflicts are 409; an expired cart is 500 on write and 404 on read', async () => {
		const { id, consignment, cheapest } = await readyCheckout();
		const stale = await call(emulator, 'POST', `/v3/checkouts/${id}/billing-address`, {
			body: { ...CHECKOUT_ADDRESS, version: 1 },
		});
		expect(stale).toMatchObject({ status: 409, body: { status: 409, title: CONFLICT } });
		const current = (await call(emulator, 'GET', `/v3/checkouts/${id}`)).body.data.version;
		const fresh = await call(
			emulator,
			'PUT',
			`/v3/checkouts/${id}/consignments/${consignment.id}`,
			{
				body: { shipping_option_id: cheapest.id, version: current },
			},
		);
		expect(fresh.status).toBe(200);
		const both = await call(emulator, 'PUT', `/v3/checkouts/${id}/consignments/${consignment.id}`, {
			body: { shipping_option_id: cheapest.id, address: CHECKOUT_ADDRESS },
		});
		expect(both.status).toBe(422);
		emulator.clock.advance(31 * 24 * 3600 * 1000);
		expect(
			(
				await call(emulator, 'POST', `/v3/checkouts/${id}/billing-address`, {
					body: CHECKOUT_ADDRESS,
				})
			).body,
		).toMatchObject({
			status: 500,
		});
		expect((await call(emulator, 'GET', `/v3/checkouts/${id}`)).status).toBe(404);
		const unknown = '11111111-2222-3333-4444-555555555555';
		expect((await call(emulator, 'POST', `/v3/checkouts/${unknown}/orders`)).status).toBe(500);
	});

	test('consignment errors: missing address fields, unknown item, item twice', async () => {
		const cart = await newCart();
		const item = cart.line_items.physical_items[0];
		const post = (body: unknown) =>
			call(emulator, 'POST', `/v3/checkouts/${cart.id}/consignments`, { body });
		expect((await post({ address: CHECKOUT_ADDRESS })).status).toBe(422);
		const noZip = { ...CHECKOUT_ADDRESS, postal_code: undefined };
		expect(
			(await post([{ address: noZip, line_items: [{ item_id: item.id, quantity: 1 }] }])).body
				.title,
		).toMatch(/postal_code/);
		expect(
			(await post([{ address: CHECKOUT_ADDRESS, line_items: [{ item_id: 'nope', quantity: 1 }] }]))
				.status,
		).toBe(422);
		expect(
			(await post([{ address: CHECKOUT_ADDRESS, line_items: [{ item_id: item.id, quantity: 2 }] }]))
				.status,
		).toBe(200);
		expect(
			(await post([{ address: CHECKOUT_ADDRESS, line_items: [{ item_id: item.id, quantity: 2 }] }]))
				.body.title,
		).toMatch(/another consignment/);
	});
});
