/**
 * The fault suite's core, shared by `npm run faults` (bench/faults.ts) and its reduced run in
 * `npm test` (test/faults/faults.test.ts): the CRM deal flow (Order → Create with an Idempotency
 * Key → Payment → Process with the default stored instrument) and direct Process on pre-made
 * orders, in n8n's engine against the emulator, with faults drawn at random on every request and
 * a third of the deliveries repeated (one after another and at the same moment), under the friendly
 * reading of BigCommerce's docs and the pessimistic one (Incomplete orders left out of unfiltered
 * lists, overlapping payments for one order both charged). What it counts
 * is read from the emulator's records, the one truth: money that moved, against what the node said.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { Emulator, Fault } from 'bigcommerce-emulator';
import { startEmulator, TOKENS } from 'bigcommerce-emulator';
import type { RunResult, ShippedPackage, WorkflowJson } from 'n8n-harness';
import { ITEMS_NODE_TYPE, PACKAGE_NAME, loadShippedPackage, runWorkflow } from 'n8n-harness';

const NODE = `${PACKAGE_NAME}.bigCommercePayments`;

/** The payment timeout the node is given, and a latency past it. */
export const PAYMENT_TIMEOUT_MS = 1000;
const LATE_MS = 1500;

export interface Figures {
	/** orders with more than one successful charge */
	doubleCharges: number;
	/** outcome_unknown items whose order the emulator can read */
	unknownWhileReadable: number;
	/** Approved without a charge, or Declined / Failed with one */
	wrongOutcomes: number;
	/** charged orders that appear in no output item (nor in a stop's error) */
	chargedWithoutOutput: number;
	/** items that surfaced `rate_limited` */
	rateLimited: number;
}

export const FIGURES: (keyof Figures)[] = [
	'doubleCharges',
	'unknownWhileReadable',
	'wrongOutcomes',
	'chargedWithoutOutput',
	'rateLimited',
];

export interface ModeRow extends Figures {
	mode: string;
	pass: 'first' | 'again';
	/** payment items that entered Process (duplicates included) */
	items: number;
	approved: number;
	declined: number;
	failed: number;
	/** items whose Order → Create failed, so they never reached Process */
	createFailed: number;
	/** successful charges the emulator holds at the end of the pass */
	charges: number;
	/** requests a fault hit */
	faultHits: number;
	seconds: number;
	/** what each non-zero figure counted: the item or order behind it */
	offenders: string[];
}

export interface SuiteOptions {
	/** distinct orders to pay across all modes (deals and pre-made orders) */
	charges: number;
	seed: number;
	log?: (line: string) => void;
	/** the node and credential to run: the built package unless a test passes its sources */
	pkg?: Pick<ShippedPackage, 'BigCommercePayments' | 'BigCommerceApi'>;
}

type ErrorMode = 'split' | 'stop' | 'continueOnFail' | 'errorOutput';
const ERROR_MODES: ErrorMode[] = ['split', 'stop', 'continueOnFail', 'errorOutput'];

/**
 * The two readings of what BigCommerce's docs leave open (the emulator's settings): the friendly
 * one, and the one that leaves Incomplete orders out of unfiltered lists and charges two payments
 * for one order that overlap.
 */
type Reading = 'friendly' | 'pessimistic';
const READINGS: Record<Reading, { listIncomplete: boolean; gatewayCommit: 'atomic' | 'onAnswer' }> =
	{
		friendly: { listIncomplete: true, gatewayCommit: 'atomic' },
		pessimistic: { listIncomplete: false, gatewayCommit: 'onAnswer' },
	};

/** mulberry32: small, seedable, good enough to spread faults. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Every kind the issue names, spread over every request of the flow (about 9% of them hit). */
export function randomFaults(): Fault[] {
	return [
		{ route: 'POST /v3/payments/access_tokens', kind: 'commitThenDrop', probability: 0.04 },
		{ route: '*', kind: 'commitThenDrop', probability: 0.015 },
		{ route: '*', kind: 'reset', probability: 0.012 },
		{ route: '*', kind: 'status', status: 500, probability: 0.008 },
		{ route: '*', kind: 'status', status: 502, probability: 0.008 },
		{ route: '*', kind: 'status', status: 503, probability: 0.008 },
		{ route: '*', kind: 'error10000', probability: 0.008 },
		{ route: '*', kind: 'latency', latencyMs: LATE_MS, probability: 0.006 },
		{
			route: '*',
			kind: 'status',
			status: 429,
			probability: 0.006,
			rateLimitHeaders: { resetMs: 200 },
		},
		{ route: '*', kind: 'status', status: 429, probability: 0.006 },
	];
}

