/**
 * Benchmark (not a test): charges through Payment → Process (stored card, automatic token) in n8n's
 * engine against the emulator, at BigCommerce's quotas and a gateway's latency, next to the same
 * charges through a chain of n8n's HTTP Request nodes with Batching set at the quota.
 *
 *   npm run bench                       every profile (~10 min)
 *   npm run bench -- --quick            scaled, nolatency, concurrent, heap, smaller (< 2 min)
 *   npm run bench -- --profiles standard,scaled --items 300 --parallel 8 \
 *                    --latency-token 150 --latency-payment 1000 --jitter 0.2
 *
 * Profiles: requests (management requests per charge, by flow: bench/requests.ts), standard (real
 * windows and latency), scaled (the same 10× faster in time), nolatency
 * (quota-bound, ~1 ms answers), concurrent (two executions at once on the scaled store, half the
 * items each), heap (heap after runs of --heap-items, default 1000,10000; run with --expose-gc).
 * --plan-scale N: the plan profiles N× faster in time (default: Standard 10, Pro 4, Enterprise 2;
 * 1 is real time).
 * --timeline: each host's requests per window, to see which windows a run left unused.
 * Other flags: --no-chain, --chain-defaults (also the chain with Batching's defaults, 50 / 1 s),
 * --parallel N[,N…] (the node's Parallel Requests, one node run per value; unset = the node's default).
 * BENCH_ARGS in the environment is read as more flags.
 *
 * "of ceiling" is the rate over the quotas' long-run ceiling (charges/s); "of best" is the quickest
 * the quotas allow for that many charges (a fixed window lets its whole quota through at once) over
 * the time taken, ≤ 1. On a run of many windows they agree; on a short one "of ceiling" can pass 1,
 * so the goals are judged on "of best". Safety figures (double charges, 429s the node surfaced)
 * fail the run; performance goals print PASS or BELOW.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Emulator } from 'bigcommerce-emulator';
import { heapBySize, gcExposed } from './heap';
import type { Latency, Profile } from './profiles';
import { REAL_LATENCY, bestSeconds, ceiling, describeQuota, profiles } from './profiles';
import type { Row } from './report';
import { goalFigures, ofBest, ofCeiling, safetyFailures, table } from './report';
import type { Outcome } from './runs';
import { tally, throughChain, throughNode } from './runs';
import { requestsPerCharge, requestsTable } from './requests';
import { addLatency, createOrders, openStore } from './store';

const argv = [...process.argv.slice(2), ...(process.env.BENCH_ARGS ?? '').split(/\s+/)].filter(
	Boolean,
);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string): string | undefined => {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
};
const number = (name: string): number | undefined => {
	const v = value(name);
	if (v === undefined) return undefined;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, got "${v}"`);
	return n;
};

/**
 * `--timeline`: for each host with a quota, the requests the store let through in each of its
 * windows since the first arrival (a fixed window opens with a request, so this approximates them):
 * where a run falls short of the ceiling, the windows it left unused show it.
 */
function timeline(emulator: Emulator, p: Profile): string {
	const log = emulator.requests().filter((r) => r.family !== 'admin');
	const lines: string[] = [];
	for (const [host, quota] of [
		['management', p.management],
		['payments', p.payments],
	] as const) {
		if (!quota) continue;
		const arrivals = log
			.filter((r) => (r.family === 'payments') === (host === 'payments'))
			.sort((a, b) => a.startedAtMs - b.startedAtMs);
		if (arrivals.length === 0) continue;
		const counts: number[] = [];
		let windowStart = arrivals[0].startedAtMs;
		let n = 0;
		for (const r of arrivals) {
			if (r.startedAtMs - windowStart >= quota.windowMs) {
				counts.push(n);
				// the next window opens with the first request after this one ended
				windowStart = r.startedAtMs;
				n = 0;
			}
			if (r.status !== 429) n++;
		}
		counts.push(n);
		lines.push(`  ${host} (${quota.quota} per window), per window: ${counts.join(' ')}`);
	}
	return lines.join('\n');
}

