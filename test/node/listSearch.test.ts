import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { openList, rl } from '../helpers/pickers';
import { createOrder, json, runNode, withEmulator } from '../helpers/setup';
import { call } from '../helpers/http';

let emulator: Emulator;
// No rate limit: the setup makes more orders than one window allows.
beforeAll(
	async () =>
		(emulator = await withEmulator({
			rateLimits: { management: { quota: 100_000, windowMs: 30_000 } },
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Order picker', () => {
	test('lists recent Incomplete orders newest first, 50 a page, with the control-panel URL', async () => {
		const ids: number[] = [];
		for (let n = 0; n < 53; n++) ids.push(await createOrder(emulator, 1, 10 + n));
		const shipped = await createOrder(emulator, 1, 99, { status_id: 11 });

		const first = await openList(emulator, {}, 'searchIncompleteOrders');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		expect(first.results[0]).toEqual({
			name: expect.stringMatching(
				new RegExp(`^#${ids[52]} · Ada Lovelace · 62\\.00 USD · Incomplete$`),
			),
			value: String(ids[52]),
			url: `https://store-${emulator.storeHash}.mybigcommerce.com/manage/orders/${ids[52]}`,
		});
		const second = await openList(emulator, {}, 'searchIncompleteOrders', undefined, '2');
		expect(second.results.map((r) => Number(r.value))).toEqual(ids.slice(0, 3).reverse());
		expect(second.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results].map((r) => Number(r.value));
		expect(all).not.toContain(shipped);

		const any = await openList(emulator, {}, 'searchOrders');
		expect(any.results[0].value).toBe(String(shipped));
	});

	test('asks for Incomplete orders by status, so a store whose lists leave them out still shows them', async () => {
		await fetch(`${emulator.url}/__emulator/settings`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ listIncomplete: false }),
		});
		const incomplete = await createOrder(emulator, 1);
		const shipped = await createOrder(emulator, 1, 99, { status_id: 11 });
		const picker = await openList(emulator, {}, 'searchIncompleteOrders');
		expect(picker.results.map((r) => Number(r.value))).toEqual([incomplete]);
		const any = await openList(emulator, {}, 'searchOrders');
		expect(any.results.map((r) => Number(r.value))).toEqual([shipped]);
	});

	test('searches by order id, by email, or by name', async () => {
		const ada = await createOrder(emulator, 1);
		const grace = await createOrder(emulator, 2, 30, {
			billing_address: {
				first_name: 'Grace',
				last_name: 'Hopper',
				email: 'grace@example.com',
				country_iso2: 'US',
				zip: '10001',
			},
		});
		const byId = await openList(emulator, {}, 'searchIncompleteOrders', String(ada));
		expect(byId.results.map((r) => r.value)).toEqual([String(ada)]);
		const byEmail = await openList(emulator, {}, 'searchIncompleteOrders', 'grace@example.com');
		expect(byEmail.results.map((r) => r.value)).toEqual([String(grace)]);
		const byName = await openList(emulator, {}, 'searchIncompleteOrders', 'hopper');
		expect(byName.results.map((r) => r.value)).toEqual([String(grace)]);
	});

	test.each([
		['a plain number (older workflows)', (id: number) => id],
		['a plain string (older workflows)', (id: number) => String(id)],
		['From list', (id: number) => rl(String(id))],
		['By ID', (id: number) => rl(String(id), 'id')],
		[
			'By URL',
			(id: number) => rl(`https://store-abc123.mybigcommerce.com/manage/orders/${id}`, 'url'),
		],
	])('every operation reads the order given as %s', async (_name, shape) => {
		const id = await createOrder(emulator, 1);
		const got = await runNode(emulator, {
			resource: 'order',
			operation: 'get',
			orderId: shape(id),
		});
		expect(run0(got)).toMatchObject({ id, status_id: 0 });
		const methods = await runNode(emulator, {
			resource: 'paymentMethod',
			operation: 'getAll',
			orderId: shape(id),
		});
		expect(json(methods.out[0]).map((m) => m.id)).toContain('stripe.card');
	});

	test('a URL that is not an order page is refused before anything is sent', async () => {
		emulator.clearRequests();
		// typed in the editor: n8n itself refuses to run the workflow
		await expect(
			runNode(emulator, {
				resource: 'order',
				operation: 'get',
				orderId: rl('https://example.com/orders/12', 'url'),
			}),
		).rejects.toThrow(/Not the URL of an order in the BigCommerce control panel/);
		// from an expression: the item fails naming the Order field
		const run = await runNode(
			emulator,
			{
				resource: 'order',
				operation: 'get',
				orderId: rl('={{ $json.link }}', 'url'),
			},
			[{ link: 'https://example.com/orders/12' }],
			{ continueOnFail: true },
		);
		expect(JSON.stringify(run0(run))).toMatch(/Order/);
		expect(emulator.requests().filter((r) => r.path.includes('/orders'))).toHaveLength(0);
	});
});

