import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';

// n8n's Cloud-compatible rule set, on exactly what ships: the node, the credential and package.json.
// The emulator, harness, tests, scripts, e2e and benchmark never ship and may use Node's own modules.
const { ignores, ...recommended } = n8nCommunityNodesPlugin.configs.recommended;

export default [
	{
		ignores: [
			'dist/**',
			'build/**',
			'node_modules/**',
			'.scan/**',
			'.e2e-pack/**',
			...(ignores ?? []),
		],
	},
	{
		...recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser },
	},
];