/**
 * The faults of a reading: the random ones, and under the pessimistic reading a gateway that takes
 * its time over every payment (checked on arrival, charged on its answer), so that two payments for
 * one order would overlap if the node let them.
 */
function faultsFor(reading: Reading): Fault[] {
	return [...randomFaults(), ...(reading === 'pessimistic' ? [GATEWAY_LATENCY] : [])];
}

const GATEWAY_LATENCY: Fault = { route: 'POST /payments', kind: 'latency', latencyMs: 300 };

/** A storm: every request meets 429 (with or without the headers) until it is taken away. */
function storm(withHeaders: boolean): Fault {
	return {
		route: '*',
		kind: 'status',
		status: 429,
		...(withHeaders ? { rateLimitHeaders: { resetMs: 300 } } : {}),
	};
}

interface Deal {
	deal_id: string;
	customer_id: number;
	amount: number;
	description: string;
}

interface Direct {
	order: number;
	token: string;
}

/** One execution's items: deals through Order → Create, or pre-made orders paid directly. */
type Batch = { kind: 'deals'; items: Deal[] } | { kind: 'direct'; items: Direct[] };

interface Seen {
	orderId: number | null;
	outcome: 'approved' | 'declined' | 'failed';
	reason?: string;
	/** for `not_charged`: the time of the read the verdict rests on */
	checkedAt?: string;
}

const credentials = (emulator: Emulator) => ({
	storeHash: emulator.storeHash,
	accessToken: 'sandbox-token',
	customBaseUrls: true,
	apiBaseUrl: emulator.url,
	paymentsBaseUrl: emulator.url,
});

function payNode(mode: ErrorMode, retry: boolean, direct: boolean): INode {
	const settings: Partial<INode> =
		mode === 'continueOnFail'
			? { onError: 'continueRegularOutput' }
			: mode === 'errorOutput'
				? { onError: 'continueErrorOutput' }
				: {};
	return {
		id: 'pay',
		name: 'Pay',
		type: NODE,
		typeVersion: 1,
		position: [400, 0],
		parameters: {
			resource: 'payment',
			operation: 'process',
			orderId: direct ? '={{ $json.order }}' : '={{ $json.id }}',
			...(direct
				? {
						instrumentType: 'stored_card',
						paymentMethodId: 'stripe.card',
						storedToken: '={{ $json.token }}',
					}
				: { instrumentType: 'default_stored_instrument' }),
			routing: mode === 'split' ? 'split' : 'single',
			// Reconcile For is read by nodes that have it; others ignore the extra key.
			additionalFields: { timeout: PAYMENT_TIMEOUT_MS, reconcileFor: 4 },
		},
		credentials: { bigCommerceApi: { id: '1', name: 'sandbox' } },
		...settings,
		...(retry ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 100 } : {}),
	};
}

function workflowFor(batch: Batch, mode: ErrorMode, retry: boolean): WorkflowJson {
	const items: INode = {
		id: 'items',
		name: 'Deliveries',
		type: ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(batch.items) },
	};
	if (batch.kind === 'direct') {
		return {
			nodes: [items, payNode(mode, retry, true)],
			connections: { Deliveries: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] } },
		};
	}
	const create: INode = {
		id: 'create',
		name: 'Create Order',
		type: NODE,
		typeVersion: 1,
		position: [200, 0],
		parameters: {
			resource: 'order',
			operation: 'create',
			customerId: '={{ $json.customer_id }}',
			billingAddress: {
				first_name: 'Ada',
				last_name: 'Lovelace',
				email: 'billing@example.com',
				street_1: '1 Main St',
				city: 'Austin',
				state: 'Texas',
				zip: '78701',
				country: 'United States',
				country_iso2: 'US',
			},
			lineItems: {
				customItems: [
					{ name: '={{ $json.description }}', quantity: 1, price: '={{ $json.amount }}' },
				],
			},
			idempotencyKey: '={{ $json.deal_id }}',
		},
		credentials: { bigCommerceApi: { id: '1', name: 'sandbox' } },
		// A deal whose order could not be made drops out here; Process's modes are what is measured.
		onError: 'continueErrorOutput',
	};
	return {
		nodes: [items, create, payNode(mode, retry, false)],
		connections: {
			Deliveries: { main: [[{ node: 'Create Order', type: 'main', index: 0 }]] },
			'Create Order': { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
		},
	};
}