const run0 = (run: { out: { json: Record<string, unknown> }[][] }) => run.out[0][0].json;

describe('Customer picker', () => {
	test('pages through customers and searches by name or email', async () => {
		const more = Array.from({ length: 55 }, (_, n) => ({
			id: 100 + n,
			firstName: `Test${n}`,
			lastName: 'Tester',
			email: `shopper${n}@example.com`,
			storeCredit: 0,
			instruments: [],
		}));
		const seeded = await fetch(`${emulator.url}/__emulator/seed`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				customers: [...((await seed()).customers as unknown[]), ...more],
			}),
		});
		expect(seeded.status).toBeLessThan(300);
		const total = (await call(emulator, 'GET', '/v3/customers')).body.meta.pagination.total;
		const first = await openList(emulator, {}, 'searchCustomers');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await openList(emulator, {}, 'searchCustomers', undefined, '2');
		expect(second.results).toHaveLength(total - 50);
		expect(second.paginationToken).toBeUndefined();
		expect(first.results[0]).toEqual({ name: 'Ada Lovelace <ada@example.com>', value: '1' });

		const byName = await openList(emulator, {}, 'searchCustomers', 'Hopper');
		expect(byName.results.map((r) => r.value)).toEqual(['2']);
		const byEmail = await openList(emulator, {}, 'searchCustomers', 'grace@example.com');
		expect(byEmail.results.map((r) => r.value)).toEqual(['2']);
	});
});

async function seed(): Promise<Record<string, unknown>> {
	return (await (await fetch(`${emulator.url}/__emulator/seed`)).json()) as Record<string, unknown>;
}

describe('Payment Method and Stored Instrument pickers', () => {
	test("list the chosen order's methods, and its customer's instruments by type and method", async () => {
		const id = await createOrder(emulator, 1);
		const methods = await openList(
			emulator,
			{ resource: 'payment', operation: 'process', orderId: rl(String(id)) },
			'searchPaymentMethods',
		);
		expect(methods.results.map((r) => r.value)).toEqual(
			expect.arrayContaining(['stripe.card', 'braintree.paypal']),
		);
		const cards = await openList(
			emulator,
			{
				resource: 'payment',
				operation: 'process',
				orderId: rl(String(id)),
				instrumentType: 'stored_card',
				paymentMethodId: rl('stripe.card'),
			},
			'searchStoredInstruments',
		);
		expect(cards.results).toEqual([
			{
				name: expect.stringMatching(/ending 4242 \(12\/2031\), default · /),
				value: TOKENS.adaVisa,
			},
			{ name: expect.stringMatching(/ending 4444 \(06\/2030\) · /), value: TOKENS.adaMastercard },
		]);
		const searched = await openList(
			emulator,
			{ resource: 'payment', operation: 'process', orderId: String(id) },
			'searchPaymentMethods',
			'paypal',
		);
		expect(searched.results.map((r) => r.value)).toEqual(['braintree.paypal']);
	});

	test('without an order there is nothing to list', async () => {
		const none = await openList(
			emulator,
			{ resource: 'payment', operation: 'process' },
			'searchPaymentMethods',
		);
		expect(none.results).toEqual([]);
	});

	test("for a checkout, the checkout's methods before any order exists", async () => {
		const cart = await call(emulator, 'POST', '/v3/carts', {
			body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 1 }] },
		});
		const methods = await openList(
			emulator,
			{
				resource: 'paymentMethod',
				operation: 'getAll',
				lookUpBy: 'checkout',
				checkoutId: cart.body.data.id,
			},
			'searchPaymentMethods',
		);
		expect(methods.results.map((r) => r.value)).toContain('stripe.card');
	});
});
