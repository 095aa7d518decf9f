import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import type { WorkflowJson } from 'n8n-harness';
import { ITEMS_NODE_TYPE, n8nBaseNodeTypes, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { call } from '../helpers/http';
import { CHECKOUT_ADDRESS, READINGS } from '../helpers/params';
import { NODE_TYPE, sandboxCredentials, withEmulator } from '../helpers/setup';

/**
 * The shipped "recover an abandoned cart" workflow, its webhook delivered twice at the same moment
 * for one cart (a recovery tool that retries), and once more later: one live order and one charge,
 * under every reading. (Two runs of Checkout → Create Order itself at the same moment are in
 * test/node/checkout/createOrder.test.ts.)
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());

const example = JSON.parse(
	readFileSync(path.join(__dirname, '..', '..', 'examples', 'recover-abandoned-cart.json'), 'utf8'),
) as WorkflowJson;

const ADDRESS = { ...CHECKOUT_ADDRESS, state_or_province_code: 'TX' };

/** The workflow with the recovery tool's request fed in where the Webhook node hands it over. */
async function deliver(cartId: string) {
	const workflow: WorkflowJson = {
		...example,
		nodes: [
			...example.nodes,
			{
				id: 'recovery-request',
				name: 'Recovery Request',
				type: ITEMS_NODE_TYPE,
				typeVersion: 1,
				position: [0, 600],
				parameters: { items: JSON.stringify([{ body: { cart_id: cartId, address: ADDRESS } }]) },
			},
		],
		connections: {
			...example.connections,
			'Recovery Request': { main: [[{ node: 'Read Cart', type: 'main', index: 0 }]] },
		},
	};
	const run = await runWorkflow(workflow, {
		nodeTypes: {
			...n8nBaseNodeTypes(workflow.nodes.map((n) => n.type)),
			[NODE_TYPE]: new BigCommercePayments(),
		},
		credentialTypes: { bigCommerceApi: new BigCommerceApi() },
		credentials: { bigCommerceApi: sandboxCredentials(emulator) },
	});
	const reached = (node: string) =>
		((run.run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []) as INodeExecutionData[])
			.length > 0;
	return {
		error: run.error(),
		outcome: ['Recovered', 'Declined: Ask the Shopper', 'Failed: Check the Order'].find(reached),
	};
}

describe.each(READINGS)(
	'listIncomplete $listIncomplete, gatewayCommit $gatewayCommit',
	(settings) => {
		beforeEach(async () => {
			emulator.reset();
			await fetch(`${emulator.url}/__emulator/settings`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(settings),
			});
		});

		test('two deliveries for one cart at the same moment: one order, one charge', async () => {
			const cart = await call(emulator, 'POST', '/v3/carts', {
				body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 2 }] },
			});
			const cartId = cart.body.data.id as string;
			emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 300 });
			const runs = await Promise.all([deliver(cartId), deliver(cartId)]);
			// BigCommerce puts the cart's items in one consignment only: the later run stops there.
			expect(runs.map((r) => r.outcome ?? r.error?.message).sort()).toEqual([
				'Recovered',
				expect.stringMatching(/already in another consignment/),
			]);
			const orders = [...emulator.store().orders.values()].filter((o) => o.cart_id === cartId);
			expect(orders.filter((o) => !o.is_deleted)).toHaveLength(1);
			expect(emulator.charges()).toEqual([
				expect.objectContaining({ order_id: orders.find((o) => !o.is_deleted)?.id }),
			]);
			// A third delivery after the payment finds the cart gone (converted): nothing more happens.
			const later = await deliver(cartId);
			expect(later.outcome).toBeUndefined();
			expect(emulator.charges()).toHaveLength(1);
		});
	},
);
