// Exactly once through a real n8n's production webhook: the "charge the card on file when a CRM deal
// closes" example, imported and activated, served by `n8n start`, receives the same deal three times
// one after another and another deal three times at the same moment, as a CRM that retries would
// send them. BigCommerce (the emulator) must record one charge per deal, and every delivery must be
// answered 200 "charged" (a repeat finds the order already paid and says so, rather than failing).
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
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('the production webhook was never registered');
}

async function deliver(base, deal) {
	const response = await fetch(`${base}/webhook/bigcommerce-deal-closed`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(deal),
	});
	const text = await response.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: response.status, body };
}

function chargesFor(emulator, dealId) {
	return emulator
		.charges()
		.filter((c) => emulator.store().orders.get(c.order_id)?.external_order_id === dealId);
}

const tarball = pack();
for (const target of targets) {
	console.log(`▶ ${target.label}: a CRM deal delivered three times to the production webhook`);
	const emulator = await startEmulator();
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
		console.log(activated.trim().split('\n').slice(-3).join('\n'));
		n8nProcess = await startN8n(target, userFolder, { N8N_LOG_LEVEL: 'info' });
		await waitForWebhook(n8nProcess.base);

		const inTurn = { deal_id: 'CRM-1', customer_id: 1, amount: 99, description: 'annual plan' };
		const answers = [];
		for (let n = 0; n < 3; n++) answers.push(await deliver(n8nProcess.base, inTurn));
		const atOnce = { deal_id: 'CRM-2', customer_id: 3, amount: 45, description: 'add-on' };
		answers.push(...(await Promise.all([0, 1, 2].map(() => deliver(n8nProcess.base, atOnce)))));

		for (const [deal, label] of [
			[inTurn, 'three times in turn'],
			[atOnce, 'three times at the same moment'],
		]) {
			const charges = chargesFor(emulator, deal.deal_id);
			report.check(
				charges.length === 1,
				`deal ${deal.deal_id} delivered ${label}: ${charges.length} charge(s) at BigCommerce`,
			);
		}
		const statuses = answers.map((a) => `${a.status} ${a.body?.status ?? ''}`.trim());
		report.check(
			answers.every((a) => a.status === 200 && a.body?.status === 'charged'),
			`every delivery answered 200 "charged": ${statuses.join(', ')}`,
		);
		const orders = new Set(answers.map((a) => a.body?.orderId));
		report.check(
			orders.size === 2,
			`the six deliveries name two orders: ${[...orders].join(', ')}`,
		);
	} catch (error) {
		report.check(false, `${target.label}: ${error.message}`);
	} finally {
		await stopN8n(n8nProcess);
		await emulator.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}
}
console.log(
	`e2e webhook: ${report.failures === 0 ? 'all checks passed' : `${report.failures} check(s) failed`}`,
);
process.exit(report.failures === 0 ? 0 : 1);
