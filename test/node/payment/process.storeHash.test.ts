import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { loadOptions } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { NODE_TYPE, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';

/**
 * A Store Hash that is not one reaches the user as the credential's own explanation, in the node's
 * failure items and in the payment-method dropdown, and nothing is sent.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const FAILED = 2;
const badHash = () => sandboxCredentials(emulator, 'sandbox-token', { storeHash: 'my shop!' });
const charge = {
	resource: 'payment',
	operation: 'process',
	orderId: '100',
	instrumentType: 'store_credit',
};

test('Process sends the item to Failed as invalid_credentials with the credential text', async () => {
	const run = await runNode(emulator, charge, [{}], {}, badHash());
	const [failure] = json(run.out[FAILED]);
	expect(failure).toMatchObject({
		outcome: 'failed',
		reason: 'invalid_credentials',
		retryable: false,
		remedy: expect.stringMatching(/Fix the BigCommerce API credential/),
	});
	expect(failure.message).toMatch(/"my shop!" is not a BigCommerce store hash/);
	expect(emulator.requests()).toHaveLength(0);
});

test('a single-output operation stops with the same helpful message', async () => {
	const run = await runNode(
		emulator,
		{ resource: 'order', operation: 'get', orderId: '100' },
		[{}],
		{},
		badHash(),
	);
	expect(run.error()?.message).toMatch(/is not a BigCommerce store hash.*\[invalid_credentials\]/s);
	expect(emulator.requests()).toHaveLength(0);
});

test('the payment-method dropdown shows the credential text, not a generic failure', async () => {
	const node = {
		id: '1',
		name: 'Charge',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { ...charge, instrumentType: 'card' },
		credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
	};
	await expect(
		loadOptions(node, 'getPaymentMethods', {
			nodeTypes: { [NODE_TYPE]: new BigCommercePayments() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: badHash() },
		}),
	).rejects.toThrow(/"my shop!" is not a BigCommerce store hash/);
});