function classify(json: IDataObject, output: number, split: boolean): Seen {
	const details = (json.details as IDataObject | undefined) ?? json;
	const orderId = typeof details.orderId === 'number' ? details.orderId : null;
	const reason = typeof details.reason === 'string' ? details.reason : undefined;
	const checkedAt = typeof details.checkedAt === 'string' ? details.checkedAt : undefined;
	if (split)
		return {
			orderId,
			reason,
			checkedAt,
			outcome: (['approved', 'declined', 'failed'] as const)[output],
		};
	if (json.error !== undefined || output > 0)
		return {
			orderId,
			reason,
			checkedAt,
			outcome: details.outcome === 'declined' ? 'declined' : 'failed',
		};
	return { orderId, reason, outcome: 'approved' };
}

/** What an execution told its user about each payment, including what a stop's error names. */
function seenIn(
	run: RunResult,
	batch: Batch,
	mode: ErrorMode,
): { seen: Seen[]; createFailed: number; items: number } {
	const runData = run.run.data.resultData.runData;
	const seen: Seen[] = [];
	for (const r of runData.Pay ?? [])
		(r.data?.main ?? []).forEach((items, output) => {
			for (const item of (items ?? []) as INodeExecutionData[])
				seen.push(classify(item.json, output, mode === 'split'));
		});
	const created = (runData['Create Order']?.[0]?.data?.main?.[0] ?? []) as INodeExecutionData[];
	const createFailed =
		batch.kind === 'deals'
			? ((runData['Create Order']?.[0]?.data?.main?.[1] ?? []) as INodeExecutionData[]).length
			: 0;
	const payInput =
		batch.kind === 'deals'
			? created.map((i) => Number(i.json.id))
			: batch.items.map((d) => d.order);
	const error = run.error() as
		| (Error & { description?: string; context?: IDataObject; httpCode?: string })
		| undefined;
	if (error) {
		const done = error.context?.doneInThisRun;
		const named = Array.isArray(done)
			? (done as IDataObject[]).map((d) => Number(d.orderId))
			: [...String(error.description ?? '').matchAll(/order (\d+)/g)].map((m) => Number(m[1]));
		for (const orderId of named) seen.push({ orderId, outcome: 'approved' });
		const index = Number(error.context?.itemIndex);
		const text = `${error.message} ${error.description ?? ''}`;
		const reason =
			/\[(?:\d+ )?([a-z_]+)\]/.exec(error.message)?.[1] ??
			['outcome_unknown', 'rate_limited'].find((r) => text.includes(r));
		const checkedAt = error.context?.checkedAt;
		seen.push({
			orderId: Number.isInteger(index) ? (payInput[index] ?? null) : null,
			outcome: /declin/i.test(reason ?? '') ? 'declined' : 'failed',
			reason,
			...(typeof checkedAt === 'string' ? { checkedAt } : {}),
		});
	}
	return { seen, createFailed, items: payInput.length };
}

