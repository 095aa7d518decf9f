/**
 * The same charges two ways, both in n8n's engine (n8n-core's WorkflowExecute) over loopback:
 * this package's Payment → Process (stored card, automatic token), and the chain a user builds by
 * hand from n8n's own HTTP Request node (token POST → payment POST) with Batching set at the quota.
 */
import type { INode, INodeExecutionData, IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import type { RunResult } from 'n8n-harness';
import {
	ITEMS_NODE_TYPE,
	PACKAGE_NAME,
	loadShippedPackage,
	n8nBaseNodeTypes,
	runWorkflow,
} from 'n8n-harness';
import type { Profile, Quota } from './profiles';
import { parallelParameters } from './profiles';
import type { LatencyPool } from './store';
import { PAYMENT_ROUTE, STORED_CARD, TOKEN_ROUTE } from './store';

const NODE = `${PACKAGE_NAME}.bigCommercePayments`;
const HTTP = 'n8n-nodes-base.httpRequest';
const httpNodeTypes = n8nBaseNodeTypes([HTTP]);
// The package as it ships: its built dist/.
const { BigCommercePayments, BigCommerceApi } = loadShippedPackage();
const bigCommerce = new BigCommercePayments();

export interface Outcome {
	seconds: number;
	approved: number;
	/** 429s the workflow gave up on: items that failed for it */
	surfaced429: number;
}

const itemsNode = (orders: number[]): INode => ({
	id: 'i',
	name: 'Orders',
	type: ITEMS_NODE_TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: { items: JSON.stringify(orders.map((order) => ({ order }))) },
});

const isRateLimit = (json: IDataObject) =>
	json.reason === 'rate_limited' ||
	/\b429\b|rate limit|too many requests/i.test(JSON.stringify(json));

export async function throughNode(
	emulator: Emulator,
	orders: number[],
	parallel: number | undefined,
): Promise<Outcome> {
	const nodes: INode[] = [
		itemsNode(orders),
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
				instrumentType: 'stored_card',
				paymentMethodId: 'stripe.card',
				storedToken: STORED_CARD,
				...(parallel === undefined ? {} : parallelParameters(parallel)),
			},
			credentials: { bigCommerceApi: { id: '1', name: 'sandbox' } },
		},
	];
	const started = performance.now();
	const run = await runWorkflow(
		{ nodes, connections: { Orders: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] } } },
		{
			nodeTypes: { [NODE]: bigCommerce },
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
		},
	);
	const seconds = (performance.now() - started) / 1000;
	const [approved = [], declined = [], failed = []] = run.outputs('Pay');
	const error = run.error();
	let surfaced429 = [...declined, ...failed].filter((i) => isRateLimit(i.json)).length;
	if (error && /rate.?limit|429/i.test(error.message)) surfaced429++;
	return { seconds, approved: approved.length, surfaced429 };
}

/** `quota`: Batching at the host's quota; `defaults`: Batching added with n8n's defaults (50 per 1 s). */
export type ChainBatching = 'quota' | 'defaults';

const batching = (q: Quota | false, how: ChainBatching) => {
	if (how === 'defaults') return { batching: { batch: { batchSize: 50, batchInterval: 1000 } } };
	if (!q) return {};
	// A few percent over the window: what a careful user types for "150 per 30 s".
	return {
		batching: { batch: { batchSize: q.quota, batchInterval: Math.ceil(q.windowMs * 1.05) } },
	};
};

function httpNode(
	name: string,
	x: number,
	url: string,
	headers: Array<{ name: string; value: string }>,
	jsonBody: string,
	quota: Quota | false,
	how: ChainBatching,
): INode {
	return {
		id: name,
		name,
		type: HTTP,
		typeVersion: 4.2,
		position: [x, 0],
		// Without it one 429 stops the workflow and every item is lost; with it only that item is.
		onError: 'continueRegularOutput',
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			headerParameters: { parameters: headers },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody,
			options: { ...batching(quota, how), response: { response: { responseFormat: 'json' } } },
		},
	};
}

export async function throughChain(
	emulator: Emulator,
	orders: number[],
	p: Pick<Profile, 'management' | 'payments'>,
	how: ChainBatching = 'quota',
): Promise<Outcome> {
	const store = `${emulator.url}/stores/${emulator.storeHash}`;
	const nodes: INode[] = [
		itemsNode(orders),
		httpNode(
			'Token',
			200,
			`${store}/v3/payments/access_tokens`,
			[
				{ name: 'X-Auth-Token', value: 'sandbox-token' },
				{ name: 'Accept', value: 'application/json' },
			],
			'={{ JSON.stringify({ order: { id: $json.order } }) }}',
			p.management,
			how,
		),
		httpNode(
			'Pay',
			400,
			`${store}/payments`,
			[
				{ name: 'Authorization', value: '=PAT {{ $json.data.id }}' },
				{ name: 'Accept', value: 'application/vnd.bc.v1+json' },
			],
			JSON.stringify({
				payment: {
					payment_method_id: 'stripe.card',
					instrument: { type: 'stored_card', token: STORED_CARD },
				},
			}),
			p.payments,
			how,
		),
	];
	const started = performance.now();
	const run: RunResult = await runWorkflow(
		{
			nodes,
			connections: {
				Orders: { main: [[{ node: 'Token', type: 'main', index: 0 }]] },
				Token: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
			},
		},
		{ nodeTypes: httpNodeTypes, credentialTypes: {}, credentials: {} },
	);
	const seconds = (performance.now() - started) / 1000;
	const error = run.error();
	if (error) throw new Error(`the HTTP Request chain stopped: ${error.message}`);
	const paid = (i: INodeExecutionData) =>
		(i.json.data as IDataObject | undefined)?.status === 'success';
	// HTTP Request does not retry: every 429 it got is an item it lost.
	const surfaced429 = emulator.requests().filter((r) => r.status === 429).length;
	return { seconds, approved: run.output('Pay').filter(paid).length, surfaced429 };
}

export interface Figures extends Outcome {
	items: number;
	answered429: number;
	retried429: number;
	doubleCharges: number;
	/** requests that found no latency fault left: the latency pool ran dry */
	unlatent: number;
}

/** What the emulator saw during a run: its 429 answers and the charges made on the run's orders. */
export function tally(
	emulator: Emulator,
	orders: number[],
	outcome: Outcome,
	pool: LatencyPool,
): Figures {
	const log = emulator.requests();
	const answered429 = log.filter((r) => r.status === 429).length;
	const perOrder = new Map<number, number>();
	const mine = new Set(orders);
	for (const c of emulator.charges()) {
		if (mine.has(c.order_id)) perOrder.set(c.order_id, (perOrder.get(c.order_id) ?? 0) + 1);
	}
	let doubleCharges = 0;
	for (const n of perOrder.values()) doubleCharges += Math.max(0, n - 1);
	const count = (route: string) => log.filter((r) => `${r.method} ${r.path}` === route).length;
	const short = (route: string, faults: number) =>
		faults > 0 ? Math.max(0, count(route) - faults) : 0;
	const unlatent = short(TOKEN_ROUTE, pool.tokens) + short(PAYMENT_ROUTE, pool.payments);
	return {
		...outcome,
		items: orders.length,
		answered429,
		retried429: Math.max(0, answered429 - outcome.surfaced429),
		doubleCharges,
		unlatent,
	};
}
