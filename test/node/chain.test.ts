import type { INode } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { ITEMS_NODE_TYPE, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { ADDRESS, NODE_TYPE, json, sandboxCredentials, withEmulator } from '../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());

const credentials = { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } };
const node = (name: string, x: number, parameters: INode['parameters']): INode => ({
	id: name,
	name,
	type: NODE_TYPE,
	typeVersion: 1,
	position: [x, 0],
	parameters,
	credentials,
});

test('Create Order → Get Payment Methods → Process (default instrument) → Approved', async () => {
	const nodes: INode[] = [
		{
			id: 'deal',
			name: 'Deal Closed',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				items: JSON.stringify([
					{ customer_id: 1, amount: 49.5, description: 'Annual plan' },
					{ customer_id: 3, amount: 12, description: 'Add-on' },
				]),
			},
		},
		node('Create Order', 200, {
			resource: 'order',
			operation: 'create',
			customerId: '={{ $json.customer_id }}',
			billingAddress: ADDRESS,
			lineItems: {
				customItems: [
					{ name: '={{ $json.description }}', quantity: 1, price: '={{ $json.amount }}' },
				],
			},
		}),
		node('Payment Methods', 400, {
			resource: 'paymentMethod',
			operation: 'getAll',
			orderId: '={{ $json.id }}',
			options: { instrumentType: 'stored_card' },
		}),
		node('Charge', 600, {
			resource: 'payment',
			operation: 'process',
			orderId: '={{ $json.order_id }}',
			instrumentType: 'default_stored_instrument',
		}),
	];
	const connections = {
		'Deal Closed': { main: [[{ node: 'Create Order', type: 'main' as const, index: 0 }]] },
		'Create Order': { main: [[{ node: 'Payment Methods', type: 'main' as const, index: 0 }]] },
		'Payment Methods': { main: [[{ node: 'Charge', type: 'main' as const, index: 0 }]] },
	};
	const run = await runWorkflow(
		{ nodes, connections },
		{
			nodeTypes: { [NODE_TYPE]: new BigCommercePayments() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator) },
		},
	);
	expect(run.error()).toBeUndefined();
	const orders = json(run.output('Create Order'));
	expect(orders.map((o) => [o.customer_id, o.status_id, o.total_inc_tax])).toEqual([
		[1, 0, '49.5000'],
		[3, 0, '12.0000'],
	]);
	const approved = json(run.outputs('Charge')[0]);
	expect(approved).toMatchObject([
		{
			outcome: 'approved',
			orderId: orders[0].id,
			paymentMethodId: 'stripe.card',
			instrument: { last4: '4242' },
		},
		// Linus's default is his PayPal account: the stored-card filter found stripe.card,
		// the default lookup still picks his default
		{ outcome: 'approved', orderId: orders[1].id, paymentMethodId: 'braintree.paypal' },
	]);
	expect(run.outputs('Charge')[1]).toEqual([]);
	expect(run.outputs('Charge')[2]).toEqual([]);
	expect(emulator.charges().map((c) => [c.order_id, c.amount])).toEqual([
		[orders[0].id, 49.5],
		[orders[1].id, 12],
	]);
	for (const o of orders) expect(emulator.store().orders.get(o.id as number)?.status_id).toBe(11);
	// paired items lead back to the deal that started each charge
	expect(run.outputs('Charge')[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});
