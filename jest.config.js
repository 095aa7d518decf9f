/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
	},
	// Tests run the sources of every package, not their builds: the same names as tsconfig.json's paths.
	moduleNameMapper: {
		'^bigcommerce-emulator$': '<rootDir>/packages/bigcommerce-emulator/src',
		'^bigcommerce-emulator/(.*)$': '<rootDir>/packages/bigcommerce-emulator/$1',
		'^n8n-harness$': '<rootDir>/packages/n8n-harness/src',
		'^n8n-nodes-bigcommerce-payments/(.*)$': '<rootDir>/packages/n8n-nodes-bigcommerce-payments/$1',
	},
	// Each file starts its own emulator on a free port; two workers fit the 2-core machines.
	maxWorkers: 2,
	testTimeout: 30000,
};
