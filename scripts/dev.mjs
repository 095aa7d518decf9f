// `npm run dev`: the package in a real n8n editor, one command. n8n's own `n8n-node dev
// --external-n8n` (TypeScript in watch mode, the package linked into n8n's custom folder) runs in the
// package's folder; beside it this script runs the sandbox (the BigCommerce emulator) and an
// `n8n start` with hot reload, the n8n 2.41.1 the end-to-end suite installs (n8n-node dev alone would
// fetch n8n@latest through npx, which needs Node 24 and the internet). The sandbox credential and
// every example workflow are imported; the owner is set up. State lives in .dev/ (delete it to start
// over). Environment: DEV_PORT (n8n, 5678), EMULATOR_PORT (4467), DEV_FOLDER (.dev).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	n8n,
	packageDir,
	rest,
	root,
	setUpOwner,
	startN8n,
	stopN8n,
	TARGETS,
} from '../e2e/lib.mjs';

const PACKAGE = 'n8n-nodes-bigcommerce-payments';
const target = TARGETS.find((t) => t.major === '2');
const folder = path.resolve(process.env.DEV_FOLDER ?? path.join(root, '.dev'));
const n8nPort = Number(process.env.DEV_PORT ?? 5678);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4467);
export const DEV_OWNER = {
	email: 'dev@example.com',
	firstName: 'Dev',
	lastName: 'Owner',
	password: 'Dev-Password-1',
};

// What is running, for Ctrl-C to stop: n8n, n8n-node dev's process group, the sandbox.
const running = { n8n: undefined, nodeDev: undefined, emulator: undefined };
async function stop(code = 0) {
	await stopN8n(running.n8n);
	if (running.nodeDev?.exitCode === null) process.kill(-running.nodeDev.pid, 'SIGTERM');
	await running.emulator?.stop();
	process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

/**
 * A linked package is loaded by n8n's custom-folder loader, whose node types are `CUSTOM.<name>`
 * rather than the installed package's `<package>.<name>`: the examples are imported with their
 * types renamed, so they open with the linked nodes.
 */
function forTheLinkedPackage(workflow) {
	const json = JSON.stringify(workflow).replaceAll(`"${PACKAGE}.`, '"CUSTOM.');
	return JSON.parse(json);
}

async function importOnce() {
	const marker = path.join(folder, '.imported');
	if (existsSync(marker)) return;
	const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
	const creds = JSON.parse(readFileSync(path.join(root, 'examples', 'sandbox-credentials.json')));
	for (const c of creds.filter((x) => x.type === 'bigCommerceApi'))
		Object.assign(c.data, { apiBaseUrl: emulatorUrl, paymentsBaseUrl: emulatorUrl });
	const staging = path.join(folder, 'import');
	mkdirSync(staging, { recursive: true });
	writeFileSync(path.join(staging, 'credentials.json'), JSON.stringify(creds));
	await n8n(target, folder, [
		'import:credentials',
		`--input=${path.join(staging, 'credentials.json')}`,
	]);
	const examples = readdirSync(path.join(root, 'examples')).filter(
		(f) => f.endsWith('.json') && f !== 'sandbox-credentials.json',
	);
	for (const file of examples) {
		const workflow = JSON.parse(readFileSync(path.join(root, 'examples', file), 'utf8'));
		writeFileSync(path.join(staging, file), JSON.stringify(forTheLinkedPackage(workflow)));
		await n8n(target, folder, ['import:workflow', `--input=${path.join(staging, file)}`]);
	}
	writeFileSync(marker, examples.join('\n'));
	console.log(`dev: imported the sandbox credential and ${examples.length} example workflows`);
}

mkdirSync(folder, { recursive: true });
const { startEmulator } = await import('bigcommerce-emulator');
running.emulator = await startEmulator({ port: emulatorPort, host: '127.0.0.1' });
console.log(`dev: sandbox (BigCommerce emulator) on ${running.emulator.url}`);

// n8n's own dev command: tsc --watch in the package, linked into <folder>/.n8n/custom.
const nodeDev = spawn(
	'npx',
	['n8n-node', 'dev', '--external-n8n', '--custom-user-folder', folder],
	{
		cwd: packageDir,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, CI: 'true' },
		// its own process group: npx → n8n-node → tsc --watch all stop together
		detached: true,
	},
);
running.nodeDev = nodeDev;
let nodeDevLog = '';
nodeDev.stdout.on('data', (d) => (nodeDevLog += d));
nodeDev.stderr.on('data', (d) => (nodeDevLog += d));
const linked = path.join(folder, '.n8n', 'custom', 'node_modules', PACKAGE);
for (let i = 0; i < 120 && !existsSync(linked); i++) {
	if (nodeDev.exitCode !== null) {
		console.error(`dev: n8n-node dev exited:\n${nodeDevLog}`);
		await stop(1);
	}
	await new Promise((r) => setTimeout(r, 500));
}
console.log(`dev: n8n-node dev linked the package into ${path.relative(root, linked)}`);

await importOnce();
running.n8n = await startN8n(target, folder, {
	N8N_PORT: String(n8nPort),
	N8N_DEV_RELOAD: 'true',
	DB_SQLITE_POOL_SIZE: '10',
	N8N_LOG_LEVEL: 'info',
});
const owner = await setUpOwner(running.n8n.base, DEV_OWNER);
if (owner.status !== 200) {
	// set up on an earlier run: signing in proves the account
	const login = await rest(running.n8n.base, undefined, 'POST', '/login', {
		emailOrLdapLoginId: DEV_OWNER.email,
		password: DEV_OWNER.password,
	});
	if (login.status !== 200) console.error(`dev: could not sign in as ${DEV_OWNER.email}`);
}
console.log(
	[
		'',
		`dev: ready. n8n editor: ${running.n8n.base}  (sign in: ${DEV_OWNER.email} / ${DEV_OWNER.password})`,
		'dev: the examples are in Workflows; the "BigCommerce Sandbox" credential points at the sandbox.',
		'dev: edit packages/n8n-nodes-bigcommerce-payments and n8n reloads the nodes. Ctrl-C stops everything.',
	].join('\n'),
);
