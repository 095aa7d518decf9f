import type { INode } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { HarnessNodeTypes, loadOptions, toolVariant } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { NODE_TYPE, createOrder, sandboxCredentials, withEmulator } from '../helpers/setup';
import { processParams } from '../helpers/params';

/** What n8n's editor reads from the node: outputs per operation, tool use, icons, dropdowns. */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());

describe('node description', () => {
	const description = new BigCommercePayments().description;
	const outputsFor = (parameters: Record<string, string>) => {
		const n = {
			id: 'x',
			name: 'x',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters,
		};
		const workflow = new Workflow({
			nodes: [n],
			connections: {},
			active: false,
			nodeTypes: new HarnessNodeTypes({ [NODE_TYPE]: new BigCommercePayments() }),
		});
		return NodeHelpers.getNodeOutputs(workflow, workflow.getNode('x') as INode, description).map(
			(o) => (typeof o === 'string' ? o : (o.displayName ?? o.type)),
		);
	};

	test('Process has Approved, Declined, Failed outputs; Single Output and the rest, one', () => {
		expect(outputsFor({ resource: 'payment', operation: 'process' })).toEqual([
			'Approved',
			'Declined',
			'Failed',
		]);
		expect(outputsFor({ resource: 'payment', operation: 'process', routing: 'single' })).toEqual([
			'main',
		]);
		expect(outputsFor({ resource: 'order', operation: 'create' })).toEqual(['main']);
	});

	test('usable as a tool, with a credential, subtitle and themed icon', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'bigCommerceApi', required: true }]);
		expect(description.icon).toEqual({
			light: 'file:../../icons/bigcommerce.svg',
			dark: 'file:../../icons/bigcommerce.dark.svg',
		});
	});

	test('as a tool: the owner-only fields show on the tool variant only; n8n describes each operation by its action', () => {
		const tool = toolVariant(new BigCommercePayments()).description;
		const shown = (d: typeof description, parameters: Record<string, unknown>) => {
			const node = {
				id: 'x',
				name: 'Refund order',
				type: `${NODE_TYPE}${d === description ? '' : 'Tool'}`,
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: parameters as INode['parameters'],
			};
			return NodeHelpers.getNodeParameters(d.properties, node.parameters, true, false, node, d);
		};
		const refund = { resource: 'order', operation: 'refund' };
		expect(shown(tool, refund)).toMatchObject({
			allowedOperations: [
				'checkout.createOrder',
				'checkout.selectShippingOption',
				'checkout.setBillingAddress',
				'order.capture',
				'order.create',
				'order.refund',
				'order.void',
				'payment.process',
			],
			limits: {},
			idempotencyKey: '',
		});
		expect(shown(description, refund)).not.toHaveProperty('allowedOperations');
		expect(shown(description, refund)).toHaveProperty('limits');
		// What the model reads when Tool Description is left on "Set Automatically"
		const auto = (parameters: Record<string, unknown>) =>
			NodeHelpers.getToolDescriptionForNode(
				{ parameters } as unknown as INode,
				{ description: tool } as never,
			);
		expect(auto({ ...refund, descriptionType: 'auto' })).toBe(
			'Refund an order in BigCommerce Payments',
		);
		expect(auto({ resource: 'payment', operation: 'process', descriptionType: 'auto' })).toBe(
			'Process a payment in BigCommerce Payments',
		);
		expect(
			auto({ ...refund, descriptionType: 'manual', toolDescription: 'Refund once per key' }),
		).toBe('Refund once per key');
	});

	test("the payment-method dropdown loads the order's methods (n8n-core)", async () => {
		const orderId = await createOrder(emulator, 1);
		const options = await loadOptions(
			{
				id: 'Charge',
				name: 'Charge',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: processParams(orderId, { instrumentType: 'card' }) as INode['parameters'],
				credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
			},
			'getPaymentMethods',
			{
				nodeTypes: { [NODE_TYPE]: new BigCommercePayments() },
				credentialTypes: { bigCommerceApi: new BigCommerceApi() },
				credentials: { bigCommerceApi: sandboxCredentials(emulator) },
			},
		);
		expect(options[0]).toEqual({
			name: 'Stripe (test mode)',
			value: 'stripe.card',
			description: 'stripe.card',
		});
		expect(options.map((o) => o.value)).toContain('braintree.paypal');
		expect(emulator.requests().at(-1)).toMatchObject({ path: `/v3/payments/methods`, status: 200 });
	});
});