/** A worker's outcome, and when it ran by the wall clock. */
interface WorkerOutcome extends Outcome {
	startedAt: number;
	endedAt: number;
}

/**
 * n8n in `count` processes of its own (each its own pacer, as queue-mode workers) charging a share
 * of the orders each on one store, the emulator here. Apart from the store, as a real n8n is: the
 * store's clock and counting never wait on n8n's event loop. The time is from the first one's start
 * to the last one's end.
 */
async function throughProcesses(
	emulator: Emulator,
	orders: number[],
	parallel: number | undefined,
	count: number,
): Promise<Outcome & { workers: WorkerOutcome[] }> {
	const share = Math.ceil(orders.length / count);
	const run = async (mine: number[]) => {
		const job = { url: emulator.url, storeHash: emulator.storeHash, orders: mine, parallel };
		const { stdout } = await promisify(execFile)(
			process.execPath,
			[join(__dirname, 'worker.js'), JSON.stringify(job)],
			{ maxBuffer: 1 << 24 },
		);
		return JSON.parse(stdout.trim().split('\n').pop()!) as WorkerOutcome;
	};
	const workers = await Promise.all(
		Array.from({ length: count }, (_, i) => run(orders.slice(i * share, (i + 1) * share))),
	);
	return {
		seconds:
			(Math.max(...workers.map((w) => w.endedAt)) - Math.min(...workers.map((w) => w.startedAt))) /
			1000,
		approved: workers.reduce((n, w) => n + w.approved, 0),
		surfaced429: workers.reduce((n, w) => n + w.surfaced429, 0),
		workers,
	};
}

async function measure(
	p: Profile,
	kind: 'node' | 'chain' | 'chain, defaults' | 'two executions' | 'two processes',
	parallel: number | undefined,
	run: string,
): Promise<Row> {
	const emulator = await openStore(p, p.items * 10 + 1000);
	try {
		const orders = await createOrders(emulator, p.items, p);
		const chain = kind.startsWith('chain');
		const pool = addLatency(emulator, p.latency, p.items, chain ? 'blocks' : 'interleaved');
		let outcome: Outcome;
		const cpu = process.cpuUsage();
		if (chain)
			outcome = await throughChain(emulator, orders, p, kind === 'chain' ? 'quota' : 'defaults');
		else if (kind === 'node') outcome = await throughProcesses(emulator, orders, parallel, 1);
		else if (kind === 'two processes') {
			const both = await throughProcesses(emulator, orders, parallel, 2);
			// Fair shares finish together: each worker's rate over the other's.
			const rates = both.workers.map((w) => w.approved / ((w.endedAt - w.startedAt) / 1000));
			console.log(
				`  workers: ${both.workers.map((w, i) => `${w.approved} in ${((w.endedAt - w.startedAt) / 1000).toFixed(1)} s (${rates[i].toFixed(1)}/s)`).join(', ')}; slower/faster ${(Math.min(...rates) / Math.max(...rates)).toFixed(2)}`,
			);
			outcome = both;
		} else {
			const half = Math.ceil(orders.length / 2);
			const started = performance.now();
			const both = await Promise.all([
				throughNode(emulator, orders.slice(0, half), parallel),
				throughNode(emulator, orders.slice(half), parallel),
			]);
			outcome = {
				seconds: (performance.now() - started) / 1000,
				approved: both[0].approved + both[1].approved,
				surfaced429: both[0].surfaced429 + both[1].surfaced429,
			};
		}
		if (flag('timeline')) console.log(timeline(emulator, p));
		// This process's CPU over the run (the emulator's, and n8n's for the chain and two executions):
		// near 1 the machine, not the quota, is the limit.
		const used = process.cpuUsage(cpu);
		const cpuShare = (used.user + used.system) / 1e6 / outcome.seconds;
		return { ...tally(emulator, orders, outcome, pool), profile: p, run, cpu: cpuShare };
	} finally {
		await emulator.stop();
	}
}

