// What `npx @n8n/scan-community-package <name>` runs, on this repository and our own tarball instead
// of a published package (the published CLI downloads by name from the registry and needs npm
// provenance). The scanner's own code, both of its legs:
// - source: like the scanner, which downloads the attested commit from GitHub, we take the files git
//   would commit (tracked and new, not ignored), find the package root by its package.json name with
//   the scanner's findPackageRoot, and lint its package.json, nodes/ and credentials/;
// - tarball: `npm pack` in the package's folder, unpacked, every .js and package.json.
// Plus what the scanner's newer rule `no-monorepo` asks of package.json (no nested
// repository.directory), and that the tarball holds only dist/, package.json, README and LICENSE.
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
	findPackageRoot,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'n8n-nodes-bigcommerce-payments';
const packageDir = path.join(root, 'packages', NAME);
const work = path.join(root, '.scan');
rmSync(work, { recursive: true, force: true });
mkdirSync(path.join(work, 'package'), { recursive: true });
let findings = 0;
const finding = (message) => {
	findings++;
	console.log(message);
};

// The repository as a commit of this tree would hold it.
const source = path.join(work, 'source');
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
	cwd: root,
	encoding: 'utf8',
})
	.split('\0')
	.filter((f) => f && statSync(path.join(root, f), { throwIfNoEntry: false })?.isFile());
for (const f of files) {
	mkdirSync(path.dirname(path.join(source, f)), { recursive: true });
	cpSync(path.join(root, f), path.join(source, f));
}
const found = await findPackageRoot(source, NAME);
if (path.relative(source, found ?? '') !== path.relative(root, packageDir)) {
	finding(`scan: findPackageRoot found ${found ?? 'nothing'}, not packages/${NAME}`);
} else {
	console.log(`scan: the scanner finds the package at ${path.relative(source, found)}`);
}

const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const directory = manifest.repository?.directory;
if (directory !== undefined && !/^\.(?:[\\/]\.)*[\\/]?$/.test(directory)) {
	finding(`package.json: repository.directory "${directory}" (n8n's no-monorepo rule refuses it)`);
}

const [packed] = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
		cwd: packageDir,
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
const allowed = /^(dist\/|package\.json$|README\.md$|LICENSE(\.md)?$)/;
for (const p of packed.files.map((f) => f.path).filter((p) => !allowed.test(p)))
	finding(`pack: ${p} is not dist/, package.json, README or LICENSE`);
for (const file of [
	...manifest.n8n.nodes,
	...manifest.n8n.credentials,
	'dist/icons/bigcommerce.svg',
])
	if (!packed.files.some((f) => f.path === file))
		finding(`pack: ${file} is missing (run npm run build first)`);

const legs = [
	[`source (${path.relative(source, found ?? source)}: nodes/, credentials/, package.json)`, found],
	['tarball (compiled .js and package.json)', path.join(work, 'package')],
];
for (const [name, dir] of legs) {
	if (!dir) continue;
	const patterns = dir === found ? SOURCE_FILE_PATTERNS : ['**/*.js', 'package.json'];
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`scan ${name}: passed`);
	} else {
		finding(`scan ${name}: ${result.message}`);
		if (result.details) console.log(result.details);
	}
}

// The check must be able to fail: the same source leg on a copy whose node uses a timer, which n8n
// Cloud forbids, has to be refused.
const broken = path.join(work, 'broken');
cpSync(found ?? packageDir, broken, { recursive: true });
const nodeFile = path.join(broken, 'nodes', 'BigCommerce', 'BigCommercePayments.node.ts');
writeFileSync(nodeFile, `${readFileSync(nodeFile, 'utf8')}\nsetTimeout(() => undefined, 1);\n`);
if ((await analyzePackage(broken, SOURCE_FILE_PATTERNS)).passed)
	finding('scan: a node that calls setTimeout passed the scanner: the check is not running');
else console.log('scan: negative control refused (a node calling setTimeout)');

const dist = path.join(work, 'package', 'dist');
const inDist = readdirSync(dist, { recursive: true }).filter((f) =>
	statSync(path.join(dist, f)).isFile(),
);
console.log(
	`${packed.filename}: ${packed.files.length} files (${inDist.length} in dist/), ${packed.size} bytes`,
);
console.log(`${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
