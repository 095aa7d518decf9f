import { config as n8nConfig } from '@n8n/node-cli/eslint';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Two rooms, two rule sets.
// - What ships (nodes/, credentials/, package.json) gets n8n's own CLI config verbatim: typescript-eslint,
//   import-x, the n8n-nodes-base node and credential rules, and the community rules with n8n Cloud
//   support (no Node globals, imports limited to n8n-workflow and friends).
// - The dev rooms (emulator, harness, tests, scripts, bench, e2e) never ship and must use Node's http,
//   timers and fs, so they get typescript-eslint's recommended rules without the Cloud restrictions.
// This is why package.json says `"strict": false`: n8n's strict mode means "eslint.config.mjs is the
// template", which would put the Cloud rules on the emulator and the tests too.
const SHIPS = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];
const DEV = [
	'emulator/**/*.ts',
	'harness/**/*.ts',
	'test/**/*.ts',
	'scripts/**/*.{ts,mjs}',
	'bench/**/*.ts',
	'e2e/**/*.mjs',
];

const scoped = (configs, files) =>
	configs.map((c) =>
		c.ignores && Object.keys(c).length === 1 ? c : { ...c, files: c.files ?? files },
	);

export default tseslint.config(
	{
		ignores: ['dist/**', 'build/**', 'node_modules/**', '.scan/**', '.e2e-pack/**', 'coverage/**'],
	},
	// The CLI config's blocks either name their files (package.json, credentials, nodes) or apply to
	// every .ts file: narrow the latter to what ships.
	...n8nConfig.map((c) =>
		c.files && c.files.includes('**/*.ts')
			? { ...c, files: SHIPS.filter((f) => f.endsWith('.ts')) }
			: c,
	),
	...scoped([js.configs.recommended, ...tseslint.configs.recommended], DEV),
	{
		files: DEV,
		languageOptions: {
			globals: {
				...Object.fromEntries(
					[
						'process',
						'console',
						'setTimeout',
						'clearTimeout',
						'setInterval',
						'clearInterval',
						'Buffer',
						'__dirname',
						'require',
						'module',
						'fetch',
						'URL',
						'AbortController',
						'AbortSignal',
						'TextEncoder',
						'TextDecoder',
						'structuredClone',
						'performance',
						'global',
						'globalThis',
						'Response',
						'Headers',
						'queueMicrotask',
						'setImmediate',
					].map((g) => [g, 'readonly']),
				),
			},
		},
	},
);