async function createOrders(emulator: Emulator, customers: number[]): Promise<number[]> {
	const ids: number[] = [];
	for (const customer of customers) {
		for (;;) {
			const r = await fetch(`${emulator.url}/stores/${emulator.storeHash}/v2/orders`, {
				method: 'POST',
				headers: { 'X-Auth-Token': 'sandbox-token', 'Content-Type': 'application/json' },
				body: JSON.stringify({
					status_id: 0,
					customer_id: customer,
					billing_address: {
						first_name: 'Ada',
						last_name: 'Lovelace',
						zip: '78701',
						email: 'ada@example.com',
					},
					products: [{ name: 'Faults', quantity: 1, price_inc_tax: 7, price_ex_tax: 7 }],
				}),
			});
			if (r.status === 429) {
				await new Promise((res) =>
					setTimeout(res, Number(r.headers.get('x-rate-limit-time-reset-ms') ?? 200) + 5),
				);
				continue;
			}
			if (r.status !== 201) throw new Error(`setup order: ${r.status} ${await r.text()}`);
			ids.push(((await r.json()) as { id: number }).id);
			break;
		}
	}
	return ids;
}

/**
 * The executions of one mode, run two at a time (two engines on one store). A third of the
 * deliveries come twice: every sixth also in the other execution of its pair, at the same moment;
 * every sixth, three further on, once more after all first deliveries, as a CRM's later retry.
 */
function plan(deals: Deal[], directs: Direct[], batchSize: number): Batch[][] {
	const chunk = <T>(items: T[], size: number) =>
		Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
			items.slice(i * size, i * size + size),
		);
	const every6th = <T>(items: T[], n: number) => items.filter((_, k) => k % 6 === n);
	const batches: Batch[] = [
		...chunk(deals, batchSize).map((items): Batch => ({ kind: 'deals', items })),
		...chunk(directs, batchSize).map((items): Batch => ({ kind: 'direct', items })),
	];
	const pairs = chunk(batches, 2).map((pair) => {
		const out = pair.map((b) => ({ kind: b.kind, items: [...b.items] }) as Batch);
		pair.forEach((b, i) => {
			const copies = every6th(b.items as unknown[], 0);
			const other = out[1 - i];
			if (other && other.kind === b.kind) (other.items as unknown[]).push(...copies);
			else out.push({ kind: b.kind, items: copies } as Batch);
		});
		return out;
	});
	const again = (kind: Batch['kind']) =>
		batches.filter((b) => b.kind === kind).flatMap((b) => every6th(b.items as unknown[], 3));
	const repeats = [
		...chunk(again('deals'), batchSize).map((items) => ({ kind: 'deals', items }) as Batch),
		...chunk(again('direct'), batchSize).map((items) => ({ kind: 'direct', items }) as Batch),
	];
	return [...pairs, ...chunk(repeats, 2)].map((pair) => pair.filter((b) => b.items.length > 0));
}

function successfulCharges(emulator: Emulator): Map<number, number> {
	const count = new Map<number, number>();
	for (const c of emulator.charges()) count.set(c.order_id, (count.get(c.order_id) ?? 0) + 1);
	return count;
}

