/**
 * Requests per charge (the `requests` profile of `npm run bench`): the management API's quota is
 * what binds a store's charges, so this counts the management requests each flow spends per charge,
 * and says what each one buys. The flows run as they ship (the built package, the CRM example as it
 * is) in n8n's engine against the emulator, without quotas or latency: only the requests count.
 *
 *   plain Process          a known order, a stored card named in the node
 *   plain Process, default a known order, the customer's default stored instrument
 *   fresh CRM delivery     the CRM example for a deal never seen: look up, create, mark, pay
 *   repeated CRM delivery  the same deal again: found by its key, answered alreadyPaid
 *   …under the other reading: Incomplete orders left out of lists, overlapping payments both charged
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { startEmulator } from 'bigcommerce-emulator';
import type { WorkflowJson } from 'n8n-harness';
import {
	ITEMS_NODE_TYPE,
	PACKAGE_NAME,
	loadShippedPackage,
	n8nBaseNodeTypes,
	runWorkflow,
} from 'n8n-harness';
import { UNMETERED } from './profiles';
import { STORED_CARD } from './store';

const NODE = `${PACKAGE_NAME}.bigCommercePayments`;
const DEALS = 20;

/** What each request of a flow buys, by its route. */
const BUYS: Array<[RegExp, string]> = [
	[
		/^GET \/v3\/orders\/metafields$/,
		'the key marks: an order for this key? (before creating, and again after marking)',
	],
	[/^POST \/v2\/orders$/, 'the order'],
	[
		/^POST \/v3\/orders\/metafields$/,
		"the new order's key mark and its payment claim, in one batch",
	],
	[/^POST \/v3\/orders\/\d+\/metafields$/, 'the payment claim: one payment in flight per order'],
	[/^GET \/v2\/orders\/\d+$/, 'the order found by its key, or a paid order answered alreadyPaid'],
	[/^GET \/v3\/orders\/\d+\/transactions$/, 'the payment that paid it, for the alreadyPaid answer'],
	[/^GET \/v3\/payments\/methods$/, "the customer's default stored instrument"],
	[/^POST \/v3\/payments\/access_tokens$/, 'the payment access token'],
];

const routeOf = (method: string, p: string) => `${method} ${p.split('?')[0]}`;
const buys = (route: string) => BUYS.find(([r]) => r.test(route))?.[1] ?? '?';

export interface RequestRow {
	flow: string;
	reading: string;
	charges: number;
	deliveries: number;
	management: number;
	perCharge: number | null;
	perDelivery: number;
	/** one delivery's management requests, in order */
	sample: string[];
}

const READINGS = {
	friendly: { listIncomplete: true, gatewayCommit: 'atomic' },
	pessimistic: { listIncomplete: false, gatewayCommit: 'onAnswer' },
} as const;

function engine(emulator: Emulator, types: string[]) {
	const { BigCommercePayments, BigCommerceApi } = loadShippedPackage();
	return {
		nodeTypes: { ...n8nBaseNodeTypes(types), [NODE]: new BigCommercePayments() },
		credentialTypes: { bigCommerceApi: new BigCommerceApi() },
		credentials: {
			bigCommerceApi: {
				storeHash: emulator.storeHash,
				accessToken: 'sandbox-token',
				customBaseUrls: true,
				apiBaseUrl: emulator.url,
				paymentsBaseUrl: emulator.url,
			},
		},
	};
}

const management = (emulator: Emulator) =>
	emulator.requests().filter((r) => r.family !== 'payments');

async function newOrder(emulator: Emulator): Promise<number> {
	const r = await fetch(`${emulator.url}/stores/${emulator.storeHash}/v2/orders`, {
		method: 'POST',
		headers: { 'X-Auth-Token': 'sandbox-token', 'Content-Type': 'application/json' },
		body: JSON.stringify({
			status_id: 0,
			customer_id: 1,
			billing_address: { email: 'ada@example.com', zip: '78701' },
			products: [{ name: 'Bench', quantity: 1, price_inc_tax: 5, price_ex_tax: 5 }],
		}),
	});
	return ((await r.json()) as { id: number }).id;
}

/** Process on known orders, one execution per order (as deliveries come). */
async function plainProcess(emulator: Emulator, pay: Record<string, unknown>) {
	const orders: number[] = [];
	for (let n = 0; n < DEALS; n++) orders.push(await newOrder(emulator));
	emulator.clearRequests();
	let sample: string[] = [];
	for (const order of orders) {
		const before = management(emulator).length;
		const nodes: INode[] = [
			{
				id: 'i',
				name: 'Order',
				type: ITEMS_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify([{ order }]) },
			},
			{
				id: 'p',
				name: 'Pay',
				type: NODE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					resource: 'payment',
					operation: 'process',
					orderId: '={{ $json.order }}',
					...pay,
				},
				credentials: { bigCommerceApi: { id: '1', name: 'sandbox' } },
			},
		];
		await runWorkflow(
			{ nodes, connections: { Order: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] } } },
			engine(emulator, []),
		);
		if (sample.length === 0)
			sample = management(emulator)
				.slice(before)
				.map((r) => routeOf(r.method, r.path));
	}
	return { deliveries: orders.length, sample };
}

