// Shared by the end-to-end scripts: where the cached n8n installs live, packing this package and
// installing it the way n8n's Community Nodes installer does, and running n8n's CLI.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The published package's folder: what `npm pack` packs, what n8n installs. */
export const packageDir = path.join(root, 'packages', 'n8n-nodes-bigcommerce-payments');
export const cache =
	process.env.N8N_E2E_CACHE ??
	path.join(
		process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
		'n8n-nodes-bigcommerce-payments-e2e',
	);
const N8N2 = process.env.N8N2_VERSION ?? '2.41.1';
const N8N1 = process.env.N8N1_VERSION ?? '1.123.81';

export const TARGETS = [
	{
		label: `n8n ${N8N2} on Node 24`,
		major: '2',
		dir: path.join(cache, `n8n-${N8N2}`),
		bin: path.join(cache, 'node24', 'bin'),
	},
	// n8n 1.123's default "vm" expression engine needs isolated-vm, which needs Node 22+; on Node 20
	// n8n runs its legacy engine.
	{
		label: `n8n ${N8N1} on Node ${process.versions.node}`,
		major: '1',
		dir: path.join(cache, `n8n-${N8N1}`),
		bin: path.dirname(process.execPath),
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
];

export const WORKFLOW_FILES = [
	'charge-card-on-file-when-deal-closes.json',
	'nightly-retry-declined-charges.json',
	'pay-new-order-with-new-card.json',
	'recover-abandoned-cart.json',
];

export function sh(cmd, args, options = {}) {
	return execFileSync(cmd, args, {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
		...options,
	});
}

export function pack() {
	const out = path.join(root, '.e2e-pack');
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out);
	const [packed] = JSON.parse(
		sh('npm', ['pack', '--json', '--pack-destination', out], { cwd: packageDir }),
	);
	return path.join(out, packed.filename);
}

