// End-to-end in real n8n: packs this package, installs the tarball into a fresh n8n user folder's
// ~/.n8n/nodes the way the Community Nodes installer does, imports the sandbox credential and the
// example workflows with n8n's CLI, executes them with `n8n execute`, and checks the run data and
// the emulator's recorded charges. Runs against n8n 2.x (Node 24) and the last n8n 1.x (Node 20),
// installed once by e2e/install-n8n.sh into a cache outside the clone.
//
//   node e2e/run.mjs [--only 2|1] [--keep]
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { TARGETS, loadEmulator, n8n, pack, prepareUserFolder, reporter, sh } from './lib.mjs';

const only = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1]
	: undefined;
const keep = process.argv.includes('--keep');
const targets = TARGETS.filter((t) => !only || t.major === only);
const { startEmulator } = await loadEmulator();
const report = reporter();

/** `n8n execute --rawOutput` prints log lines, then the run as JSON. */
async function executeWorkflow(target, userFolder, id) {
	let out;
	try {
		out = await n8n(target, userFolder, ['execute', `--id=${id}`, '--rawOutput']);
	} catch (error) {
		return { error: `${error.message}\n${error.stdout ?? ''}`.slice(0, 4000) };
	}
	const start = out.search(/^\{/m);
	const end = out.lastIndexOf('\n}');
	if (start < 0 || end < start) return { error: `no JSON in the output:\n${out.slice(0, 2000)}` };
	return { run: JSON.parse(out.slice(start, end + 2)) };
}

// A node that two branches feed runs once per branch: gather every run.
const items = (run, node, output = 0) =>
	(run.data.resultData.runData[node] ?? []).flatMap((r) => r?.data?.main?.[output] ?? []);
const jsonOf = (run, node, output = 0) => items(run, node, output).map((i) => i.json);

function checkDealClosed(run, emulator) {
	const approved = jsonOf(run, 'Charge Card on File', 0);
	const declined = jsonOf(run, 'Charge Card on File', 1);
	const failed = jsonOf(run, 'Charge Card on File', 2);
	report.check(
		approved.length === 1 && approved[0].instrument?.last4 === '4242',
		`deal #1001: Approved, Visa •••• 4242 (order ${approved[0]?.orderId})`,
	);
	report.check(
		declined.length === 1 &&
			declined[0].code === 30107 &&
			declined[0].reason === 'authorization_revoked',
		`deal #1002: Declined 30107 authorization_revoked`,
	);
	report.check(
		failed.length === 1 && failed[0].reason === 'no_default_instrument',
		`deal #1003: Failed no_default_instrument`,
	);
	report.check(
		items(run, 'Respond: Charged').length === 1 &&
			items(run, 'Respond: Declined').length === 1 &&
			items(run, 'Respond: Failed').length === 1,
		'each branch reached its Respond to Webhook node',
	);
	const charges = emulator.charges();
	report.check(
		charges.length === 1 &&
			charges[0].order_id === approved[0]?.orderId &&
			charges[0].amount === 99,
		`the emulator recorded exactly one charge: ${JSON.stringify(charges.map((c) => [c.order_id, c.amount]))}`,
	);
}

function checkNightly(run, emulator) {
	const paid = jsonOf(run, 'Paid');
	const reported = jsonOf(run, 'Report to Team');
	const tomorrow = jsonOf(run, 'Retry Tomorrow');
	const retried = jsonOf(run, 'Retry Charge', 1);
	report.check(paid.length === 1, `Ada's renewal paid (${paid.length})`);
	report.check(
		retried.length === 1 && retried[0].reason === 'insufficient_funds',
		'only the retryable decline (insufficient funds) was retried, and declined again',
	);
	report.check(
		tomorrow.length === 1 && tomorrow[0].reason === 'insufficient_funds',
		'it waits for tomorrow night',
	);
	report.check(
		reported.length === 2 &&
			reported
				.map((r) => r.reason)
				.sort()
				.join() === 'authorization_revoked,no_default_instrument',
		`the rest were reported, not retried: ${reported.map((r) => r.reason).join(', ')}`,
	);
	const attempts = emulator.store().attempts.filter((a) => a.code === 30106).length;
	report.check(
		attempts === 2 && emulator.charges().length === 1,
		`the emulator saw ${attempts} attempts on the card without funds and ${emulator.charges().length} charge in all`,
	);
}

function checkNewCard(run, emulator) {
	const shown = jsonOf(run, 'Show Saved Card');
	report.check(
		shown.length === 1 && /^VISA •••• 1111, expires 8\/2033$/.test(shown[0].savedCard),
		`the saved card is shown: ${shown[0]?.savedCard}`,
	);
	report.check(
		jsonOf(run, 'Get Payment Methods')
			.map((m) => m.id)
			.join() === 'stripe.card',
		'only the method that stores cards was used',
	);
	const stored = emulator.store().customers.get(4).instruments;
	report.check(
		stored.length === 1 && stored[0].last4 === '1111' && emulator.charges().length === 1,
		'the emulator vaulted the card for customer 4 and charged once',
	);
}

function checkRecoverCart(run, emulator) {
	const [order] = jsonOf(run, 'Create Order');
	const recovered = jsonOf(run, 'Recovered');
	report.check(
		order?.status === 'Incomplete' && order.existing === false,
		`the checkout became Incomplete order ${order?.orderId}`,
	);
	report.check(
		recovered.length === 1 && recovered[0].orderId === order?.orderId,
		'the default stored instrument paid it (Approved)',
	);
	const charges = emulator.charges();
	report.check(
		charges.length === 1 && charges[0].order_id === order?.orderId,
		`charged once: ${charges.map((c) => `order ${c.order_id} ${c.amount}`).join(', ')}`,
	);
}

const WORKFLOWS = [
	['bcExDealClosed', 'charge-card-on-file-when-deal-closes.json', checkDealClosed],
	['bcExNightlyRetry', 'nightly-retry-declined-charges.json', checkNightly],
	['bcExNewCard', 'pay-new-order-with-new-card.json', checkNewCard],
	['bcExRecoverCart', 'recover-abandoned-cart.json', checkRecoverCart],
];

async function runTarget(target, tarball, { expectBroken = false } = {}) {
	const emulator = await startEmulator();
	let userFolder;
	try {
		userFolder = await prepareUserFolder(target, tarball, emulator.url);
		for (const [id, file, verify] of WORKFLOWS) {
			emulator.reset();
			const { run, error } = await executeWorkflow(target, userFolder, id);
			if (expectBroken) return Boolean(error || run?.data?.resultData?.error);
			console.log(` ${file}`);
			if (error || run.data.resultData.error) {
				report.check(
					false,
					`the workflow ran: ${error ?? JSON.stringify(run.data.resultData.error).slice(0, 1500)}`,
				);
				continue;
			}
			report.check(
				run.status === 'success' || run.finished === true,
				`n8n finished the execution (status ${run.status})`,
			);
			verify(run, emulator);
		}
		return true;
	} finally {
		await emulator.stop();
		if (userFolder && !keep) rmSync(userFolder, { recursive: true, force: true });
	}
}

for (const target of targets) {
	if (!existsSync(path.join(target.dir, '.ready')))
		report.check(false, `${target.label} is installed (run e2e/install-n8n.sh)`);
}
if (report.failures === 0) {
	const tarball = pack();
	for (const target of targets) {
		console.log(`▶ ${target.label}`);
		await runTarget(target, tarball);
	}
	// The suite must be able to fail: a tarball without the node's file has to break the run.
	const broken = path.join(path.dirname(tarball), 'broken');
	mkdirSync(broken);
	sh('tar', ['-xzf', tarball, '-C', broken]);
	rmSync(
		path.join(broken, 'package', 'dist', 'nodes', 'BigCommerce', 'BigCommercePayments.node.js'),
	);
	const brokenTarball = path.join(path.dirname(tarball), 'broken.tgz');
	sh('tar', ['-czf', brokenTarball, '-C', broken, 'package']);
	console.log(`▶ negative control on ${targets[0].label}: the package without its node file`);
	report.check(
		await runTarget(targets[0], brokenTarball, { expectBroken: true }),
		'the broken package makes the run fail',
	);
}
console.log(
	`e2e workflows: ${report.failures === 0 ? 'all checks passed' : `${report.failures} check(s) failed`}`,
);
process.exit(report.failures === 0 ? 0 : 1);