const example = (): WorkflowJson =>
	JSON.parse(
		readFileSync(
			path.join(__dirname, '..', '..', 'examples', 'charge-card-on-file-when-deal-closes.json'),
			'utf8',
		),
	) as WorkflowJson;

/** The CRM example as it ships, its Webhook node fed the CRM's request body. */
function crmDelivery(deal: object): WorkflowJson {
	const wf = example();
	return {
		...wf,
		nodes: [
			...wf.nodes,
			{
				id: 'crm',
				name: 'CRM Request',
				type: ITEMS_NODE_TYPE,
				typeVersion: 1,
				position: [0, 400],
				parameters: { items: JSON.stringify([{ body: deal }]) },
			},
		],
		connections: {
			...wf.connections,
			'CRM Request': { main: [[{ node: 'Read Deal', type: 'main', index: 0 }]] },
		},
	};
}

async function crmDeliveries(emulator: Emulator, deals: object[]) {
	const types = crmDelivery({}).nodes.map((n) => n.type);
	let sample: string[] = [];
	for (const deal of deals) {
		const before = management(emulator).length;
		await runWorkflow(crmDelivery(deal), engine(emulator, types));
		if (sample.length === 0)
			sample = management(emulator)
				.slice(before)
				.map((r) => routeOf(r.method, r.path));
	}
	return { deliveries: deals.length, sample };
}

async function measure(
	flow: string,
	reading: keyof typeof READINGS,
	run: (emulator: Emulator) => Promise<{ deliveries: number; sample: string[] }>,
	prepare?: (emulator: Emulator) => Promise<void>,
): Promise<RequestRow> {
	const emulator = await startEmulator({
		settings: READINGS[reading],
		rateLimits: { management: UNMETERED, payments: UNMETERED },
		requestLogLimit: 100_000,
	});
	try {
		if (prepare) await prepare(emulator);
		const chargesBefore = emulator.charges().length;
		emulator.clearRequests();
		const { deliveries, sample } = await run(emulator);
		const charges = emulator.charges().length - chargesBefore;
		const count = management(emulator).length;
		return {
			flow,
			reading,
			charges,
			deliveries,
			management: count,
			perCharge: charges ? count / charges : null,
			perDelivery: count / deliveries,
			sample,
		};
	} finally {
		await emulator.stop();
	}
}

const deals = Array.from({ length: DEALS }, (_, n) => ({
	deal_id: `BENCH-${n}`,
	customer_id: n % 2 ? 3 : 1,
	amount: 10 + n,
	description: `Deal ${n}`,
}));

export async function requestsPerCharge(): Promise<RequestRow[]> {
	const rows: RequestRow[] = [];
	const named = {
		instrumentType: 'stored_card',
		paymentMethodId: 'stripe.card',
		storedToken: STORED_CARD,
	};
	const byDefault = { instrumentType: 'default_stored_instrument' };
	for (const reading of ['friendly', 'pessimistic'] as const) {
		rows.push(await measure('plain Process', reading, (e) => plainProcess(e, named)));
		rows.push(
			await measure('plain Process, default instrument', reading, (e) =>
				plainProcess(e, byDefault),
			),
		);
		rows.push(await measure('fresh CRM delivery', reading, (e) => crmDeliveries(e, deals)));
		rows.push(
			await measure(
				'repeated CRM delivery',
				reading,
				(e) => crmDeliveries(e, deals),
				async (e) => void (await crmDeliveries(e, deals)),
			),
		);
	}
	return rows;
}

export function requestsTable(rows: RequestRow[]): string {
	const head = [
		'flow',
		'reading',
		'deliveries',
		'charges',
		'mgmt requests',
		'per charge',
		'per delivery',
	];
	const body = rows.map((r) => [
		r.flow,
		r.reading,
		String(r.deliveries),
		String(r.charges),
		String(r.management),
		r.perCharge === null ? '—' : r.perCharge.toFixed(2),
		r.perDelivery.toFixed(2),
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	const lines = [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
	lines.push('', 'What each request buys (one delivery of each flow, friendly reading):');
	for (const r of rows.filter((x) => x.reading === 'friendly')) {
		lines.push(`  ${r.flow}:`);
		for (const route of r.sample) lines.push(`    ${route.padEnd(42)} ${buys(route)}`);
	}
	return lines.join('\n');
}
