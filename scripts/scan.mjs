// What `npx @n8n/scan-community-package <name>` runs, on our own tarball instead of a published
// package: the published CLI downloads by name from the registry and needs npm provenance, so we
// pack locally and run its exported analyser on both of its legs (the source it would fetch from
// the provenance commit, and the unpacked tarball).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.scan');
rmSync(work, { recursive: true, force: true });
mkdirSync(path.join(work, 'package'), { recursive: true });

const [packed] = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	}),
);
execFileSync('tar', [
	'-xzf',
	path.join(work, packed.filename),
	'-C',
	path.join(work, 'package'),
	'--strip-components=1',
]);

let findings = 0;
const allowed = /^(dist\/|package\.json$|README\.md$|LICENSE(\.md)?$)/;
const stray = packed.files.map((f) => f.path).filter((p) => !allowed.test(p));
for (const p of stray) console.log(`pack: ${p} is not dist/, package.json, README or LICENSE`);
findings += stray.length;
for (const required of [
	'dist/nodes/BigCommercePayments/BigCommercePayments.node.js',
	'dist/nodes/BigCommerceTrigger/BigCommerceTrigger.node.js',
	'dist/credentials/BigCommerceApi.credentials.js',
	'dist/icons/bigcommerce.svg',
	'dist/icons/bigcommerce.dark.svg',
]) {
	if (!packed.files.some((f) => f.path === required)) {
		console.log(`pack: ${required} is missing (run npm run build first)`);
		findings++;
	}
}

const legs = [
	['source (nodes/, credentials/, package.json)', root, SOURCE_FILE_PATTERNS],
	[
		'tarball (compiled .js and package.json)',
		path.join(work, 'package'),
		['**/*.js', 'package.json'],
	],
];
for (const [name, dir, patterns] of legs) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`scan ${name}: passed`);
	} else {
		findings++;
		console.log(`scan ${name}: ${result.message}`);
		if (result.details) console.log(result.details);
	}
}

const files = readdirSync(path.join(work, 'package', 'dist'), { recursive: true }).filter((f) =>
	statSync(path.join(work, 'package', 'dist', f)).isFile(),
);
console.log(
	`${packed.filename}: ${packed.files.length} files (${files.length} in dist/), ${packed.size} bytes`,
);
console.log(`${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
