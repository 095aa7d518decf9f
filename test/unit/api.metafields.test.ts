import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { ITEMS_NODE_TYPE, runWorkflow } from 'n8n-harness';
import type { StoreConnection } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api';
import {
	BigCommerceApiError,
	createOrderMetafield,
	createOrderMetafields,
	deleteOrderMetafield,
	findOrderMetafields,
	getConnection,
	listOrderMetafields,
	updateOrderMetafield,
} from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api';
import { sandboxCredentials, withEmulator } from '../helpers/setup';

/**
 * The order-metafield calls the claim logic builds on, run the way the node will run them: inside
 * n8n's engine, with the credential's authenticate, over HTTP to the emulator.
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			// A second API account: its `read` metafields are visible to the sandbox account.
			seed: (s) => ({
				...s,
				tokens: [
					...s.tokens,
					{ token: 'other-app-token', clientId: 'other-app', scopes: ['store_v2_orders'] },
				],
			}),
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

type Body = (this: IExecuteFunctions, connection: StoreConnection) => Promise<unknown>;

/** Runs `body` as a node's execute in n8n's engine and returns what it returned. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own result shape
async function inNode(body: Body, credentials?: ICredentialDataDecryptedObject): Promise<any> {
	class Probe implements INodeType {
		description = {
			displayName: 'Metafield Probe',
			name: 'metafieldProbe',
			group: [],
			version: 1,
			description: '',
			defaults: { name: 'Metafield Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'bigCommerceApi', required: true }],
			properties: [],
		} as unknown as INodeType['description'];

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const connection = await getConnection.call(this);
			return [[{ json: { result: (await body.call(this, connection)) as never } }]];
		}
	}
	const result = await runWorkflow(
		{
			nodes: [
				{
					id: '1',
					name: 'Items',
					type: ITEMS_NODE_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: { items: '[{}]' },
				},
				{
					id: '2',
					name: 'Probe',
					type: 'test.metafieldProbe',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
					credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
				},
			],
			connections: { Items: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		},
		{
			nodeTypes: { 'test.metafieldProbe': new Probe() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: credentials ?? sandboxCredentials(emulator) },
		},
	);
	expect(result.error()).toBeUndefined();
	return result.output('Probe')[0].json.result;
}

/** A call's BigCommerceApiError as plain details, so a test can look at it after the run. */
async function failure(call: Promise<unknown>) {
	try {
		await call;
	} catch (error) {
		if (error instanceof BigCommerceApiError) return { ...error.details };
		throw error;
	}
	throw new Error('expected the call to fail');
}

const claim = { permission_set: 'app_only' as const, namespace: 'n8n', key: 'claim', value: 'e1' };
const posts = (suffix: string) =>
	emulator.requests().filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

test('create, read back, update, delete; a duplicate is already_exists (409), a gone one deletes again', async () => {
	const out = await inNode(async function (connection) {
		const created = await createOrderMetafield.call(this, connection, 100, claim);
		const duplicate = await failure(
			createOrderMetafield.call(this, connection, 100, { ...claim, value: 'e2' }),
		);
		const listed = await listOrderMetafields.call(this, connection, 100, { namespace: 'n8n' });
		const other = await createOrderMetafield.call(this, connection, 100, {
			...claim,
			key: 'other',
		});
		const updated = await updateOrderMetafield.call(this, connection, 100, created.id, {
			...claim,
			value: 'e3',
		});
		const updateToTaken = await failure(
			updateOrderMetafield.call(this, connection, 100, other.id, claim),
		);
		const deleted = await deleteOrderMetafield.call(this, connection, 100, created.id);
		const deletedAgain = await deleteOrderMetafield.call(this, connection, 100, created.id);
		const after = await listOrderMetafields.call(this, connection, 100, { key: 'claim' });
		return { created, duplicate, listed, updated, updateToTaken, deleted, deletedAgain, after };
	});
	expect(out.created).toMatchObject({
		...claim,
		id: expect.any(Number),
		resource_type: 'order',
		resource_id: 100,
		owner_client_id: 'sandbox-client',
	});
	expect(out.duplicate).toMatchObject({
		reason: 'already_exists',
		httpStatus: 409,
		outcome: 'failed',
		retryable: false,
		message: expect.stringMatching(/already exists/),
	});
	expect(out.duplicate.message).not.toMatch(/sandbox-token/);
	expect(out.listed).toEqual([out.created]);
	expect(out.updated).toMatchObject({ id: out.created.id, value: 'e3' });
	expect(out.updateToTaken).toMatchObject({ reason: 'already_exists', httpStatus: 409 });
	expect(out.deleted).toBe(true);
	expect(out.deletedAgain).toBe(false);
	expect(out.after).toEqual([]);
});

