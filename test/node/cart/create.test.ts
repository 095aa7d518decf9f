import type { Emulator } from 'bigcommerce-emulator';
import { rl } from '../../helpers/pickers';
import { json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const create = (extra: Record<string, unknown>) => ({
	resource: 'cart',
	operation: 'create',
	...extra,
});

test('catalog products (with option selections), custom items, currency and channel', async () => {
	const run = await runNode(
		emulator,
		create({
			customerId: rl('1'),
			cartItems: {
				products: [
					{ productId: 101, quantity: 2 },
					{ productId: 102, quantity: 1, options: '7=M' },
				],
				customItems: [{ name: 'Gift wrap', sku: 'WRAP', quantity: 1, listPrice: 3 }],
			},
			cartOptions: { currency: 'usd', channelId: 1 },
		}),
	);
	expect(run.error()).toBeUndefined();
	const [cart] = json(run.out[0]);
	expect(cart).toMatchObject({ customer_id: 1, checkoutId: cart.id, currency: { code: 'USD' } });
	const items = cart.line_items as { physical_items: unknown[]; custom_items: unknown[] };
	expect(items.physical_items).toHaveLength(2);
	expect(items.custom_items).toEqual([
		expect.objectContaining({ name: 'Gift wrap', sku: 'WRAP', quantity: 1 }),
	]);
	expect(cart.cart_amount).toBeCloseTo(2 * 19.99 + 25 + 3, 2);
});

test('a guest cart when no customer is chosen', async () => {
	const run = await runNode(
		emulator,
		create({ cartItems: { products: [{ productId: 101, quantity: 1 }] } }),
	);
	expect(json(run.out[0])[0]).toMatchObject({ customer_id: 0 });
});

test.each([
	[{}, /Line Items needs at least one/],
	[{ products: [{ productId: 0, quantity: 1 }] }, /Catalog Product 1 → Product ID/],
	[{ products: [{ productId: 101, quantity: 1, options: 'M' }] }, /Option Selections/],
	[{ customItems: [{ name: '', quantity: 1, listPrice: 1 }] }, /Custom Item 1 → Name/],
])('bad items fail naming the field, and nothing is sent (%#)', async (cartItems, message) => {
	emulator.clearRequests();
	const run = await runNode(emulator, create({ cartItems }), [{}], { continueOnFail: true });
	expect(JSON.stringify(run.out[0][0].json)).toMatch(message);
	expect(emulator.requests().filter((r) => r.path.includes('/carts'))).toHaveLength(0);
});

test("BigCommerce's refusal (a product with options needs them) comes back as the item's error", async () => {
	const run = await runNode(
		emulator,
		create({ cartItems: { products: [{ productId: 102, quantity: 1 }] } }),
		[{}],
		{ continueOnFail: true },
	);
	expect(JSON.stringify(run.out[0][0].json)).toMatch(/variant|option/i);
});
