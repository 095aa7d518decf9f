// Exactly once through a real n8n's production webhook: the "charge the card on file when a CRM deal
// closes" example, imported and activated, served by ONE `n8n start` per n8n version, receives deals
// as a CRM sends them — one to three times in turn, three times at the same moment, and retried
// after a timeout that a slow gateway outlasts (the first payment only, or every payment) — under
// every reading of BigCommerce's docs the sandbox offers (unfiltered order lists with or without
// Incomplete orders × payments committed in one step or when the gateway answers), switched with
// POST /__emulator/settings between scenarios. BigCommerce (the emulator) must record one charge
// per deal and never two payments for one order in flight at once; every deal must end answered
// 200 "charged" (a repeat finds the order already paid and says so), all naming one order.
//
//   node e2e/webhook.mjs [--only 2|1]
import { rmSync } from 'node:fs';

import {
	loadEmulator,
	n8n,
	pack,
	prepareUserFolder,
	reporter,
	startN8n,
	stopN8n,
	TARGETS,
} from './lib.mjs';

const only = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1]
	: undefined;
const targets = TARGETS.filter((t) => !only || t.major === only);
const { startEmulator } = await loadEmulator();
const report = reporter();
const WORKFLOW_ID = 'bcExDealClosed';
const READINGS = [
	{ listIncomplete: true, gatewayCommit: 'atomic' },
	{ listIncomplete: false, gatewayCommit: 'atomic' },
	{ listIncomplete: true, gatewayCommit: 'onAnswer' },
	{ listIncomplete: false, gatewayCommit: 'onAnswer' },
];
/** How long the CRM waits for an answer before it sends the deal again; the slow gateway takes longer. */
const CRM_TIMEOUT_MS = 1000;
const SLOW_PAYMENT_MS = 1800;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * n8n starts answering before it has activated its workflows: wait until the webhook is registered
 * (a CORS preflight answers 2xx only for a registered webhook).
 */
async function waitForWebhook(base) {
	for (let i = 0; i < 120; i++) {
		const response = await fetch(`${base}/webhook/bigcommerce-deal-closed`, {
			method: 'OPTIONS',
			headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': 'POST' },
		});
		if (response.ok) return;
		await sleep(500);
	}
	throw new Error('the production webhook was never registered');
}

/**
 * One delivery; undefined when the CRM gave up waiting (n8n goes on with it). A 404 ran nothing (n8n
 * 1.x may answer its CORS preflight a moment before it routes the POST), so it is sent again.
 */
async function deliver(base, deal, timeoutMs) {
	for (let tries = 1; ; tries++) {
		const answer = await deliverOnce(base, deal, timeoutMs);
		if (answer?.status !== 404 || tries >= 40) return answer;
		await sleep(250);
	}
}

async function deliverOnce(base, deal, timeoutMs) {
	try {
		const response = await fetch(`${base}/webhook/bigcommerce-deal-closed`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(deal),
			...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
		});
		const text = await response.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		return { status: response.status, body };
	} catch (error) {
		if (error.name === 'TimeoutError') return undefined;
		throw error;
	}
}

/** A CRM that retries after its timeout and after a 503, until it gets another answer. */
async function crm(base, deal) {
	for (let attempt = 0; attempt < 10; attempt++) {
		const answer = await deliver(base, deal, CRM_TIMEOUT_MS);
		if (answer && answer.status !== 503) return answer;
		if (answer) await sleep(500);
	}
	return { status: 0, body: 'the CRM gave up' };
}

async function setReading(emulator, reading) {
	emulator.reset();
	const response = await fetch(`${emulator.url}/__emulator/settings`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(reading),
	});
	if (!response.ok) throw new Error(`settings refused: ${response.status}`);
}

