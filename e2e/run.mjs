// End-to-end in real n8n: packs this package, installs the tarball into a fresh n8n user folder's
// ~/.n8n/nodes the way the Community Nodes installer does, imports the sandbox credential and the
// example workflows with n8n's CLI, executes them with `n8n execute`, and checks the run data and
// the emulator's recorded charges. Runs against n8n 2.x (Node 24) and the last n8n 1.x (Node 20),
// installed once by e2e/install-n8n.sh into a cache outside the clone.
//
//   node e2e/run.mjs [--only 2|1] [--keep]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.N8N_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-bigcommerce-payments-e2e');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const keep = process.argv.includes('--keep');
const N8N2 = process.env.N8N2_VERSION ?? '2.41.1';
const N8N1 = process.env.N8N1_VERSION ?? '1.123.81';

const targets = [
	{ label: `n8n ${N8N2} on Node 24`, major: '2', dir: path.join(cache, `n8n-${N8N2}`), bin: path.join(cache, 'node24', 'bin') },
	{ label: `n8n ${N8N1} on Node ${process.versions.node}`, major: '1', dir: path.join(cache, `n8n-${N8N1}`), bin: path.dirname(process.execPath) },
].filter((t) => !only || t.major === only);

const { startEmulator } = await import(path.join(root, 'build', 'emulator', 'index.js'));

let failures = 0;
function check(condition, message) {
	console.log(`  ${condition ? '✓' : '✗'} ${message}`);
	if (!condition) failures++;
}

function sh(cmd, args, options = {}) {
	return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
}

function pack() {
	const out = path.join(root, '.e2e-pack');
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out);
	const [packed] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', out], { cwd: root }));
	return path.join(out, packed.filename);
}