test('a create whose answer is lost is sent once and fails as outcome_unknown: only a read tells', async () => {
	emulator.addFault({ route: 'POST /v3/orders/*/metafields', kind: 'commitThenDrop', times: 1 });
	const out = await inNode(async function (connection) {
		const lost = await failure(createOrderMetafield.call(this, connection, 100, claim));
		const readBack = await listOrderMetafields.call(this, connection, 100, claim);
		return { lost, readBack };
	});
	expect(out.lost).toMatchObject({ reason: 'outcome_unknown', httpStatus: null });
	expect(posts('/v3/orders/100/metafields')).toHaveLength(1);
	expect(out.readBack).toEqual([expect.objectContaining({ key: 'claim', value: 'e1' })]);
});

test('lists follow every page; key and namespace lists ask with :in; an empty list asks nothing', async () => {
	// 250 by this account and 5 visible ones by another: more than one page of 250 on order 100.
	const mine = Array.from({ length: 250 }, (_, i) => ({
		...claim,
		key: `k${i}`,
		resource_id: 100,
	}));
	const theirs = Array.from({ length: 5 }, (_, i) => ({
		...claim,
		permission_set: 'read',
		namespace: 'crm',
		key: `k${i}`,
		resource_id: 100,
	}));
	await fetch(`${emulator.url}/stores/${emulator.storeHash}/v3/orders/metafields`, {
		method: 'POST',
		headers: { 'X-Auth-Token': 'other-app-token', 'Content-Type': 'application/json' },
		body: JSON.stringify(theirs),
	});
	const out = await inNode(async function (connection) {
		const batch = await createOrderMetafields.call(this, connection, [
			...mine,
			{ ...claim, key: 'elsewhere', resource_id: 101 },
		]);
		const all = await listOrderMetafields.call(this, connection, 100);
		const crm = await listOrderMetafields.call(this, connection, 100, {
			namespace: ['crm'],
			key: ['k1', 'k3'],
		});
		const found = await findOrderMetafields.call(this, connection, { key: ['elsewhere', 'k7'] });
		const none = await findOrderMetafields.call(this, connection, { key: [] });
		return { created: batch.created.length, errors: batch.errors, all, crm, found, none };
	});
	expect(out.created).toBe(251);
	expect(out.errors).toEqual([]);
	expect(out.all).toHaveLength(255);
	expect(new Set(out.all.map((m: { id: number }) => m.id)).size).toBe(255);
	expect(out.crm.map((m: { namespace: string; key: string }) => `${m.namespace}/${m.key}`)).toEqual(
		['crm/k1', 'crm/k3'],
	);
	expect(
		out.found.map((m: { resource_id: number; key: string }) => [m.resource_id, m.key]),
	).toEqual([
		[100, 'k7'],
		[101, 'elsewhere'],
	]);
	expect(out.none).toEqual([]);
	// Two pages for the whole order, one for each filtered list, none for the empty one.
	const gets = emulator.requests().filter((r) => r.method === 'GET');
	expect(gets.map((r) => r.path)).toEqual([
		'/v3/orders/100/metafields',
		'/v3/orders/100/metafields',
		'/v3/orders/100/metafields',
		'/v3/orders/metafields',
	]);
});

test('a batch create returns what was made and, per refused item, its position and reason', async () => {
	const out = await inNode(async function (connection) {
		await createOrderMetafield.call(this, connection, 100, claim);
		return await createOrderMetafields.call(this, connection, [
			{ ...claim, key: 'a', resource_id: 100 },
			{ ...claim, resource_id: 100 },
			{ ...claim, key: 'b', value: '', resource_id: 101 },
		]);
	});
	expect(out.created.map((m: { key: string }) => m.key)).toEqual(['a']);
	expect(out.errors).toEqual([
		{
			position: 1,
			httpStatus: 409,
			reason: 'already_exists',
			message: expect.stringMatching(/already exists/),
		},
		{
			position: 2,
			httpStatus: 422,
			reason: 'invalid_request',
			message: expect.stringMatching(/value/),
		},
	]);
	expect(posts('/v3/orders/metafields')).toHaveLength(1);
});

test('without an orders scope every call is missing_scope (403): the claim is unavailable', async () => {
	const out = await inNode(
		async function (connection) {
			return {
				create: await failure(createOrderMetafield.call(this, connection, 100, claim)),
				list: await failure(listOrderMetafields.call(this, connection, 100)),
				find: await failure(findOrderMetafields.call(this, connection, { namespace: 'n8n' })),
			};
		},
		sandboxCredentials(emulator, 'payments-only-token'),
	);
	for (const details of Object.values(out))
		expect(details).toMatchObject({ reason: 'missing_scope', httpStatus: 403 });
	expect(JSON.stringify(out)).not.toMatch(/payments-only-token/);
});
