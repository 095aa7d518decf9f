import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import type { WorkflowJson } from 'n8n-harness';
import { ITEMS_NODE_TYPE, n8nBaseNodeTypes, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { READINGS } from '../helpers/params';
import { NODE_TYPE, sandboxCredentials, withEmulator } from '../helpers/setup';

/**
 * The shipped "charge the card on file when a CRM deal closes" workflow, as it is, with its Webhook
 * node fed the CRM's request body: each deal delivered one to three times, one after another or at
 * the same moment, or retried by a CRM whose timeout a slow gateway outlasts, must be charged
 * exactly once, and never with two payments for one order in flight at once. Under every reading
 * of BigCommerce's docs the emulator offers: unfiltered order lists with or without Incomplete
 * orders, and payments checked and committed in one step or committed when the gateway answers.
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			// The quota is not what this measures: BigCommerce's, ten times faster.
			rateLimits: { management: { windowMs: 3000, quota: 150 } },
		})),
);
afterAll(async () => await emulator.stop());

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

interface Answer {
	status: 200 | 402 | 422 | 503;
	json: IDataObject;
}

const RESPONSES = { 'Respond: Charged': 200, 'Respond: Declined': 402 } as const;

/** One delivery: the answer the CRM gets (the Respond node that ran, with its status). */
async function deliver(deal: object): Promise<Answer> {
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
	const input = (node: string) =>
		(run.run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []) as INodeExecutionData[];
	for (const [node, status] of Object.entries(RESPONSES))
		if (input(node).length) return { status, json: input(node)[0].json };
	const [failed] = input('Respond: Failed');
	if (!failed) throw new Error('no Respond node ran');
	return { status: failed.json.retryable ? 503 : 422, json: failed.json };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A CRM that gives up on a delivery after `timeoutMs` and sends it again (the first one keeps
 * running in n8n), and sends it again after a 503, until it gets a final answer.
 */
async function crm(deal: object, timeoutMs: number): Promise<Answer> {
	const running: Promise<Answer>[] = [];
	try {
		for (let attempt = 0; attempt < 8; attempt++) {
			const delivery = deliver(deal);
			running.push(delivery);
			const answer = await Promise.race([delivery, sleep(timeoutMs).then(() => undefined)]);
			if (answer && answer.status !== 503) return answer;
			if (answer) await sleep(200);
		}
		throw new Error('the CRM gave up');
	} finally {
		await Promise.all(running);
	}
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

/** Orders per deal that are not archived: a duplicate made at the same moment is archived unpaid. */
function liveOrdersPerDeal(): Record<string, number> {
	const count: Record<string, number> = {};
	for (const order of emulator.store().orders.values())
		if (!order.is_deleted && order.external_order_id)
			count[order.external_order_id] = (count[order.external_order_id] ?? 0) + 1;
	return count;
}

const oncePer = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));

describe.each(READINGS)(
	'listIncomplete $listIncomplete, gatewayCommit $gatewayCommit',
	(settings) => {
		beforeEach(async () => {
			emulator.reset();
			const set = await fetch(`${emulator.url}/__emulator/settings`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(settings),
			});
			expect(set.status).toBe(200);
		});

		afterEach(() => {
			expect(emulator.overlappingPayments()).toEqual([]);
		});

		test('each deal delivered one to three times, one after another: charged exactly once', async () => {
			for (const { deal, times } of deals)
				for (let n = 0; n < times; n++) expect((await deliver(deal)).status).toBe(200);
			const ids = deals.map((d) => d.deal.deal_id);
			expect(chargesPerDeal()).toEqual(oncePer(ids));
			expect(liveOrdersPerDeal()).toEqual(oncePer(ids));
		});

		test('each deal delivered one to three times at the same moment: charged exactly once', async () => {
			// The gateway takes its time, so the deliveries of one deal overlap at the payment too.
			emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 200 });
			const answers = await Promise.all(
				deals.map(({ deal, times }) =>
					Promise.all(Array.from({ length: times }, () => deliver(deal))),
				),
			);
			expect(answers.flat().map((a) => a.status)).toEqual(answers.flat().map(() => 200));
			const ids = deals.map((d) => d.deal.deal_id);
			expect(chargesPerDeal()).toEqual(oncePer(ids));
			expect(liveOrdersPerDeal()).toEqual(oncePer(ids));
		});

		test.each([
			{ name: 'the first payment', times: 1 },
			{ name: 'every payment', times: undefined },
		])(
			'$name slower than the CRM waits: the CRM retries, one charge, answered 200',
			async ({ times }) => {
				emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: 1500, times });
				const slow = deals.slice(0, 4).map((d) => d.deal);
				const answers = await Promise.all(slow.map((deal) => crm(deal, 1000)));
				expect(answers.map((a) => [a.status, a.json.orderId !== undefined])).toEqual(
					slow.map(() => [200, true]),
				);
				const ids = slow.map((d) => d.deal_id);
				expect(chargesPerDeal()).toEqual(oncePer(ids));
				expect(liveOrdersPerDeal()).toEqual(oncePer(ids));
			},
		);
	},
);
