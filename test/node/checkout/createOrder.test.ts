import type { Emulator } from 'bigcommerce-emulator';
import { call } from '../../helpers/http';
import { json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const SHIP = {
	first_name: 'Ada',
	last_name: 'Lovelace',
	email: 'ada@example.com',
	address1: '1 Main St',
	city: 'Austin',
	state_or_province: 'Texas',
	country_code: 'US',
	postal_code: '78701',
};

/** A checkout ready to become an order, made straight through the API. */
async function readyCheckout(): Promise<string> {
	const cart = (
		await call(emulator, 'POST', '/v3/carts', {
			body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 1 }] },
		})
	).body.data;
	await call(emulator, 'POST', `/v3/checkouts/${cart.id}/billing-address`, { body: SHIP });
	const added = await call(
		emulator,
		'POST',
		`/v3/checkouts/${cart.id}/consignments?include=consignments.available_shipping_options`,
		{
			body: [
				{
					address: SHIP,
					line_items: cart.line_items.physical_items.map((i: { id: string }) => ({
						item_id: i.id,
						quantity: 1,
					})),
				},
			],
		},
	);
	const c = added.body.data.consignments[0];
	await call(emulator, 'PUT', `/v3/checkouts/${cart.id}/consignments/${c.id}`, {
		body: { shipping_option_id: c.available_shipping_options[0].id },
	});
	return cart.id;
}

const createOrder = (checkoutId: string, settings = {}) =>
	runNode(emulator, { resource: 'checkout', operation: 'createOrder', checkoutId }, [{}], settings);
const orderPosts = () =>
	emulator.requests().filter((r) => r.method === 'POST' && /\/orders$/.test(r.path)).length;
const ordersMade = () => emulator.store().orders.size;

test('a checkout that already has an order answers with it (existing: true), making no second', async () => {
	const id = await readyCheckout();
	const first = json((await createOrder(id)).out[0])[0];
	expect(first).toMatchObject({ existing: false });
	const before = ordersMade();
	emulator.clearRequests();
	const again = json((await createOrder(id)).out[0])[0];
	expect(again).toMatchObject({ orderId: first.orderId, existing: true, status: 'Incomplete' });
	expect(orderPosts()).toBe(0);
	expect(ordersMade()).toBe(before);
});

test('a lost answer is settled by reading the checkout: one order, found, never asked twice', async () => {
	const id = await readyCheckout();
	const before = ordersMade();
	emulator.addFault({ route: 'POST /v3/checkouts/*/orders', kind: 'commitThenDrop' });
	emulator.clearRequests();
	const run = await createOrder(id);
	expect(run.error()).toBeUndefined();
	const [out] = json(run.out[0]);
	expect(ordersMade()).toBe(before + 1);
	expect(orderPosts()).toBe(1);
	const made = (await call(emulator, 'GET', `/v3/checkouts/${id}`)).body.data.order_id;
	expect(out).toMatchObject({ orderId: Number(made), existing: false, recovered: true });
});

test('a lost answer that made nothing stays outcome_unknown, and is not repeated', async () => {
	const id = await readyCheckout();
	const before = ordersMade();
	emulator.addFault({ route: 'POST /v3/checkouts/*/orders', kind: 'reset' });
	emulator.clearRequests();
	const run = await createOrder(id, { continueOnFail: true });
	expect(JSON.stringify(run.out[0][0].json)).toMatch(/outcome_unknown/);
	expect(orderPosts()).toBe(1);
	expect(ordersMade()).toBe(before);
});

test("a checkout that is not ready gets BigCommerce's refusal, and no order", async () => {
	const cart = (
		await call(emulator, 'POST', '/v3/carts', {
			body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 1 }] },
		})
	).body.data;
	const before = ordersMade();
	const run = await createOrder(cart.id, { continueOnFail: true });
	expect(run.out[0][0].json.error).toBeDefined();
	expect(ordersMade()).toBe(before);
});
