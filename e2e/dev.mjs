// `npm run dev` in use: starts scripts/dev.mjs as a person would (its own sandbox, n8n-node dev and
// n8n 2.41.1 with hot reload, in a throwaway folder on free ports), waits for it to say it is ready,
// signs in as the owner it printed, and checks that the editor it serves lists every example
// workflow, that n8n loaded our linked nodes, and that an example opens with them on the canvas.
// Then Ctrl-C (SIGINT) must stop everything it started.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, launchBrowser, reporter, rest, root, signedInPage } from './lib.mjs';

const report = reporter();
const folder = mkdtempSync(path.join(os.tmpdir(), 'n8n-dev-'));
const [n8nPort, emulatorPort] = [await freePort(), await freePort()];
const examples = readdirSync(path.join(root, 'examples'))
	.filter((f) => f.endsWith('.json') && f !== 'sandbox-credentials.json')
	.map((f) => JSON.parse(readFileSync(path.join(root, 'examples', f), 'utf8')).name);

const dev = spawn('node', [path.join(root, 'scripts', 'dev.mjs')], {
	cwd: root,
	env: {
		...process.env,
		DEV_FOLDER: folder,
		DEV_PORT: String(n8nPort),
		EMULATOR_PORT: String(emulatorPort),
	},
	stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
dev.stdout.on('data', (d) => (log += d));
dev.stderr.on('data', (d) => (log += d));
const exited = new Promise((resolve) => dev.on('exit', resolve));

try {
	for (let i = 0; i < 480 && !/dev: ready/.test(log); i++) {
		if (dev.exitCode !== null) throw new Error(`npm run dev exited early:\n${log.slice(-3000)}`);
		await new Promise((r) => setTimeout(r, 500));
	}
	const ready = /dev: ready\. n8n editor: (\S+)\s+\(sign in: (\S+) \/ (\S+)\)/.exec(log);
	report.check(
		ready !== null,
		'npm run dev says it is ready, with the editor address and the owner',
	);
	if (!ready) throw new Error(log.slice(-3000));
	const [, base, email, password] = ready;
	const login = await rest(base, undefined, 'POST', '/login', {
		emailOrLdapLoginId: email,
		password,
	});
	const cookie = (login.setCookie ?? '').split(';')[0];
	report.check(login.status === 200, `signed in as ${email} (HTTP ${login.status})`);
	const listed = (await rest(base, cookie, 'GET', '/workflows')).json?.data ?? [];
	const names = listed.map((w) => w.name);
	report.check(
		examples.every((n) => names.includes(n)),
		`the editor lists every example (${examples.length}): ${names.join('; ')}`,
	);
	const types = await (await fetch(`${base}/types/nodes.json`, { headers: { cookie } })).json();
	const ours = types.map((t) => t.name).filter((n) => n.startsWith('CUSTOM.bigCommerce'));
	report.check(
		ours.includes('CUSTOM.bigCommercePayments') && ours.includes('CUSTOM.bigCommerceTrigger'),
		`n8n loaded the linked package's nodes: ${ours.join(', ')}`,
	);
	const browser = await launchBrowser();
	try {
		const page = await signedInPage(browser, base, cookie.slice('n8n-auth='.length));
		await page.goto(`${base}/home/workflows`, { waitUntil: 'domcontentloaded' });
		const first = page.getByText(examples[0], { exact: true }).first();
		report.check(
			await first
				.waitFor({ timeout: 60000 })
				.then(() => true)
				.catch(() => false),
			`the workflow list in the browser shows "${examples[0]}"`,
		);
		const deal = listed.find((w) => /CRM deal/.test(w.name));
		await page.goto(`${base}/workflow/${deal.id}`, { waitUntil: 'domcontentloaded' });
		const node = page.getByText('Charge Card on File', { exact: true }).first();
		const shown = await node
			.waitFor({ timeout: 60000 })
			.then(() => true)
			.catch(() => false);
		await page.waitForTimeout(1500);
		const text = await page.locator('body').innerText();
		report.check(
			shown && !/not (currently )?installed|Install this node|unknown node/i.test(text),
			'an example opens with the linked nodes on the canvas, none unknown',
		);
	} finally {
		await browser.close();
	}
} catch (error) {
	report.check(false, error.message);
} finally {
	dev.kill('SIGINT');
	const code = await Promise.race([
		exited,
		new Promise((r) => setTimeout(() => r('timeout'), 20000)),
	]);
	report.check(code !== 'timeout', `Ctrl-C stopped npm run dev (exit ${code})`);
	if (code === 'timeout') dev.kill('SIGKILL');
	rmSync(folder, { recursive: true, force: true });
}
console.log(
	`e2e dev: ${report.failures === 0 ? 'all checks passed' : `${report.failures} check(s) failed`}`,
);
process.exit(report.failures === 0 ? 0 : 1);