function n8nEnv(target, userFolder) {
	return {
		...process.env,
		PATH: `${target.bin}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-only-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_LOG_LEVEL: 'warn',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		DB_TYPE: 'sqlite',
	};
}

/** What the Community Nodes installer does: npm install the package into ~/.n8n/nodes. */
function installPackage(target, userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
	sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: nodesDir, env: n8nEnv(target, userFolder) });
	return nodesDir;
}

function n8n(target, userFolder, args) {
	return sh(path.join(target.dir, 'node_modules', '.bin', 'n8n'), args, { env: n8nEnv(target, userFolder), cwd: userFolder });
}

/** `n8n execute --rawOutput` prints log lines, then the run as JSON. */
function executeWorkflow(target, userFolder, id) {
	let out;
	try {
		out = n8n(target, userFolder, ['execute', `--id=${id}`, '--rawOutput']);
	} catch (error) {
		return { error: `${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`.slice(0, 4000) };
	}
	const start = out.search(/^\{/m);
	if (start < 0) return { error: `no JSON in the output:\n${out.slice(0, 2000)}` };
	return { run: JSON.parse(out.slice(start)) };
}

const items = (run, node, output = 0) => run.data.resultData.runData[node]?.[0]?.data?.main?.[output] ?? [];
const jsonOf = (run, node, output = 0) => items(run, node, output).map((i) => i.json);

function checkDealClosed(run, emulator) {
	const approved = jsonOf(run, 'Charge Card on File', 0);
	const declined = jsonOf(run, 'Charge Card on File', 1);
	const failed = jsonOf(run, 'Charge Card on File', 2);
	check(approved.length === 1 && approved[0].instrument?.last4 === '4242', `deal #1: Approved, Visa •••• 4242 (${JSON.stringify(approved.map((a) => a.orderId))})`);
	check(declined.length === 1 && declined[0].code === 30107 && declined[0].reason === 'authorization_revoked', `deal #2: Declined 30107 authorization_revoked`);
	check(failed.length === 1 && failed[0].reason === 'no_default_instrument', `deal #3: Failed no_default_instrument`);
	check(items(run, 'Respond: Charged').length === 1 && items(run, 'Respond: Declined').length === 1 && items(run, 'Respond: Failed').length === 1, 'each branch reached its Respond to Webhook node');
	const charges = emulator.charges();
	check(charges.length === 1 && charges[0].order_id === approved[0]?.orderId && charges[0].amount === 99, `the emulator recorded exactly one charge: ${JSON.stringify(charges.map((c) => [c.order_id, c.amount]))}`);
}

function checkNightly(run, emulator) {
	const paid = jsonOf(run, 'Paid');
	const report = jsonOf(run, 'Report to Team');
	const tomorrow = jsonOf(run, 'Retry Tomorrow');
	const retried = jsonOf(run, 'Retry Charge', 1);
	check(paid.length === 1, `Ada's renewal paid (${paid.length})`);
	check(retried.length === 1 && retried[0].reason === 'insufficient_funds', 'only the retryable decline (insufficient funds) was retried, and declined again');
	check(tomorrow.length === 1 && tomorrow[0].reason === 'insufficient_funds', 'it waits for tomorrow night');
	check(report.length === 2 && report.map((r) => r.reason).sort().join() === 'authorization_revoked,no_default_instrument', `the rest were reported, not retried: ${report.map((r) => r.reason).join(', ')}`);
	const attempts = emulator.store().attempts.filter((a) => a.code === 30106).length;
	check(attempts === 2 && emulator.charges().length === 1, `the emulator saw 2 attempts on the card without funds and 1 charge in all`);
}

function checkNewCard(run, emulator) {
	const shown = jsonOf(run, 'Show Saved Card');
	check(shown.length === 1 && /^VISA •••• 1111, expires 8\/2033$/.test(shown[0].savedCard), `the saved card is shown: ${shown[0]?.savedCard}`);
	check(jsonOf(run, 'Get Payment Methods').map((m) => m.id).join() === 'stripe.card', 'only the method that stores cards was used');
	const stored = emulator.store().customers.get(4).instruments;
	check(stored.length === 1 && stored[0].last4 === '1111' && emulator.charges().length === 1, 'the emulator vaulted the card for customer 4 and charged once');
}

const WORKFLOWS = [
	['bcExDealClosed', 'charge-card-on-file-when-deal-closes.json', checkDealClosed],
	['bcExNightlyRetry', 'nightly-retry-declined-charges.json', checkNightly],
	['bcExNewCard', 'pay-new-order-with-new-card.json', checkNewCard],
];

async function runTarget(target, tarball, { expectBroken = false } = {}) {
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const emulator = await startEmulator();
	try {
		installPackage(target, userFolder, tarball);
		const creds = JSON.parse(readFileSync(path.join(root, 'examples', 'sandbox-credentials.json'), 'utf8'));
		for (const c of creds) Object.assign(c.data, { apiBaseUrl: emulator.url, paymentsBaseUrl: emulator.url });
		const credsFile = path.join(userFolder, 'credentials.json');
		writeFileSync(credsFile, JSON.stringify(creds));
		n8n(target, userFolder, ['import:credentials', `--input=${credsFile}`]);
		for (const [, file] of WORKFLOWS) n8n(target, userFolder, ['import:workflow', `--input=${path.join(root, 'examples', file)}`]);
		for (const [id, file, verify] of WORKFLOWS) {
			emulator.reset();
			const { run, error } = executeWorkflow(target, userFolder, id);
			if (expectBroken) return Boolean(error || run?.data?.resultData?.error);
			console.log(` ${file}`);
			if (error || run.data.resultData.error) {
				check(false, `the workflow ran: ${error ?? JSON.stringify(run.data.resultData.error).slice(0, 1500)}`);
				continue;
			}
			check(run.status === 'success' || run.finished === true, `n8n finished the execution (status ${run.status})`);
			verify(run, emulator);
		}
		return true;
	} finally {
		await emulator.stop();
		if (!keep) rmSync(userFolder, { recursive: true, force: true });
	}
}

for (const target of targets) {
	if (!existsSync(path.join(target.dir, '.ready'))) {
		console.log(`✗ ${target.label}: not installed; run e2e/install-n8n.sh first`);
		failures++;
	}
}
if (failures === 0) {
	const tarball = pack();
	for (const target of targets) {
		console.log(`▶ ${target.label}`);
		await runTarget(target, tarball);
	}
	// The suite must be able to fail: a tarball without the node's file has to break the run.
	const broken = path.join(path.dirname(tarball), 'broken');
	mkdirSync(broken);
	sh('tar', ['-xzf', tarball, '-C', broken]);
	rmSync(path.join(broken, 'package', 'dist', 'nodes', 'BigCommercePayments', 'BigCommercePayments.node.js'));
	const brokenTarball = path.join(path.dirname(tarball), 'broken.tgz');
	sh('tar', ['-czf', brokenTarball, '-C', broken, 'package']);
	console.log(`▶ negative control on ${targets[0].label}: the package without its node file`);
	check(await runTarget(targets[0], brokenTarball, { expectBroken: true }), 'the broken package makes the run fail');
}
console.log(failures === 0 ? 'e2e: all checks passed' : `e2e: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
