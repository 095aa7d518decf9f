import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { testCredential } from 'n8n-harness';
import {
	StoreHashError,
	normalizeStoreHash,
} from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api';
import { sandboxCredentials, withEmulator } from '../helpers/setup';

const credential = new BigCommerceApi();
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
afterEach(() => emulator.clearFaults());

describe('store hash normalisation', () => {
	test.each<{ input: string; expected: string }>([
		{ input: 'abc123', expected: 'abc123' },
		{ input: '  ABC123de45 ', expected: 'abc123de45' },
		{ input: 'https://api.bigcommerce.com/stores/abc123/v3/', expected: 'abc123' },
		{ input: 'api.bigcommerce.com/stores/abc123/v2/orders', expected: 'abc123' },
		{ input: 'stores/abc123', expected: 'abc123' },
		{ input: '/stores/abc123/', expected: 'abc123' },
		{ input: 'store-abc123.mybigcommerce.com', expected: 'abc123' },
		{ input: 'https://store-abc123.mybigcommerce.com/manage/dashboard', expected: 'abc123' },
		{ input: 'store-abc123', expected: 'abc123' },
	])('$input → $expected', ({ input, expected }) => {
		expect(normalizeStoreHash(input)).toBe(expected);
	});

	test.each(['', 'my shop', 'https://www.example.com/', 'stores/', 'a', 'abc_123'])(
		'rejects %j with guidance',
		(input) => {
			expect(() => normalizeStoreHash(input)).toThrow(StoreHashError);
			// the guidance, in this order: what a hash is, and the two places to find it
			const guidance = new RegExp(
				[
					'store hash',
					'letters and digits',
					'api\\.bigcommerce\\.com/stores/\\{store_hash\\}',
					'store-\\{store_hash\\}\\.mybigcommerce\\.com',
				].join('.*'),
				's',
			);
			expect(() => normalizeStoreHash(input)).toThrow(guidance);
		},
	);
});

describe('authenticate', () => {
	const creds = {
		storeHash: 'https://api.bigcommerce.com/stores/abc123/v3/',
		accessToken: 'secret-token-1',
		customBaseUrls: false,
	} as ICredentialDataDecryptedObject;
	const auth = credential.authenticate as (
		c: ICredentialDataDecryptedObject,
		r: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;

	test('management paths get the store base and X-Auth-Token', async () => {
		const out = await auth(creds, { url: '/v3/payments/methods', method: 'GET' });
		expect(out.baseURL).toBe('https://api.bigcommerce.com/stores/abc123');
		expect(out.headers).toMatchObject({
			'X-Auth-Token': 'secret-token-1',
			Accept: 'application/json',
		});
	});

	test('anything else leaves without the token', async () => {
		for (const url of [
			'https://payments.bigcommerce.com/stores/abc123/payments',
			'/payments',
			'https://evil.example/v3/hooks',
		]) {
			const out = await auth(creds, { url, method: 'POST', headers: { Authorization: 'PAT x' } });
			expect(JSON.stringify(out)).not.toContain('secret-token-1');
		}
	});

	test('custom base URLs are used only when switched on', async () => {
		const off = await auth({ ...creds, apiBaseUrl: 'http://proxy.local' }, { url: '/v2/time' });
		expect(off.baseURL).toBe('https://api.bigcommerce.com/stores/abc123');
		const on = await auth(
			{ ...creds, customBaseUrls: true, apiBaseUrl: 'http://proxy.local/' },
			{ url: '/v2/time' },
		);
		expect(on.baseURL).toBe('http://proxy.local/stores/abc123');
	});
});

describe('credential test against the emulator (n8n-core RoutingNode, as n8n runs it)', () => {
	test('passes for an account with only payment scopes', async () => {
		const result = await testCredential(
			credential,
			sandboxCredentials(emulator, 'payments-only-token'),
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const last = emulator.requests().at(-1);
		expect(last).toMatchObject({
			method: 'GET',
			path: '/v3/hooks',
			status: 200,
			auth: { xAuthToken: true, pat: false },
		});
	});

	test('passes with a pasted API path as the store hash', async () => {
		const creds = sandboxCredentials(emulator, 'sandbox-token', {
			storeHash: `${emulator.url}/stores/sandbox/v3/`,
		});
		expect((await testCredential(credential, creds)).status).toBe('OK');
	});

	test('a bad token says so (401)', async () => {
		const result = await testCredential(credential, sandboxCredentials(emulator, 'wrong-token'));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the access token \(401\)/);
	});

	test('a wrong store hash says so (404)', async () => {
		const result = await testCredential(
			credential,
			sandboxCredentials(emulator, 'sandbox-token', { storeHash: 'nosuchstore1' }),
		);
		expect(result.message).toMatch(/No store answers at this store hash \(404\)/);
	});

	test('a missing scope says so (403)', async () => {
		emulator.addFault({ route: 'GET /v3/hooks', kind: 'status', status: 403, times: 1 });
		const result = await testCredential(credential, sandboxCredentials(emulator));
		expect(result.message).toMatch(/lacks a required OAuth scope \(403\)/);
	});

	test('a store hash that is not one explains what one looks like, and sends nothing', async () => {
		emulator.clearRequests();
		const result = await testCredential(
			credential,
			sandboxCredentials(emulator, 'sandbox-token', { storeHash: 'My Store Name' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/is not a BigCommerce store hash/);
		expect(emulator.requests()).toHaveLength(0);
	});
});