function judge(
	emulator: Emulator,
	seen: Seen[],
	charged: Map<number, number>,
	newCharges: Set<number>,
	doubleBefore: number,
): Figures & { offenders: string[] } {
	const outputOrders = new Set(seen.map((s) => s.orderId));
	const doubles = [...charged.entries()].filter(([, n]) => n > 1);
	const show = (what: string, s: Seen) =>
		`${what}: order ${s.orderId} ${s.outcome}${s.reason ? ` ${s.reason}` : ''} (charges ${charged.get(s.orderId ?? 0) ?? 0})`;
	const unknown = seen.filter(
		(s) =>
			s.reason === 'outcome_unknown' &&
			s.orderId !== null &&
			emulator.store().orders.has(s.orderId),
	);
	// `not_charged` and `payment_in_progress` say what was true when they were checked: a charge
	// another execution made on the same order after that read does not make them wrong (a retry
	// answers alreadyPaid).
	const chargedBy = (orderId: number, at?: string) =>
		emulator.charges(orderId).some((c) => at === undefined || c.at <= at);
	const asOfRead = new Set(['not_charged', 'payment_in_progress']);
	const wrong = seen.filter((s) => {
		const paid = s.orderId !== null && (charged.get(s.orderId) ?? 0) > 0;
		if (s.outcome === 'approved') return !paid;
		if (paid && asOfRead.has(s.reason ?? '') && s.checkedAt)
			return chargedBy(s.orderId as number, s.checkedAt);
		return paid;
	});
	const silent = [...newCharges].filter((o) => !outputOrders.has(o));
	const limited = seen.filter((s) => s.reason === 'rate_limited');
	return {
		doubleCharges: doubles.length - doubleBefore,
		unknownWhileReadable: unknown.length,
		wrongOutcomes: wrong.length,
		chargedWithoutOutput: silent.length,
		rateLimited: limited.length,
		offenders: [
			...doubles.map(([o, n]) => `double: order ${o} charged ${n}×`),
			...unknown.map((s) => show('unknown', s)),
			...wrong.map((s) => show('wrong', s)),
			...silent.map((o) => `no output: order ${o} charged ${charged.get(o)}×`),
			...limited.map((s) => show('rate limited', s)),
		],
	};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runMode(
	mode: ErrorMode,
	retry: boolean,
	reading: Reading,
	perMode: number,
	seed: number,
	pkg: NonNullable<SuiteOptions['pkg']>,
): Promise<ModeRow[]> {
	const name = `${mode}${retry ? ' +retry' : ''}${reading === 'pessimistic' ? ' pess.' : ''}`;
	const emulator = await startEmulator({
		settings: READINGS[reading],
		random: seededRandom(seed),
		// BigCommerce's quotas, faster: 150 per 2 s (Standard: per 30 s) and 50 per second.
		rateLimits: {
			management: { windowMs: 2000, quota: 150 },
			payments: { windowMs: 1000, quota: 50 },
		},
		requestLogLimit: 200,
	});
	const timer: { id?: NodeJS.Timeout; end?: NodeJS.Timeout } = {};
	try {
		const nDirect = Math.max(2, Math.round(perMode / 4));
		const nDeals = perMode - nDirect;
		// Customers 1 and 3 have a default card the gateway approves; customer 5's is declined.
		const deals: Deal[] = Array.from({ length: nDeals }, (_, n) => ({
			deal_id: `${name}-${seed}-${n}`,
			customer_id: n % 5 === 4 ? 5 : n % 2 ? 3 : 1,
			amount: 10 + (n % 40),
			description: `Deal ${n}`,
		}));
		const customers = Array.from({ length: nDirect }, (_, n) => (n % 5 === 4 ? 5 : 1));
		const orders = await createOrders(emulator, customers);
		const directs: Direct[] = orders.map((order, n) => ({
			order,
			token: customers[n] === 5 ? TOKENS.alanVisaNoFunds : TOKENS.adaVisa,
		}));
		const pairs = plan(deals, directs, 12);
		const engine = {
			nodeTypes: { [NODE]: new pkg.BigCommercePayments() },
			credentialTypes: { bigCommerceApi: new pkg.BigCommerceApi() },
			credentials: { bigCommerceApi: credentials(emulator) },
		};
		for (const f of faultsFor(reading)) emulator.addFault(f);
		const spent = { hits: 0 };
		// Every 5 s a storm: for 1 s every request, whoever sends it, meets 429.
		let storms = 0;
		timer.id = setInterval(() => {
			emulator.addFault(storm(storms++ % 2 === 0));
			timer.end = setTimeout(() => void endStorm(emulator, spent, reading), 1000);
		}, 5000);

		const rows: ModeRow[] = [];
		let chargedBefore = new Set<number>();
		let doubleBefore = 0;
		for (const pass of ['first', 'again'] as const) {
			const started = performance.now();
			const hitsBefore = spent.hits + (await faultHits(emulator));
			const seen: Seen[] = [];
			let createFailed = 0;
			let items = 0;
			for (const pair of pairs) {
				const runs = await Promise.all(
					pair.map(async (batch) => ({
						batch,
						run: await runWorkflow(workflowFor(batch, mode, retry), engine),
					})),
				);
				for (const { batch, run } of runs) {
					const r = seenIn(run, batch, mode);
					seen.push(...r.seen);
					createFailed += r.createFailed;
					items += r.items;
				}
			}
			// A late request may still land after the node gave up on it.
			await sleep(LATE_MS + 500);
			const charged = successfulCharges(emulator);
			const newCharges = new Set([...charged.keys()].filter((o) => !chargedBefore.has(o)));
			const figures = judge(emulator, seen, charged, newCharges, doubleBefore);
			rows.push({
				mode: name,
				pass,
				items,
				approved: seen.filter((s) => s.outcome === 'approved').length,
				declined: seen.filter((s) => s.outcome === 'declined').length,
				failed: seen.filter((s) => s.outcome === 'failed').length,
				createFailed,
				charges: emulator.charges().length,
				faultHits: spent.hits + (await faultHits(emulator)) - hitsBefore,
				seconds: Math.round((performance.now() - started) / 100) / 10,
				...figures,
			});
			chargedBefore = new Set(charged.keys());
			doubleBefore = [...charged.values()].filter((n) => n > 1).length;
		}
		return rows;
	} finally {
		clearInterval(timer.id);
		clearTimeout(timer.end);
		await emulator.stop();
	}
}

/** Takes the storm away: the faults start again from the random ones, their hits kept. */
async function endStorm(emulator: Emulator, spent: { hits: number }, reading: Reading) {
	spent.hits += await faultHits(emulator);
	emulator.clearFaults();
	for (const f of faultsFor(reading)) emulator.addFault(f);
}

/** Requests a fault hit; the gateway's own latency is no fault. */
async function faultHits(emulator: Emulator): Promise<number> {
	const r = await fetch(`${emulator.url}/__emulator/faults`);
	const { faults } = (await r.json()) as { faults: (Fault & { hits: number })[] };
	return faults
		.filter((f) => !(f.kind === 'latency' && f.probability === undefined))
		.reduce((n, f) => n + f.hits, 0);
}

export interface SuiteResult {
	rows: ModeRow[];
	total: Figures & { items: number; charges: number };
}

/**
 * Every error mode, with Retry On Fail off and on, under both readings of BigCommerce's docs, each
 * run twice over the same orders.
 */
export async function runFaultSuite(options: SuiteOptions): Promise<SuiteResult> {
	const pkg = options.pkg ?? loadShippedPackage();
	const combos = (Object.keys(READINGS) as Reading[]).flatMap((reading) =>
		ERROR_MODES.flatMap((mode) => [false, true].map((retry) => ({ mode, retry, reading }))),
	);
	const perMode = Math.ceil(options.charges / combos.length);
	// Each mode has its own store and waits mostly on timers, so they all run at once.
	const perCombo = await Promise.all(
		combos.map(async ({ mode, retry, reading }, k) => {
			const modeRows = await runMode(mode, retry, reading, perMode, options.seed + k, pkg);
			for (const row of modeRows) {
				options.log?.(formatRow(row));
				for (const o of row.offenders.slice(0, 10))
					options.log?.(`    ${row.mode} ${row.pass}: ${o}`);
			}
			return modeRows;
		}),
	);
	const rows = perCombo.flat();
	const total = { items: 0, charges: 0 } as SuiteResult['total'];
	for (const f of FIGURES) total[f] = rows.reduce((n, r) => n + r[f], 0);
	total.items = rows.reduce((n, r) => n + r.items, 0);
	total.charges = rows.filter((r) => r.pass === 'again').reduce((n, r) => n + r.charges, 0);
	return { rows, total };
}

export const HEADER = [
	'mode'.padEnd(27),
	'pass'.padEnd(6),
	'items',
	'appr',
	'decl',
	'fail',
	'noOrd',
	'charges',
	'secs',
	'hits',
	'| double',
	'unknown',
	'wrong',
	'noOutput',
	'rateLim',
].join(' ');

export function formatRow(r: ModeRow): string {
	const n = (v: number, w: number) => String(v).padStart(w);
	return [
		r.mode.padEnd(27),
		r.pass.padEnd(6),
		n(r.items, 5),
		n(r.approved, 4),
		n(r.declined, 4),
		n(r.failed, 4),
		n(r.createFailed, 5),
		n(r.charges, 7),
		n(r.seconds, 4),
		n(r.faultHits, 4),
		'|',
		n(r.doubleCharges, 6),
		n(r.unknownWhileReadable, 7),
		n(r.wrongOutcomes, 5),
		n(r.chargedWithoutOutput, 8),
		n(r.rateLimited, 7),
	].join(' ');
}
