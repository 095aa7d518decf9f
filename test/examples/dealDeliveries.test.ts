import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import type { WorkflowJson } from 'n8n-harness';
import { ITEMS_NODE_TYPE, n8nBaseNodeTypes, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { NODE_TYPE, sandboxCredentials, withEmulator } from '../helpers/setup';

/**
 * The shipped "charge the card on file when a CRM deal closes" workflow, as it is, with its Webhook
 * node fed the CRM's request body: each deal delivered one to three times, one after another or at
 * the same moment, must be charged exactly once.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const example = JSON.parse(
	readFileSync(
		path.join(__dirname, '..', '..', 'examples', 'charge-card-on-file-when-deal-closes.json'),
		'utf8',
	),
) as WorkflowJson;

/**
 * The workflow with the CRM's request fed in where the Webhook node hands it over. The Webhook node
 * stays, since Respond to Webhook insists on one.
 */
function deliveryOf(deal: object): WorkflowJson {
	return {
		...example,
		nodes: [
			...example.nodes,
			{
				id: 'crm-request',
				name: 'CRM Request',
				type: ITEMS_NODE_TYPE,
				typeVersion: 1,
				position: [0, 400],
				parameters: { items: JSON.stringify([{ body: deal }]) },
			},
		],
		connections: {
			...example.connections,
			'CRM Request': { main: [[{ node: 'Read Deal', type: 'main', index: 0 }]] },
		},
	};
}

async function deliver(deal: object) {
	const workflow = deliveryOf(deal);
	const run = await runWorkflow(workflow, {
		nodeTypes: {
			...n8nBaseNodeTypes(workflow.nodes.map((n) => n.type)),
			[NODE_TYPE]: new BigCommercePayments(),
		},
		credentialTypes: { bigCommerceApi: new BigCommerceApi() },
		credentials: { bigCommerceApi: sandboxCredentials(emulator) },
	});
	expect(run.error()).toBeUndefined();
	const answered = (node: string) =>
		((run.run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []) as INodeExecutionData[])
			.length > 0;
	return ['Respond: Charged', 'Respond: Declined', 'Respond: Failed'].find(answered);
}

// Customers 1 and 3 have a default stored instrument the sandbox approves.
const deals = Array.from({ length: 10 }, (_, n) => ({
	deal: { deal_id: `DEAL-${n}`, customer_id: n % 2 ? 3 : 1, amount: 10 + n, description: `#${n}` },
	times: 1 + (n % 3),
}));

/** Charges per deal, found through the order each charge paid. */
function chargesPerDeal(): Record<string, number> {
	const count: Record<string, number> = {};
	for (const charge of emulator.charges()) {
		const key = emulator.store().orders.get(charge.order_id)?.external_order_id ?? 'none';
		count[key] = (count[key] ?? 0) + 1;
	}
	return count;
}

const once = Object.fromEntries(deals.map(({ deal }) => [deal.deal_id, 1]));

test('each deal delivered one to three times, one after another: charged exactly once', async () => {
	for (const { deal, times } of deals)
		for (let n = 0; n < times; n++) expect(await deliver(deal)).toBeDefined();
	expect(chargesPerDeal()).toEqual(once);
});

test('each deal delivered one to three times at the same moment: charged exactly once', async () => {
	for (const { deal, times } of deals)
		await Promise.all(Array.from({ length: times }, () => deliver(deal)));
	expect(chargesPerDeal()).toEqual(once);
});
