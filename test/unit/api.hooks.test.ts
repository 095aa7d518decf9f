import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { ITEMS_NODE_TYPE, runWorkflow } from 'n8n-harness';
import {
	createHook,
	deleteHook,
	getConnection,
	getHook,
	listHooks,
	updateHook,
} from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api';
import { sandboxCredentials, withEmulator } from '../helpers/setup';

/**
 * The webhook calls the trigger builds on, run the way the trigger will run them: inside n8n's
 * engine, with the credential's authenticate, over HTTP to the emulator.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

class HookProbe implements INodeType {
	description = {
		displayName: 'Hook Probe',
		name: 'hookProbe',
		group: [],
		version: 1,
		description: '',
		defaults: { name: 'Hook Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'bigCommerceApi', required: true }],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connection = await getConnection.call(this);
		const destination = 'https://example.com/webhook/abc';
		const created = await createHook.call(this, connection, {
			scope: 'store/order/created',
			destination,
			active: true,
		});
		const listed = await listHooks.call(this, connection);
		const read = await getHook.call(this, connection, created.id);
		const updated = await updateHook.call(this, connection, created.id, { active: false });
		const deleted = await deleteHook.call(this, connection, created.id);
		const after = await listHooks.call(this, connection);
		// A hook that is gone is an answer: null to read, and deleting it again still ends gone.
		const readGone = await getHook.call(this, connection, created.id);
		const deletedAgain = await deleteHook.call(this, connection, created.id);
		return [[{ json: { created, listed, read, updated, deleted, after, readGone, deletedAgain } }]];
	}
}

test('create, list, get, update and delete a hook, each answer read from its data envelope; a gone hook reads null and deletes again', async () => {
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
					type: 'test.hookProbe',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
					credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
				},
			],
			connections: { Items: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		},
		{
			nodeTypes: { 'test.hookProbe': new HookProbe() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator) },
		},
	);
	expect(result.error()).toBeUndefined();
	const out = result.output('Probe')[0].json as Record<string, unknown>;
	const hook = { scope: 'store/order/created', destination: 'https://example.com/webhook/abc' };
	expect(out.created).toMatchObject({ ...hook, is_active: true, id: expect.any(Number) });
	expect(out.listed).toEqual([out.created]);
	expect(out.read).toEqual(out.created);
	expect(out.updated).toMatchObject({ ...hook, is_active: false });
	expect(out.deleted).toBe(true);
	expect(out.after).toEqual([]);
	expect(out.readGone).toBeNull();
	expect(out.deletedAgain).toBe(true);
});