export function n8nEnv(target, userFolder, extra = {}) {
	return {
		...process.env,
		PATH: `${target.bin}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-only-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		// `execute --rawOutput` prints the run through the logger at info level.
		N8N_LOG_LEVEL: 'info',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		DB_TYPE: 'sqlite',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		...target.env,
		...extra,
	};
}

const execFileAsync = promisify(execFile);

// Asynchronous on purpose: the emulator answers n8n from this same process.
export async function n8n(target, userFolder, args, extraEnv = {}) {
	const { stdout } = await execFileAsync(
		path.join(target.dir, 'node_modules', '.bin', 'n8n'),
		args,
		{
			env: n8nEnv(target, userFolder, extraEnv),
			cwd: userFolder,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	return stdout;
}

/**
 * What n8n's Community Nodes installer does (CommunityPackagesService.downloadPackage, the same in
 * 1.123 and 2.41): unpack the tarball into ~/.n8n/nodes/node_modules/<name>, drop its dev, peer and
 * optional dependencies from package.json, `npm install` inside it with scripts off, and record the
 * package in ~/.n8n/nodes/package.json.
 */
export function installLikeTheCommunityInstaller(target, userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const { name, version } = JSON.parse(sh('tar', ['-xzOf', tarball, 'package/package.json']));
	const packageDir = path.join(nodesDir, 'node_modules', name);
	mkdirSync(packageDir, { recursive: true });
	sh('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = path.join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
		delete manifest[key];
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	sh(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, env: n8nEnv(target, userFolder) },
	);
	writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [name]: version } },
			null,
			2,
		),
	);
}

/** examples/sandbox-credentials.json with the BigCommerce credential pointed at `emulatorUrl`. */
export function sandboxCredentials(emulatorUrl) {
	const creds = JSON.parse(
		readFileSync(path.join(root, 'examples', 'sandbox-credentials.json'), 'utf8'),
	);
	for (const c of creds.filter((x) => x.type === 'bigCommerceApi'))
		Object.assign(c.data, { apiBaseUrl: emulatorUrl, paymentsBaseUrl: emulatorUrl });
	return creds;
}

/**
 * A fresh n8n user folder with the package installed as the Community Nodes installer does it
 * (npm install of the package into ~/.n8n/nodes), the sandbox credential pointing at `emulatorUrl`,
 * and the example workflows imported, with `more` ({file name: workflow}) in the same CLI run, and
 * `moreCredentials` beside the sandbox's.
 */
export async function prepareUserFolder(
	target,
	tarball,
	emulatorUrl,
	more = {},
	moreCredentials = [],
) {
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	installLikeTheCommunityInstaller(target, userFolder, tarball);
	const creds = [...sandboxCredentials(emulatorUrl), ...moreCredentials];
	const credsFile = path.join(userFolder, 'credentials.json');
	writeFileSync(credsFile, JSON.stringify(creds));
	await n8n(target, userFolder, ['import:credentials', `--input=${credsFile}`]);
	// One CLI run for all of them: every n8n command boots n8n (seconds each, twice per version).
	const workflows = path.join(userFolder, 'workflows');
	mkdirSync(workflows);
	for (const file of WORKFLOW_FILES)
		writeFileSync(
			path.join(workflows, file),
			readFileSync(path.join(root, 'examples', file), 'utf8'),
		);
	for (const [file, workflow] of Object.entries(more))
		writeFileSync(path.join(workflows, file), JSON.stringify(workflow));
	await n8n(target, userFolder, ['import:workflow', '--separate', `--input=${workflows}`]);
	return userFolder;
}

/** The emulator package as built (npm run build): the workspace link resolves to its dist/. */
export async function loadEmulator() {
	return await import('bigcommerce-emulator');
}

export function reporter() {
	let failures = 0;
	return {
		check(condition, message) {
			console.log(`  ${condition ? '✓' : '✗'} ${message}`);
			if (!condition) failures++;
		},
		get failures() {
			return failures;
		},
	};
}

export const freePort = () =>
	new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});

/** `n8n start` on free loopback ports; resolves once its REST API answers. */
export async function startN8n(target, userFolder, extraEnv = {}) {
	const port = extraEnv.N8N_PORT ? Number(extraEnv.N8N_PORT) : await freePort();
	const brokerPort = await freePort();
	const child = spawn(path.join(target.dir, 'node_modules', '.bin', 'n8n'), ['start'], {
		env: n8nEnv(target, userFolder, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_LOG_LEVEL: 'warn',
			N8N_HOST: '127.0.0.1',
			...extraEnv,
		}),
		cwd: userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 240; i++) {
		if (child.exitCode !== null) throw new Error(`n8n exited: ${log.slice(-2000)}`);
		try {
			if ((await fetch(`${base}/healthz`)).ok) {
				// healthz answers before the REST API is wired; wait for the settings endpoint too
				if ((await fetch(`${base}/rest/settings`)).ok) return { child, base, log: () => log };
			}
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	child.kill('SIGKILL');
	throw new Error(`n8n did not start: ${log.slice(-2000)}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `condition` every 250 ms for up to `ms`; whether it came true. */
export async function waitFor(condition, ms = 30000) {
	for (let waited = 0; waited < ms; waited += 250) {
		if (await condition()) return true;
		await sleep(250);
	}
	return false;
}

/** The owner every suite signs up on a fresh n8n, and the browser id n8n ties its sessions to. */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Password-1',
};
export const BROWSER_ID = 'e2e-browser';

/** n8n's internal REST API (`/rest/…`), as the editor calls it. */
export async function rest(base, cookie, method, route, body) {
	const response = await fetch(`${base}/rest${route}`, {
		method,
		headers: {
			'Content-Type': 'application/json',
			'browser-id': BROWSER_ID,
			...(cookie ? { cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, json, setCookie: response.headers.get('set-cookie') };
}

/**
 * Sets up the owner of a fresh n8n; resolves to the setup's status and the session cookie
 * (`n8n-auth=…`), or '' on failure.
 */
export async function setUpOwner(base, owner = OWNER) {
	// n8n answers /rest/settings a moment before its owner routes are wired (seen under load as a
	// 401 on every later call, and once in CI for longer than 30 s): ask again until the setup
	// answers, for up to 2 minutes.
	let setup;
	for (let i = 0; i < 240; i++) {
		setup = await rest(base, undefined, 'POST', '/owner/setup', owner).catch((error) => ({
			status: 0,
			json: error.message,
		}));
		if (
			setup.status === 200 ||
			(setup.status >= 400 && setup.status < 500 && setup.status !== 401 && setup.status !== 404)
		)
			break;
		await new Promise((r) => setTimeout(r, 500));
	}
	const cookie = (setup.setCookie ?? '').split(';')[0];
	if (setup.status === 200 && cookie) return { status: 200, cookie };
	// A setup whose answer was lost may have made the owner already (n8n then answers 400): sign in.
	const login = await rest(base, undefined, 'POST', '/login', {
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
	const loginCookie = (login.setCookie ?? '').split(';')[0];
	if (login.status === 200 && loginCookie) return { status: 200, cookie: loginCookie };
	console.log(
		`  n8n owner setup answered ${setup.status} ${JSON.stringify(setup.json).slice(0, 300)}; login ${login.status}`,
	);
	return { status: setup.status, cookie: '' };
}

/** Stops an `n8n start` from startN8n: a polite SIGTERM, then SIGKILL a second later. */
export async function stopN8n(n8nProcess) {
	if (!n8nProcess) return;
	n8nProcess.child.kill('SIGTERM');
	await new Promise((r) => setTimeout(r, 1000));
	n8nProcess.child.kill('SIGKILL');
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser() {
	const { chromium } = await import('playwright-core');
	return await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** A page of the editor, signed in as the owner. */
export async function signedInPage(browser, base, cookieValue) {
	const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
	await context.addInitScript(
		// Runs in the page, where `window` exists.
		(id) => window.localStorage.setItem('n8n-browserId', id),
		BROWSER_ID,
	);
	await context.addCookies([{ name: 'n8n-auth', value: cookieValue, url: base }]);
	return await context.newPage();
}
