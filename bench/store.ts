/**
 * The store a run charges against: an emulator with the profile's quotas, Incomplete orders made
 * through its API, and the gateway's latency as the emulator's own `latency` faults.
 */
import type { Emulator } from 'bigcommerce-emulator';
import { startEmulator } from 'bigcommerce-emulator';
import type { Latency, Profile } from './profiles';

export const TOKEN_ROUTE = 'POST /v3/payments/access_tokens';
export const PAYMENT_ROUTE = 'POST /payments';
export const STORED_CARD = 'a1'.repeat(32);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function openStore(p: Pick<Profile, 'management' | 'payments'>, logLimit: number) {
	return await startEmulator({
		rateLimits: { management: p.management, payments: p.payments },
		requestLogLimit: logLimit,
	});
}

async function createOrder(emulator: Emulator): Promise<number> {
	for (;;) {
		const r = await fetch(`${emulator.url}/stores/${emulator.storeHash}/v2/orders`, {
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
			await sleep(Number(r.headers.get('x-rate-limit-time-reset-ms')) + 5);
			continue;
		}
		if (r.status !== 201) throw new Error(`order creation failed: ${r.status} ${await r.text()}`);
		return ((await r.json()) as { id: number }).id;
	}
}

/**
 * Makes n orders (a few at a time; they count against the management quota like any request),
 * then waits out the window they used, so the run starts on a fresh quota.
 */
export async function createOrders(
	emulator: Emulator,
	n: number,
	p: Pick<Profile, 'management'>,
): Promise<number[]> {
	const ids: number[] = new Array<number>(n);
	let next = 0;
	const worker = async () => {
		while (next < n) {
			const i = next++;
			ids[i] = await createOrder(emulator);
		}
	};
	await Promise.all(Array.from({ length: Math.min(8, n) }, worker));
	if (p.management) await sleep(p.management.windowMs + 20);
	emulator.clearRequests();
	return ids;
}

export interface LatencyPool {
	tokens: number;
	payments: number;
}

const draw = (ms: number, jitter: number) =>
	Math.max(0, Math.round(ms * (1 + jitter * (2 * Math.random() - 1))));

/**
 * One `latency` fault per expected request, each with its own draw: the emulator takes the first
 * fault that matches and has hits left, so a pool of one-hit faults is per-request jitter. The
 * order of the pool follows the order requests will come in (`interleaved`: token, payment, token…
 * as the node does; `blocks`: every token, then every payment, as a chain of two HTTP Request
 * nodes does), which keeps the emulator's scan short. Returns how many faults each route got.
 */
export function addLatency(
	emulator: Emulator,
	latency: Latency,
	charges: number,
	layout: 'interleaved' | 'blocks',
): LatencyPool {
	if (latency.tokenMs <= 0 && latency.paymentMs <= 0) return { tokens: 0, payments: 0 };
	// Room for retried 429s (a 429 takes a draw too; two processes on one store meet about one per
	// two charges); a chain of HTTP Request nodes sends exactly one token request per item.
	const pool = charges * 2 + 50;
	const tokens = layout === 'blocks' ? charges : pool;
	const fault = (route: string, ms: number) => ({
		route,
		kind: 'latency' as const,
		latencyMs: draw(ms, latency.jitter),
		times: 1,
	});
	if (layout === 'interleaved') {
		for (let i = 0; i < pool; i++) {
			emulator.addFault(fault(TOKEN_ROUTE, latency.tokenMs));
			emulator.addFault(fault(PAYMENT_ROUTE, latency.paymentMs));
		}
	} else {
		for (let i = 0; i < tokens; i++) emulator.addFault(fault(TOKEN_ROUTE, latency.tokenMs));
		for (let i = 0; i < pool; i++) emulator.addFault(fault(PAYMENT_ROUTE, latency.paymentMs));
	}
	return { tokens, payments: pool };
}
