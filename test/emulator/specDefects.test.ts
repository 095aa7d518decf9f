import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { FAILED, processParams } from '../helpers/params';
import { createOrder, json, runNode, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';
import { triggerHarness } from '../helpers/trigger';

/**
 * docs/bigcommerce-spec-notes.md lists where BigCommerce's OpenAPI files contradict their own
 * examples or cannot be satisfied, and what the sandbox and the node do about each. Every row is
 * checked here by its id, against the sandbox over HTTP and the node in n8n's engine.
 */
const root = path.join(__dirname, '..', '..');
const notes = readFileSync(path.join(root, 'docs', 'bigcommerce-spec-notes.md'), 'utf8');

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const paidOrder = async (amount = 40) => {
	const id = await createOrder(emulator, 1, amount);
	await pay(emulator, await mintPat(emulator, id), {
		payment_method_id: 'stripe.card',
		instrument: card('4111111111111111'),
	});
	return id;
};

const sentBodies = (method: string, suffix: string) =>
	emulator
		.requests()
		.filter((r) => r.method === method && r.path.endsWith(suffix))
		.map((r) => r.body as Record<string, unknown>);

const CHECKS: Record<string, () => Promise<void>> = {
	'orders-sort': async () => {
		const ids: number[] = [];
		for (let n = 0; n < 3; n++) {
			ids.push(await createOrder(emulator, 1));
			emulator.clock.advance(1000);
		}
		const newest = await call(emulator, 'GET', '/v2/orders?sort=date_created:desc');
		expect(newest.status).toBe(200);
		expect(newest.body.map((o: { id: number }) => o.id).slice(0, 3)).toEqual([...ids].reverse());
		expect((await call(emulator, 'GET', '/v2/orders?sort=id')).status).toBe(200);
		expect((await call(emulator, 'GET', '/v2/orders?sort=total')).status).toBe(400);
		const run = await runNode(emulator, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			sort: { field: 'date_created', direction: 'desc' },
		});
		expect(json(run.out[0]).map((o) => o.id)).toEqual([...ids].reverse());
	},

	'refund-item-oneof': async () => {
		const id = await paidOrder();
		const quote = (items: unknown[]) =>
			call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
				body: { items },
			});
		// the spec's own "Tax Exempt (Order Level)" example, which fails its oneOf
		expect(
			(await quote([{ item_type: 'ORDER', item_id: id, amount: 1, reason: 'x' }])).status,
		).toBe(201);
		expect((await quote([{ item_type: 'FEE', item_id: 11, amount: 1 }])).status).toBe(422);
		emulator.clearRequests();
		await runNode(emulator, {
			resource: 'order',
			operation: 'refund',
			orderId: String(id),
			amount: 5,
			reason: 'Damaged',
		});
		expect(sentBodies('POST', '/payment_actions/refunds')[0].items).toEqual([
			{ item_type: 'ORDER', item_id: id, amount: 5, reason: 'Damaged' },
		]);
	},

	'refund-examples': async () => {
		const id = await paidOrder();
		const refund = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refunds`, {
			body: {
				items: [{ item_type: 'ORDER', item_id: id, amount: 5 }],
				payments: [{ provider_id: 'stripe', amount: 5, offline: false }],
				// the "Quantity" example's array, with the "Merchant Calculated Override" example's name
				merchant_calculated_override: [{ total_amount: 5, tax_amount: null, total_tax: null }],
			},
		});
		expect(refund.status).toBe(201);
		expect(refund.body.data.uses_merchant_override_values).toBe(false);
		const tax = await call(emulator, 'POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
			body: { items: [{ item_type: 'TAX', item_id: id, amount: 1 }] },
		});
		expect(tax.status).toBe(422);
	},

	'refund-amount-type': async () => {
		const id = await paidOrder();
		const run = await runNode(emulator, {
			resource: 'order',
			operation: 'refund',
			orderId: String(id),
			amount: 3,
		});
		const [made] = json(run.out[0]);
		expect(made.items).toEqual([expect.objectContaining({ requested_amount: 3 })]);
		const byId = await call(emulator, 'GET', `/v3/orders/payment_actions/refunds/${made.id}`);
		expect(byId.body.data.items).toEqual([expect.objectContaining({ requested_amount: '3.00' })]);
	},

	'checkout-phone': async () => {
		const cart = await call(emulator, 'POST', '/v3/carts', {
			body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 1 }] },
		});
		const checkoutId = cart.body.data.id as string;
		for (const phone of ['555-123-4567', '+15551234567x123']) {
			const billed = await call(emulator, 'POST', `/v3/checkouts/${checkoutId}/billing-address`, {
				body: { email: 'ada@example.com', country_code: 'US', phone },
			});
			expect(billed.status).toBe(200);
			expect(billed.body.data.billing_address.phone).toBe(phone);
		}
		emulator.clearRequests();
		const run = await runNode(emulator, {
			resource: 'checkout',
			operation: 'setBillingAddress',
			checkoutId,
			billingAddress: { email: 'ada@example.com', country_code: 'US', phone: '555-123-4567' },
		});
		expect(run.error()).toBeUndefined();
		expect(sentBodies('POST', '/billing-address')[0]).toMatchObject({ phone: '555-123-4567' });
	},

	'transactions-paging': async () => {
		const id = await createOrder(emulator, 1);
		for (let n = 0; n < 3; n++) {
			const declined = await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				instrument: card('4000000000000002'),
			});
			expect(declined.status).toBe(422);
		}
		const page = await call(emulator, 'GET', `/v3/orders/${id}/transactions?limit=2&page=2`);
		expect(page.body.data).toHaveLength(1);
		expect(page.body.meta.pagination).toMatchObject({ total: 3, per_page: 2, current_page: 2 });
		expect(page.body.meta.pagination.links.previous).toMatch(/page=1/);
		const run = await runNode(emulator, {
			resource: 'transaction',
			operation: 'getAll',
			orderId: String(id),
			returnAll: true,
		});
		expect(json(run.out[0])).toHaveLength(3);
	},

	'hooks-empty': async () => {
		for (const query of ['', '?scope=store/order/*', '?is_active=false']) {
			const hooks = await call(emulator, 'GET', `/v3/hooks${query}`);
			expect(hooks.status).toBe(200);
			expect(hooks.body.data).toEqual([]);
		}
		const trigger = triggerHarness(emulator, { parameters: { events: ['store/order/created'] } });
		await trigger.activate();
		expect([...emulator.store().hooks.values()].map((h) => h.scope)).toEqual([
			'store/order/created',
		]);
	},

	'cart-custom-items': async () => {
		const run = await runNode(emulator, {
			resource: 'cart',
			operation: 'create',
			customerId: '1',
			cartItems: { customItems: [{ name: 'Gift wrap', sku: 'WRAP', quantity: 2, listPrice: 3 }] },
		});
		const [cart] = json(run.out[0]);
		const [item] = (cart.line_items as { custom_items: Record<string, unknown>[] }).custom_items;
		expect(item).toMatchObject({ quantity: 2, list_price: 3, extended_list_price: 6 });
		expect(item).not.toHaveProperty('parent_id');
	},

	'stored-instruments': async () => {
		const id = await createOrder(emulator, 1);
		const methods = await call(emulator, 'GET', `/v3/payments/methods?order_id=${id}`);
		const byId = Object.fromEntries(
			methods.body.data.map((m: { id: string }) => [m.id, m] as const),
		) as Record<string, { supported_instruments: unknown[]; stored_instruments: unknown[] }>;
		expect(byId['braintree.paypal'].supported_instruments).toContainEqual(
			expect.objectContaining({ instrument_type: 'STORED_PAYPAL_ACCOUNT' }),
		);
		expect(byId['braintree.paypal'].stored_instruments).toEqual([
			{
				type: 'stored_paypal_account',
				email: 'ada.paypal@example.com',
				token: TOKENS.adaPaypal,
				is_default: false,
			},
		]);
		expect(byId['braintree.ach'].stored_instruments).toEqual([
			expect.objectContaining({ type: 'stored_bank_account', token: TOKENS.adaBank }),
		]);
		for (const [instrumentType, paymentMethodId, storedToken] of [
			['stored_paypal_account', 'braintree.paypal', TOKENS.adaPaypal],
			['stored_bank_account', 'braintree.ach', TOKENS.adaBank],
		]) {
			const order = await createOrder(emulator, 1);
			const run = await runNode(
				emulator,
				processParams(order, { instrumentType, paymentMethodId, storedToken }),
			);
			expect(json(run.out[0])).toEqual([expect.objectContaining({ outcome: 'approved' })]);
		}
	},

	'stored-token-length': async () => {
		const id = await createOrder(emulator, 1);
		const guideToken = `${TOKENS.adaVisa}ab`;
		expect(guideToken).toHaveLength(66);
		const refused = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: { type: 'stored_card', token: guideToken },
		});
		expect(refused.body).toMatchObject({
			code: 10001,
			errors: { 'payment.instrument.token': expect.any(String) },
		});
		emulator.clearRequests();
		const run = await runNode(
			emulator,
			processParams(id, {
				instrumentType: 'stored_card',
				paymentMethodId: 'stripe.card',
				storedToken: guideToken,
			}),
		);
		expect(json(run.out[FAILED])[0]).toMatchObject({
			reason: 'invalid_input',
			field: 'Stored Instrument Token',
		});
		expect(emulator.requests()).toEqual([]);
	},

	'tokenized-card': async () => {
		const id = await createOrder(emulator, 1);
		const direct = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			// the spec's own example, integers and all
			instrument: {
				type: 'tokenized_card',
				token: 'K7KW-M9GX-6PQ3',
				iin: 4111111,
				last_four_digits: 1111,
				expiration_month: 12,
				expiration_year: 2030,
			},
		});
		expect(direct.status).toBeLessThan(300);
		const order = await createOrder(emulator, 1);
		emulator.clearRequests();
		const run = await runNode(
			emulator,
			processParams(order, {
				instrumentType: 'tokenized_card',
				paymentMethodId: 'stripe.card',
				tokenizedCardToken: 'K7KW-M9GX-6PQ3',
				additionalFields: {
					walletCardIin: 411111,
					walletCardLastFour: '1111',
					walletCardExpiryMonth: 12,
					walletCardExpiryYear: 2030,
				},
			}),
		);
		expect(json(run.out[0])).toEqual([expect.objectContaining({ outcome: 'approved' })]);
		const [sent] = sentBodies('POST', '/payments');
		expect((sent.payment as { instrument: unknown }).instrument).toMatchObject({
			iin: '411111',
			last_four_digits: '1111',
			expiration_month: '12',
			expiration_year: '2030',
		});
	},
};

test('the notes list exactly the rows checked here, and the README links them', () => {
	const rows = [...notes.matchAll(/^\| `([a-z-]+)`\s*\|/gm)].map((m) => m[1]);
	expect(rows.sort()).toEqual(Object.keys(CHECKS).sort());
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const sandbox = readme.slice(
		readme.indexOf('## The sandbox'),
		readme.indexOf('\n## ', readme.indexOf('## The sandbox') + 1),
	);
	expect(sandbox).toContain('](docs/bigcommerce-spec-notes.md)');
});

test.each(Object.keys(CHECKS))('%s', async (id) => await CHECKS[id]());
