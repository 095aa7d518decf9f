import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeType,
	INodeExecutionData,
} from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator, EmulatorOptions } from 'bigcommerce-emulator';
import { startEmulator } from 'bigcommerce-emulator';
import type { RunResult } from 'n8n-harness';
import { ITEMS_NODE_TYPE, PACKAGE_NAME, runWorkflow } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';

import { AUTHORIZE_ONLY_CARD, processParams } from './params';

export const NODE_TYPE = `${PACKAGE_NAME}.bigCommercePayments`;

export function sandboxCredentials(
	emulator: Emulator,
	token = 'sandbox-token',
	extra: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		storeHash: emulator.storeHash,
		accessToken: token,
		customBaseUrls: true,
		apiBaseUrl: emulator.url,
		paymentsBaseUrl: emulator.url,
		...extra,
	} as ICredentialDataDecryptedObject;
}

export interface NodeRun extends RunResult {
	/** the BigCommerce node's outputs */
	out: INodeExecutionData[][];
}

/**
 * Runs `[Items] → [BigCommerce Payments]` in n8n's engine: one input item per entry of `items`,
 * the node configured with `parameters` (n8n expressions allowed), and node settings such as
 * `onError` or `continueOnFail`.
 */
export async function runNode(
	emulator: Emulator,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: Partial<INode> = {},
	credentials?: ICredentialDataDecryptedObject,
	/** another instance of the node, e.g. one loaded apart with its own pacer (another worker) */
	nodeType: INodeType = new BigCommercePayments(),
): Promise<NodeRun> {
	const nodes: INode[] = [
		{
			id: '1',
			name: 'Items',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(items) },
		},
		{
			id: '2',
			name: 'BigCommerce',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: parameters as INode['parameters'],
			credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
			...settings,
		},
	];
	const result = await runWorkflow(
		{
			nodes,
			connections: { Items: { main: [[{ node: 'BigCommerce', type: 'main', index: 0 }]] } },
		},
		{
			nodeTypes: { [NODE_TYPE]: nodeType },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: credentials ?? sandboxCredentials(emulator) },
		},
	);
	return { ...result, out: result.outputs('BigCommerce') };
}

export async function withEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return await startEmulator(options);
}

export const ADDRESS = {
	first_name: 'Ada',
	last_name: 'Lovelace',
	street_1: '1 Main St',
	city: 'Austin',
	state: 'Texas',
	zip: '78701',
	country: 'United States',
	country_iso2: 'US',
	email: 'ada@example.com',
};

/** Creates an Incomplete order through the emulator's API, for tests that are not about orders. */
export async function createOrder(
	emulator: Emulator,
	customerId: number,
	amount = 25,
	extra: IDataObject = {},
): Promise<number> {
	for (;;) {
		const response = await postOrder(emulator, customerId, amount, extra);
		// A test's own setup waits out a rate-limit window like any client would.
		if (response.status === 429) {
			await new Promise((r) =>
				setTimeout(r, Number(response.headers.get('x-rate-limit-time-reset-ms') ?? 500) + 10),
			);
			continue;
		}
		if (response.status !== 201)
			throw new Error(`order creation failed: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { id: number }).id;
	}
}

/** An order paid on an authorize-only gateway through the node: ready for Capture or Void. */
export async function authorizeOrder(emulator: Emulator, customerId = 1, amount = 25) {
	const id = await createOrder(emulator, customerId, amount);
	await runNode(emulator, processParams(id, AUTHORIZE_ONLY_CARD));
	expect(emulator.store().orders.get(id)?.payment_status).toBe('authorized');
	return id;
}

async function postOrder(
	emulator: Emulator,
	customerId: number,
	amount: number,
	extra: IDataObject,
): Promise<Response> {
	return await fetch(`${emulator.url}/stores/${emulator.storeHash}/v2/orders`, {
		method: 'POST',
		headers: {
			'X-Auth-Token': 'sandbox-token',
			'Content-Type': 'application/json',
			Accept: 'application/json',
		},
		body: JSON.stringify({
			status_id: 0,
			customer_id: customerId,
			billing_address: ADDRESS,
			products: [{ name: 'Invoice', quantity: 1, price_inc_tax: amount, price_ex_tax: amount }],
			...extra,
		}),
	});
}

export const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
