import { readFileSync } from 'node:fs';
import path from 'node:path';

import { BigCommerceApi } from '../../credentials/BigCommerceApi.credentials';

/**
 * The credential ships on its own: it imports only n8n-workflow, and what it shows in the editor
 * names no address of the project's sandbox (the README does).
 */
const root = path.join(__dirname, '..', '..');

test('imports nothing but n8n-workflow', () => {
	const source = readFileSync(path.join(root, 'credentials/BigCommerceApi.credentials.ts'), 'utf8');
	const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
	expect(imports).toEqual(['n8n-workflow']);
});

test('no loopback or sandbox address in its help texts', () => {
	const texts = JSON.stringify(new BigCommerceApi().properties);
	expect(texts).not.toMatch(/127\.0\.0\.1|localhost|:4467/);
});

test('package.json has no main: n8n loads the files listed under n8n', () => {
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		main?: string;
	};
	expect(pkg.main).toBeUndefined();
});
