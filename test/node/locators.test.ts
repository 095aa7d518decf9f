import type { INode, INodeProperties, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { openList, rl } from '../helpers/pickers';
import { FAILED, newCard, processParams } from '../helpers/params';
import { NODE_TYPE, createOrder, json, runNode, withEmulator } from '../helpers/setup';

/**
 * A value typed By ID (or By URL) with spaces around it is the same value: n8n checks a locator's
 * typed value against its mode's regex before the run, and an expression skips that check and
 * reaches the node, which trims. Both paths must accept ` 215 ` alike.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const description = new BigCommercePayments().description;

/** A valid value for each locator and typed mode; a locator added later needs one here. */
const SAMPLES: Record<string, Record<string, string>> = {
	orderId: { id: '215', url: 'https://store-abc123.mybigcommerce.com/manage/orders/215' },
	customerId: { id: '42' },
	paymentMethodId: { id: 'stripe.card' },
	storedToken: { id: TOKENS.adaVisa },
};

const padded = (value: string) => `  ${value}\t `;

/** Every resource locator of every operation, with each of its typed (not From List) modes. */
const locators = description.properties
	.filter((p) => p.type === 'resourceLocator')
	.flatMap((p) =>
		(p.modes ?? [])
			.filter((m) => m.type === 'string')
			.map((m) => ({
				name: `${String(p.displayOptions?.show?.resource)} → ${String(p.displayOptions?.show?.operation)} → ${p.name} (${m.name})`,
				property: p,
				mode: m.name,
			})),
	);

/** Node parameters that show `property`: the first value of each of its display conditions. */
function showing(property: INodeProperties, value: unknown): INodeParameters {
	const parameters: INodeParameters = {};
	for (const [key, values] of Object.entries(property.displayOptions?.show ?? {}))
		parameters[key] = values?.[0] as INodeParameters[string];
	parameters[property.name] = value as INodeParameters[string];
	return parameters;
}

/** What n8n's pre-run check says about `property` when the node has `parameters`. */
function issuesOf(property: INodeProperties, parameters: INodeParameters): string[] {
	const node: INode = {
		id: '1',
		name: 'BigCommerce',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	// shown, so checked: a hidden locator would pass without being looked at
	expect(NodeHelpers.displayParameter(parameters, property, node, description)).toBe(true);
	const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description);
	return (issues?.parameters?.[property.name] as string[] | undefined) ?? [];
}

test('every locator is covered', () => {
	expect(locators.length).toBeGreaterThanOrEqual(12);
	for (const { property, mode } of locators) expect(SAMPLES[property.name]?.[mode]).toBeDefined();
});

test.each(locators)('$name: surrounding spaces pass the check n8n runs first', (l) => {
	const value = SAMPLES[l.property.name][l.mode];
	const check = (v: string) => issuesOf(l.property, showing(l.property, rl(v, l.mode)));
	expect(check(value)).toEqual([]);
	expect(check(padded(value))).toEqual([]);
	// the check is not vacuous: a mode with a pattern still refuses what does not fit it
	if (l.property.modes?.find((m) => m.name === l.mode)?.validation)
		expect(check(`${value}x`)).not.toEqual([]);
});

describe('the node reads the trimmed value', () => {
	test('Order By ID and By URL', async () => {
		const id = await createOrder(emulator, 1);
		const url = `https://store-${emulator.storeHash}.mybigcommerce.com/manage/orders/${id}`;
		for (const orderId of [rl(padded(String(id)), 'id'), rl(padded(url), 'url')]) {
			const run = await runNode(emulator, { resource: 'order', operation: 'get', orderId });
			expect(run.error()).toBeUndefined();
			expect(json(run.out[0])).toEqual([expect.objectContaining({ id })]);
		}
	});

	test('Customer By ID: stored instruments and a cart', async () => {
		const customerId = rl(padded('1'), 'id');
		const instruments = await runNode(emulator, {
			resource: 'customer',
			operation: 'getStoredInstruments',
			customerId,
		});
		expect(instruments.error()).toBeUndefined();
		expect(json(instruments.out[0])[0]).toMatchObject({ customerId: 1, token: TOKENS.adaVisa });
		const cart = await runNode(emulator, {
			resource: 'cart',
			operation: 'create',
			customerId,
			cartItems: { products: [{ productId: 101, quantity: 1 }] },
		});
		expect(cart.error()).toBeUndefined();
		expect(json(cart.out[0])[0]).toMatchObject({ customer_id: 1 });
	});

	test('Payment Method By ID and Stored Instrument By Token', async () => {
		const orderId = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(orderId, {
				instrumentType: 'stored_card',
				paymentMethodId: rl(padded('stripe.card'), 'id'),
				storedToken: rl(padded(TOKENS.adaVisa), 'id'),
			}),
		);
		expect(run.error()).toBeUndefined();
		expect(json(run.out[0])).toEqual([
			expect.objectContaining({ outcome: 'approved', paymentMethodId: 'stripe.card' }),
		]);
		// a failure names the method as it is, too
		const declined = await runNode(
			emulator,
			processParams(
				await createOrder(emulator, 1),
				newCard('4000000000000002', { paymentMethodId: rl(padded('stripe.card'), 'id') }),
			),
		);
		expect(json(declined.out[1])[0]).toMatchObject({ paymentMethodId: 'stripe.card' });
		expect(json(declined.out[FAILED])).toEqual([]);
	});

	test('the Stored Instrument list, with the Payment Method typed By ID', async () => {
		const orderId = await createOrder(emulator, 1);
		const list = await openList(
			emulator,
			{
				resource: 'payment',
				operation: 'process',
				orderId: rl(padded(String(orderId)), 'id'),
				instrumentType: 'stored_card',
				paymentMethodId: rl(padded('stripe.card'), 'id'),
			},
			'searchStoredInstruments',
		);
		expect(list.results.map((r) => r.value)).toEqual([TOKENS.adaVisa, TOKENS.adaMastercard]);
	});
});
