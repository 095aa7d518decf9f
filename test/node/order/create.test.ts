import type { Emulator } from 'bigcommerce-emulator';
import { ADDRESS, json, runNode, withEmulator } from '../../helpers/setup';
import { createOrderParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Order → Create', () => {
	test('with fields: custom items and a catalog product, an Incomplete order to pay', async () => {
		const run = await runNode(
			emulator,
			createOrderParams({
				customerId: 1,
				billingAddress: ADDRESS,
				lineItems: {
					customItems: [
						{ name: 'Consulting', quantity: 2, price: 50, priceIncludesTax: false, tax: 5 },
					],
					catalogProducts: [{ productId: 102, quantity: 1, options: '7=M' }],
				},
				additionalFields: {
					shippingAddress: { ...ADDRESS, shipping_method: 'Courier' },
					staff_notes: 'from n8n',
				},
			}),
		);
		expect(run.error()).toBeUndefined();
		const [order] = json(run.out[0]);
		expect(order).toMatchObject({
			status_id: 0,
			customer_id: 1,
			total_inc_tax: '135.0000',
			total_ex_tax: '125.0000',
			staff_notes: 'from n8n',
		});
		expect(emulator.store().orders.get(order.id as number)?.shipping_addresses).toHaveLength(1);
	});

	test('for a guest from JSON; status_id defaults to 0', async () => {
		const body = {
			customer_id: 0,
			billing_address: ADDRESS,
			products: [{ name: 'Invoice #7', quantity: 1, price_inc_tax: 12.5, price_ex_tax: 12.5 }],
		};
		const run = await runNode(
			emulator,
			createOrderParams({ jsonParameters: true, bodyJson: JSON.stringify(body) }),
		);
		expect(json(run.out[0])[0]).toMatchObject({
			status_id: 0,
			customer_id: 0,
			total_inc_tax: '12.5000',
		});
	});

	test('names the bad line item, sends nothing', async () => {
		const run = await runNode(
			emulator,
			createOrderParams({
				billingAddress: { zip: '12345' },
				lineItems: {
					customItems: [
						{ name: 'A', quantity: 1, price: 5 },
						{ name: '', quantity: 1, price: 5 },
					],
				},
			}),
			[{}, {}],
			{ onError: 'continueErrorOutput' },
		);
		expect(json(run.out[1])).toMatchObject([
			{
				error: 'Line Items → Custom Item 2 → Name is required (item 0)',
				details: { reason: 'invalid_input', field: 'Line Items → Custom Item 2 → Name' },
			},
			{ error: 'Line Items → Custom Item 2 → Name is required (item 1)' },
		]);
		expect(emulator.requests()).toHaveLength(0);
	});

	test('is not retried after a dropped answer (it could make a second order)', async () => {
		emulator.addFault({ route: 'POST /v2/orders', kind: 'commitThenDrop', times: 1 });
		const run = await runNode(
			emulator,
			createOrderParams({
				billingAddress: { zip: '12345' },
				lineItems: { customItems: [{ name: 'A', quantity: 1, price: 5 }] },
			}),
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(json(run.out[0])[0].details).toMatchObject({
			reason: 'outcome_unknown',
			retryable: false,
			remedy: expect.stringMatching(/Check in BigCommerce before repeating/),
		});
		expect(emulator.store().orders.size).toBe(1);
	});
});
