// `npm run build`: the published package with n8n's own `n8n-node build` (its dist/), then the dev
// rooms with `tsc -b` (the emulator's and the harness's dist/, and build/ for the scripts and the
// benchmark). With --if-stale it builds only when a source is newer than the last build, so the demo,
// the benchmark and the end-to-end suites reuse the build `npm test` just made: CI builds once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'build', '.built');
const SOURCES = [
	'packages/n8n-nodes-bigcommerce-payments/nodes',
	'packages/n8n-nodes-bigcommerce-payments/credentials',
	'packages/n8n-nodes-bigcommerce-payments/icons',
	'packages/n8n-nodes-bigcommerce-payments/package.json',
	'packages/bigcommerce-emulator/src',
	'packages/n8n-harness/src',
	'scripts',
	'bench',
];

function newest(p) {
	if (!existsSync(p)) return 0;
	const s = statSync(p);
	if (!s.isDirectory()) return s.mtimeMs;
	return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
if (process.argv.includes('--if-stale') && built > changed) {
	console.log('build: up to date');
} else {
	const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });
	run('npx', ['n8n-node', 'build'], path.join(root, 'packages/n8n-nodes-bigcommerce-payments'));
	run('npx', ['tsc', '-b', 'tsconfig.build.json']);
	mkdirSync(path.dirname(stamp), { recursive: true });
	writeFileSync(stamp, new Date().toISOString());
}
