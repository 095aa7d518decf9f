import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';

// n8n's Cloud-compatible rule set on everything that ships (nodes/, credentials/, package.json).
// The emulator, harness, tests and scripts never ship and may use Node's own modules.
export default [
	{ ignores: ['dist/**', 'build/**', 'node_modules/**', 'emulator/**', 'harness/**', 'test/**', 'scripts/**', 'bench/**', 'examples/**', 'coverage/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser },
	},
	n8nCommunityNodesPlugin.configs.recommended,
];