async function main() {
	const quick = flag('quick') || process.env.BENCH_QUICK === '1';
	const latency: Latency = {
		tokenMs: number('latency-token') ?? REAL_LATENCY.tokenMs,
		paymentMs: number('latency-payment') ?? REAL_LATENCY.paymentMs,
		jitter: number('jitter') ?? REAL_LATENCY.jitter,
	};
	const parallels = (value('parallel') ?? '')
		.split(',')
		.filter(Boolean)
		.map((v) => {
			const n = Number(v);
			if (!Number.isInteger(n) || n < 0)
				throw new Error(
					`--parallel takes whole numbers ≥ 0 (0: the default, automatic), got "${v}"`,
				);
			return n;
		});
	if (parallels.length === 0) parallels.push(0);
	const ask = (n: number) => (n === 0 ? undefined : n);
	const label = (n: number) => (n === 0 ? 'node' : `node, ${n} at once`);
	const all = profiles(latency, quick, number('items'), number('plan-scale'));
	const chosen = (
		value('profiles') ??
		(quick
			? 'requests,scaled,nolatency,plan-pro,concurrent,heap'
			: 'requests,plan-standard,plan-pro,plan-enterprise,plan-standard-slow,plan-pro-slow,plan-enterprise-slow,two-processes,scaled,nolatency,concurrent,heap')
	).split(',');
	const known = [...all.map((p) => p.name), 'concurrent', 'two-processes', 'heap', 'requests'];
	for (const c of chosen) if (!known.includes(c)) throw new Error(`unknown profile "${c}"`);
	const heapSizes = (value('heap-items') ?? (quick ? '200,1000' : '1000,10000'))
		.split(',')
		.map(Number);

	const log = (s = '') => console.log(s);
	log(
		`Payment → Process (stored card, automatic token), Parallel Requests: ${parallels.map((n) => ask(n) ?? "the node's default").join(', ')}`,
	);
	const rows: Row[] = [];
	const goals: string[] = [];
	const verdict = (ok: boolean, what: string) => goals.push(`${ok ? 'PASS ' : 'BELOW'}  ${what}`);

	if (chosen.includes('requests')) {
		log(`\n[requests] management requests per charge, by flow (no quota, no latency)`);
		const perCharge = await requestsPerCharge();
		log(requestsTable(perCharge));
		for (const r of perCharge.filter((x) => x.flow === 'plain Process'))
			verdict(
				r.perCharge !== null && r.perCharge <= 2,
				`requests, plain Process (${r.reading}): ≤ 2 per charge (${r.perCharge?.toFixed(2)})`,
			);
		for (const r of perCharge.filter((x) => x.flow === 'fresh CRM delivery'))
			verdict(
				r.perCharge !== null && r.perCharge <= 6,
				`requests, fresh CRM delivery (${r.reading}): ≤ 6 per charge (${r.perCharge?.toFixed(2)})`,
			);
	}

	for (const p of all.filter((x) => chosen.includes(x.name))) {
		const c = ceiling(p);
		log(
			`\n[${p.name}] ${p.note}\n  quotas: management ${describeQuota(p.management)}, payments ${describeQuota(p.payments)} → ${c.binding} binds, ceiling ${c.perSecond.toFixed(2)} charges/s; ${p.items} charges at best ${bestSeconds(p, p.items).toFixed(1)} s`,
		);
		const nodes: Row[] = [];
		for (const n of parallels) {
			const node = await measure(p, 'node', ask(n), label(n));
			nodes.push(node);
			log(`  ${node.run}: ${node.seconds.toFixed(1)} s, ${node.approved} approved`);
			// The plans' profiles are judged on the rate over the long-run ceiling (issue 19: ≥ 0.95 over
			// 1 000+ charges); the older ones on the best the quotas allow (≥ 0.9).
			const plan = p.name.startsWith('plan-');
			verdict(
				plan ? ofCeiling(node) >= 0.95 : ofBest(node) >= 0.9,
				`${p.name}, ${node.run}: ≥ ${plan ? '0.95' : '0.9'} of the ceiling (${goalFigures(node)})`,
			);
		}
		rows.push(...nodes);
		if (flag('no-chain')) continue;
		const chain = await measure(p, 'chain', undefined, 'chain');
		rows.push(chain);
		log(`  chain: ${chain.seconds.toFixed(1)} s, ${chain.approved} approved`);
		if (flag('chain-defaults')) {
			const loose = await measure(p, 'chain, defaults', undefined, 'chain, defaults');
			rows.push(loose);
			log(
				`  chain with Batching's defaults (50 / 1 s): ${loose.seconds.toFixed(1)} s, ${loose.approved} approved`,
			);
		}
		const chainLost = chain.items - chain.approved;
		for (const node of nodes) {
			const ratio = chain.seconds / node.seconds;
			log(`  ${node.run} is ${ratio.toFixed(2)}× the chain's speed`);
			if (p.latency.paymentMs > 0)
				verdict(
					ratio >= 1.5,
					`${p.name}, ${node.run}: ≥ 1.5× faster than the HTTP Request chain (${ratio.toFixed(2)}×)`,
				);
			if (chainLost > 0)
				verdict(
					node.approved === node.items,
					`${p.name}, ${node.run}: loses no item where the chain lost ${chainLost} (lost ${node.items - node.approved})`,
				);
		}
	}

	if (chosen.includes('concurrent')) {
		const base = all.find((x) => x.name === 'scaled')!;
		const p: Profile = { ...base, name: 'concurrent' };
		log(
			`\n[concurrent] two executions at once in one process, ${p.items / 2} charges each; ${base.note}`,
		);
		for (const n of parallels) {
			const row = await measure(p, 'two executions', ask(n), `2 × ${label(n)}`);
			rows.push(row);
			log(`  ${row.run}: ${row.seconds.toFixed(1)} s, ${row.approved} approved`);
			verdict(
				ofBest(row) >= 0.85,
				`concurrent, ${row.run}: together ≥ 0.85 of the ceiling (${goalFigures(row)})`,
			);
		}
	}

	if (chosen.includes('two-processes')) {
		const base = all.find((x) => x.name === 'plan-pro')!;
		const p: Profile = { ...base, name: 'two-processes' };
		log(
			`\n[two-processes] two n8n processes (each its own pacer, as queue-mode workers) on one store, ${Math.ceil(p.items / 2)} charges each; ${base.note}`,
		);
		for (const n of parallels) {
			const row = await measure(p, 'two processes', ask(n), `2 processes × ${label(n)}`);
			rows.push(row);
			log(`  ${row.run}: ${row.seconds.toFixed(1)} s, ${row.approved} approved`);
			verdict(
				ofCeiling(row) >= 0.95,
				`two-processes, ${row.run}: together ≥ 0.95 of the ceiling (${goalFigures(row)})`,
			);
		}
	}

	if (chosen.includes('heap')) {
		log(`\n[heap] no latency, no quota; heap after each run and a forced GC`);
		if (!gcExposed()) log('  (node runs without --expose-gc: figures are not settled)');
		const points = await heapBySize(heapSizes, ask(parallels[parallels.length - 1]));
		const heapLine = points
			.map(
				(h) =>
					`${h.items} items: ${h.mib.toFixed(1)} MiB (${(h.items / h.seconds).toFixed(0)} charges/s)`,
			)
			.join(', ');
		log(`  ${heapLine}`);
		const first = points[0];
		const last = points[points.length - 1];
		const growth = last.mib - first.mib;
		verdict(
			growth <= Math.max(8, first.mib * 0.15),
			`heap flat in the number of items: ${first.items} → ${last.items} items, ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MiB`,
		);
	}

	log('');
	if (rows.length) log(table(rows));
	const dry = rows.filter((r) => r.unlatent > 0);
	for (const r of dry)
		log(`note: ${r.profile.name}/${r.run}: ${r.unlatent} requests found the latency pool empty`);
	log('\nGoals (measured, not asserted):');
	for (const g of goals) log(`  ${g}`);

	const safety = safetyFailures(rows);
	log('\nSafety:');
	if (safety.length === 0) log('  OK  0 double charges, 0 429s surfaced by the node');
	for (const s of safety) log(`  FAIL  ${s}`);
	return safety.length === 0 ? 0 : 1;
}

void main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
