/**
 * Benchmark (not a test): how close the node gets to BigCommerce's rate-limit ceiling, and what it
 * costs over raw HTTP. Runs Payment → Process in n8n's engine against the emulator over loopback.
 *
 *   npm run bench [-- --items 200 --window-ms 1000 --quota 20]
 *
 * Throughput: the management API quota is scaled down in time (same shape as 150 per 30 s), so the
 * ceiling is quota / window payments per second (each payment needs one management call, its PAT).
 * Overhead: the same payments with no rate limit, through the node vs. plain fetch calls.
 */
import type { INode } from 'n8n-workflow';

import { BigCommerceApi } from '../credentials/BigCommerceApi.credentials';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { ITEMS_NODE_TYPE, PACKAGE_NAME, runWorkflow } from '../harness/engine';
import { BigCommercePayments } from '../nodes/BigCommercePayments/BigCommercePayments.node';

const NODE = `${PACKAGE_NAME}.bigCommercePayments`;
const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function createOrders(emulator: Emulator, n: number): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 0; i < n; i++) {
		for (;;) {
			const r = await fetch(`${emulator.url}/stores/sandbox/v2/orders`, {
				method: 'POST',
				headers: { 'X-Auth-Token': 'sandbox-token', 'Content-Type': 'application/json' },
				body: JSON.stringify({
					status_id: 0,
					customer_id: 1,
					billing_address: { zip: '78701' },
					products: [{ name: 'Bench', quantity: 1, price_inc_tax: 5, price_ex_tax: 5 }],
				}),
			});
			if (r.status === 429) {
				await new Promise((res) =>
					setTimeout(res, Number(r.headers.get('x-rate-limit-time-reset-ms')) + 5),
				);
				continue;
			}
			ids.push(((await r.json()) as { id: number }).id);
			break;
		}
	}
	return ids;
}

async function throughNode(emulator: Emulator, orders: number[]) {
	const nodes: INode[] = [
		{
			id: 'i',
			name: 'Orders',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(orders.map((order) => ({ order }))) },
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
				instrumentType: 'stored_card',
				paymentMethodId: 'stripe.card',
				storedToken: 'a1'.repeat(32),
			},
			credentials: { bigCommerceApi: { id: '1', name: 'sandbox' } },
		},
	];
	const started = performance.now();
	const run = await runWorkflow(
		{ nodes, connections: { Orders: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] } } },
		{
			nodeTypes: { [NODE]: new BigCommercePayments() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: {
				bigCommerceApi: {
					storeHash: 'sandbox',
					accessToken: 'sandbox-token',
					customBaseUrls: true,
					apiBaseUrl: emulator.url,
					paymentsBaseUrl: emulator.url,
				},
			},
		},
	);
	const seconds = (performance.now() - started) / 1000;
	const approved = run.outputs('Pay')[0]?.length ?? 0;
	if (approved !== orders.length)
		throw new Error(
			`only ${approved} of ${orders.length} payments approved: ${JSON.stringify(run.outputs('Pay')[2]?.[0]?.json)}`,
		);
	return seconds;
}

async function rawHttp(emulator: Emulator, orders: number[]) {
	const started = performance.now();
	for (const id of orders) {
		const pat = await fetch(`${emulator.url}/stores/sandbox/v3/payments/access_tokens`, {
			method: 'POST',
			headers: {
				'X-Auth-Token': 'sandbox-token',
				'Content-Type': 'application/json',
				Accept: 'application/json',
			},
			body: JSON.stringify({ order: { id } }),
		});
		const token = ((await pat.json()) as { data: { id: string } }).data.id;
		const pay = await fetch(`${emulator.url}/stores/sandbox/payments`, {
			method: 'POST',
			headers: {
				Authorization: `PAT ${token}`,
				Accept: 'application/vnd.bc.v1+json',
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({
				payment: {
					payment_method_id: 'stripe.card',
					instrument: { type: 'stored_card', token: 'a1'.repeat(32) },
				},
			}),
		});
		if (pay.status !== 201) throw new Error(`raw payment failed: ${pay.status}`);
	}
	return (performance.now() - started) / 1000;
}

async function main() {
	const items = arg('items', 200);
	const windowMs = arg('window-ms', 1000);
	const quota = arg('quota', 20);

	// 1. Throughput against the ceiling.
	const limited = await startEmulator({
		rateLimits: {
			management: { windowMs, quota },
			payments: { windowMs, quota: Math.ceil((quota * 50) / 150) * 3 },
		},
	});
	const orders = await createOrders(limited, items);
	await new Promise((r) => setTimeout(r, windowMs + 10));
	const seconds = await throughNode(limited, orders);
	const rejected = limited.requests().filter((r) => r.status === 429).length;
	await limited.stop();
	// The first window's quota is available at once, so the ceiling's best time is one window short.
	const bestSeconds = ((Math.ceil(items / quota) - 1) * windowMs) / 1000;
	const ceiling = quota / (windowMs / 1000);
	const rate = items / seconds;

	// 2. Overhead against raw HTTP, no limits.
	const open = await startEmulator({ rateLimits: { management: false, payments: false } });
	const warm = await createOrders(open, 20);
	await throughNode(open, warm.slice(0, 10));
	await rawHttp(open, warm.slice(10));
	const a = await createOrders(open, items);
	const b = await createOrders(open, items);
	const nodeSeconds = await throughNode(open, a);
	const rawSeconds = await rawHttp(open, b);
	await open.stop();

	console.log(`payments through the node: ${items}`);
	console.log(
		`throughput: ${rate.toFixed(1)} payments/s, ceiling ${ceiling.toFixed(1)}/s (management quota ${quota} per ${windowMs} ms); ${seconds.toFixed(2)} s against the ceiling's best ${bestSeconds.toFixed(2)} s = ${(bestSeconds / seconds).toFixed(2)} of the ceiling; ${rejected} requests answered 429 (all retried)`,
	);
	console.log(
		`overhead: node ${((nodeSeconds / items) * 1000).toFixed(2)} ms/payment vs raw HTTP ${((rawSeconds / items) * 1000).toFixed(2)} ms/payment = ${(nodeSeconds / rawSeconds).toFixed(2)}x raw HTTP`,
	);
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
