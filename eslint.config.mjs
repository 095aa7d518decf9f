import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The dev rooms: the emulator, the harness, the tests, the benchmark, the scripts and the end-to-end
// suites. They never ship and must use Node's http, timers and fs to be an emulator and a test bench,
// so they get typescript-eslint's recommended rules. What ships lives in
// packages/n8n-nodes-bigcommerce-payments and is linted there by `n8n-node lint` in strict mode,
// with n8n's own config, unchanged.
export default tseslint.config(
	{
		ignores: [
			'**/dist/**',
			'build/**',
			'**/node_modules/**',
			'.scan/**',
			'.e2e-pack/**',
			'.dev/**',
			'coverage/**',
			'packages/n8n-nodes-bigcommerce-payments/**',
		],
	},
	{
		files: ['**/*.{ts,mjs,js}'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		languageOptions: {
			globals: Object.fromEntries(
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
	{
		files: ['**/*.{js,cjs}'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