const SCENARIOS = [
	{
		name: 'one to three times in turn',
		async run(base) {
			const deals = [1, 2, 3].map((times) => ({
				deal: {
					deal_id: `TURN-${times}`,
					customer_id: times % 2 ? 1 : 3,
					amount: 10 * times,
					description: `plan ${times}`,
				},
				times,
			}));
			const answers = {};
			for (const { deal, times } of deals)
				for (let n = 0; n < times; n++)
					(answers[deal.deal_id] ??= []).push(await deliver(base, deal));
			return answers;
		},
	},
	{
		name: 'three times at the same moment',
		gateway: { latencyMs: 300 },
		async run(base) {
			const deals = [1, 3].map((customer) => ({
				deal_id: `ONCE-${customer}`,
				customer_id: customer,
				amount: 45,
				description: 'add-on',
			}));
			const answers = {};
			await Promise.all(
				deals.map(async (deal) => {
					answers[deal.deal_id] = await Promise.all([0, 1, 2].map(() => deliver(base, deal)));
				}),
			);
			return answers;
		},
	},
	{
		name: 'the first payment slower than the CRM waits, the CRM retrying',
		gateway: { latencyMs: SLOW_PAYMENT_MS, times: 1 },
		async run(base) {
			const deal = { deal_id: 'SLOW-FIRST', customer_id: 1, amount: 99, description: 'annual' };
			return { [deal.deal_id]: [await crm(base, deal)] };
		},
	},
	{
		name: 'every payment slower than the CRM waits, the CRM retrying',
		gateway: { latencyMs: SLOW_PAYMENT_MS },
		async run(base) {
			const deal = { deal_id: 'SLOW-EVERY', customer_id: 3, amount: 12, description: 'seat' };
			return { [deal.deal_id]: [await crm(base, deal)] };
		},
	},
];

function chargesFor(emulator, dealId) {
	return emulator
		.charges()
		.filter((c) => emulator.store().orders.get(c.order_id)?.external_order_id === dealId);
}

const liveOrdersFor = (emulator, dealId) =>
	[...emulator.store().orders.values()].filter(
		(o) => o.external_order_id === dealId && !o.is_deleted,
	);

const tarball = pack();
for (const target of targets) {
	console.log(`▶ ${target.label}: CRM deals on the production webhook, under every reading`);
	const started = Date.now();
	const emulator = await startEmulator({
		// The quota is not what this checks: BigCommerce's, ten times faster.
		rateLimits: { management: { windowMs: 3000, quota: 150 } },
	});
	let userFolder;
	let n8nProcess;
	try {
		userFolder = await prepareUserFolder(target, tarball, emulator.url);
		// 2.x publishes a workflow version; 1.x still flips `active` (deprecated in 2.x).
		const activated = await n8n(
			target,
			userFolder,
			target.major === '1'
				? ['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true']
				: ['publish:workflow', `--id=${WORKFLOW_ID}`],
		);
		console.log(activated.trim().split('\n').slice(-1).join('\n'));
		n8nProcess = await startN8n(target, userFolder, { N8N_LOG_LEVEL: 'info' });
		await waitForWebhook(n8nProcess.base);

		for (const reading of READINGS) {
			const label = `listIncomplete ${reading.listIncomplete}, gatewayCommit ${reading.gatewayCommit}`;
			for (const scenario of SCENARIOS) {
				await setReading(emulator, reading);
				if (scenario.gateway)
					emulator.addFault({ route: 'POST /payments', kind: 'latency', ...scenario.gateway });
				const answers = await scenario.run(n8nProcess.base);
				// Executions the CRM gave up waiting for are still paying: let them end.
				if (scenario.gateway) await sleep(scenario.gateway.latencyMs + 800);
				const problems = [];
				for (const [dealId, list] of Object.entries(answers)) {
					const charges = chargesFor(emulator, dealId).length;
					const live = liveOrdersFor(emulator, dealId).length;
					const statuses = list.map((a) => `${a.status} ${JSON.stringify(a.body)}`);
					const orders = new Set(list.map((a) => a.body?.orderId));
					if (charges !== 1) problems.push(`${dealId}: ${charges} charges`);
					if (live !== 1) problems.push(`${dealId}: ${live} live orders`);
					if (!list.every((a) => a.status === 200 && a.body?.status === 'charged'))
						problems.push(`${dealId}: answered ${statuses.join(', ')}`);
					if (orders.size !== 1) problems.push(`${dealId}: answers name ${[...orders].join(', ')}`);
				}
				const overlaps = emulator.overlappingPayments().length;
				if (overlaps)
					problems.push(`${overlaps} pairs of payments for one order in flight at once`);
				report.check(
					problems.length === 0,
					`${label} — ${scenario.name}: ${Object.keys(answers).length} deal(s), one charge each, answered 200${problems.length ? ` — ${problems.join('; ')}` : ''}`,
				);
			}
		}
	} catch (error) {
		report.check(false, `${target.label}: ${error.message}`);
	} finally {
		await stopN8n(n8nProcess);
		await emulator.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}
	console.log(`  (${Math.round((Date.now() - started) / 1000)} s)`);
}
console.log(
	`e2e webhook: ${report.failures === 0 ? 'all checks passed' : `${report.failures} check(s) failed`}`,
);
process.exit(report.failures === 0 ? 0 : 1);
