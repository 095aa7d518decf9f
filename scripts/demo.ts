/**
 * The main job: starts the embedded BigCommerce emulator, runs the demo workflows through n8n's
 * engine with the built package (dist/, as n8n loads it), and prints where every payment went.
 * Exits non-zero when a workflow did not run or a payment took an unexpected path.
 */
import path from 'node:path';

import type { ICredentialType, INode, INodeType } from 'n8n-workflow';

import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { ITEMS_NODE_TYPE, PACKAGE_NAME, runWorkflow } from '../harness/engine';
import type { WorkflowJson } from '../harness/engine';

const dist = path.resolve(__dirname, '../../dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BigCommercePayments } = require(path.join(dist, 'nodes/BigCommercePayments/BigCommercePayments.node.js')) as { BigCommercePayments: new () => INodeType };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BigCommerceApi } = require(path.join(dist, 'credentials/BigCommerceApi.credentials.js')) as { BigCommerceApi: new () => ICredentialType };

const NODE = `${PACKAGE_NAME}.bigCommercePayments`;
const PATHS = ['Approved', 'Declined', 'Failed'];
const ADDRESS = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', street_1: '1 Main St', city: 'Austin', state: 'Texas', zip: '78701', country: 'United States', country_iso2: 'US' };

interface Expectation {
	label: string;
	path: string;
	reason?: string;
}

interface Demo {
	name: string;
	workflow: WorkflowJson;
	payNode: string;
	expected: Expectation[];
}

const bc = (name: string, x: number, parameters: INode['parameters']): INode => ({
	id: name,
	name,
	type: NODE,
	typeVersion: 1,
	position: [x, 0],
	parameters,
	credentials: { bigCommerceApi: { id: 'sandbox', name: 'BigCommerce sandbox' } },
});
const items = (name: string, rows: object[]): INode => ({ id: name, name, type: ITEMS_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(rows) } });
const link = (...names: string[]) =>
	Object.fromEntries(names.slice(0, -1).map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main' as const, index: 0 }]] }]));

function demos(): Demo[] {
	const createOrder = bc('Create Order', 200, {
		resource: 'order',
		operation: 'create',
		customerId: '={{ $json.customer_id }}',
		billingAddress: ADDRESS,
		lineItems: { customItems: [{ name: '={{ $json.description }}', quantity: 1, price: '={{ $json.amount }}' }] },
	});
	return [
		{
			name: 'Charge the card on file when a CRM deal closes',
			payNode: 'Charge Card on File',
			workflow: {
				nodes: [
					items('Deal Closed', [
						{ customer_id: 1, amount: 99, description: 'Deal #1 Ada: annual plan' },
						{ customer_id: 2, amount: 45, description: 'Deal #2 Grace: PayPal withdrawn' },
						{ customer_id: 0, amount: 20, description: 'Deal #3 guest: nothing on file' },
					]),
					createOrder,
					bc('Charge Card on File', 400, { resource: 'payment', operation: 'process', orderId: '={{ $json.id }}', instrumentType: 'default_stored_instrument' }),
				],
				connections: link('Deal Closed', 'Create Order', 'Charge Card on File'),
			},
			expected: [
				{ label: 'customer 1 (Visa on file)', path: 'Approved' },
				{ label: 'customer 2 (revoked PayPal)', path: 'Declined', reason: 'authorization_revoked' },
				{ label: 'guest order', path: 'Failed', reason: 'no_default_instrument' },
			],
		},
		{
			name: 'Nightly retry of declined charges (cards on file)',
			payNode: 'Charge Card on File',
			workflow: {
				nodes: [
					items('Customers to Charge Tonight', [
						{ customer_id: 1, amount: 30, description: 'Renewal: Ada' },
						{ customer_id: 5, amount: 30, description: 'Renewal: Alan' },
						{ customer_id: 2, amount: 30, description: 'Renewal: Grace' },
						{ customer_id: 0, amount: 30, description: 'Renewal: guest' },
					]),
					createOrder,
					bc('Charge Card on File', 400, { resource: 'payment', operation: 'process', orderId: '={{ $json.id }}', instrumentType: 'default_stored_instrument' }),
				],
				connections: link('Customers to Charge Tonight', 'Create Order', 'Charge Card on File'),
			},
			expected: [
				{ label: 'customer 1', path: 'Approved' },
				{ label: 'customer 5 (retry: retryable)', path: 'Declined', reason: 'insufficient_funds' },
				{ label: 'customer 2 (report)', path: 'Declined', reason: 'authorization_revoked' },
				{ label: 'guest (report)', path: 'Failed', reason: 'no_default_instrument' },
			],
		},
		{
			name: 'Declines on new cards (sandbox test cards)',
			payNode: 'Charge New Card',
			workflow: {
				nodes: [
					items('Test Cards', [
						{ customer_id: 3, amount: 12, description: 'Expired card', card: '4000000000000069' },
						{ customer_id: 3, amount: 12, description: 'Duplicate', card: '4000000000000259' },
						{ customer_id: 3, amount: 12, description: '3-D Secure', card: '4000000000003220' },
					]),
					createOrder,
					bc('Charge New Card', 400, {
						resource: 'payment',
						operation: 'process',
						orderId: '={{ $json.id }}',
						instrumentType: 'card',
						paymentMethodId: 'stripe.card',
						cardNumber: "={{ $('Test Cards').item.json.card }}",
						cardholderName: 'Sandbox Customer',
						expiryMonth: 12,
						expiryYear: 2034,
						cvv: '={{ "1" + "23" }}',
					}),
				],
				connections: link('Test Cards', 'Create Order', 'Charge New Card'),
			},
			expected: [
				{ label: 'expired card', path: 'Declined', reason: 'card_expired' },
				{ label: 'duplicate', path: 'Declined', reason: 'duplicate' },
				{ label: '3-D Secure required', path: 'Declined', reason: 'three_d_secure_required' },
			],
		},
		{
			name: 'Pay a new order with a new card (and save it)',
			payNode: 'Pay and Save Card',
			workflow: {
				nodes: [
					items('Checkout', [{ customer_id: 4, amount: 64.5, description: 'First order' }]),
					createOrder,
					bc('Pay and Save Card', 400, {
						resource: 'payment',
						operation: 'process',
						orderId: '={{ $json.id }}',
						instrumentType: 'card',
						paymentMethodId: 'stripe.card',
						cardNumber: '={{ "5555" + "5555" + "5555" + "4444" }}',
						cardholderName: 'Margaret Hamilton',
						expiryMonth: 8,
						expiryYear: 2033,
						cvv: '={{ "4" + "21" }}',
						saveInstrument: true,
					}),
				],
				connections: link('Checkout', 'Create Order', 'Pay and Save Card'),
			},
			expected: [{ label: 'customer 4, Mastercard saved', path: 'Approved' }],
		},
	];
}

function pad(text: string, width: number): string {
	return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

async function main(): Promise<number> {
	let emulator: Emulator | undefined;
	let problems = 0;
	try {
		emulator = await startEmulator();
		console.log(`BigCommerce emulator (sandbox) at ${emulator.url}; n8n engine: n8n-core; package: ${dist}\n`);
		const credentials = { bigCommerceApi: { storeHash: 'sandbox', accessToken: 'sandbox-token', customBaseUrls: true, apiBaseUrl: emulator.url, paymentsBaseUrl: emulator.url } };
		for (const demo of demos()) {
			console.log(`▶ ${demo.name}`);
			const run = await runWorkflow(demo.workflow, { nodeTypes: { [NODE]: new BigCommercePayments() }, credentialTypes: { bigCommerceApi: new BigCommerceApi() }, credentials });
			const error = run.error();
			if (error) {
				console.log(`  ✗ the workflow stopped: ${error.message}`);
				problems++;
				continue;
			}
			const results = run.outputs(demo.payNode).flatMap((items, output) => items.map((item) => ({ item, path: PATHS[output] })));
			results.sort((a, b) => Number((a.item.pairedItem as { item: number }).item) - Number((b.item.pairedItem as { item: number }).item));
			console.log(`  ${pad('order', 6)} ${pad('case', 30)} ${pad('path', 9)} ${pad('code', 6)} ${pad('reason', 24)} detail`);
			demo.expected.forEach((expected, i) => {
				const result = results[i];
				const json = result?.item.json ?? {};
				const ok = result?.path === expected.path && (expected.reason === undefined || json.reason === expected.reason);
				if (!ok) problems++;
				const detail = result?.path === 'Approved'
					? `${String(json.status)} ${String(json.transactionType)} via ${String(json.paymentMethodId)}${json.savedInstrument ? `, saved ${String((json.savedInstrument as { brand: string }).brand)} •••• ${String((json.savedInstrument as { last4: string }).last4)}` : ''}`
					: String(json.remedy ?? '');
				console.log(`${ok ? '✓' : '✗'} ${pad(String(json.orderId ?? '-'), 6)} ${pad(expected.label, 30)} ${pad(result?.path ?? 'missing', 9)} ${pad(String(json.code ?? '-'), 6)} ${pad(String(json.reason ?? '-'), 24)} ${detail.slice(0, 90)}`);
			});
			console.log('');
		}
		const charges = emulator.charges();
		console.log(`The emulator recorded ${charges.length} charge(s): ${charges.map((c) => `order ${c.order_id} ${c.amount.toFixed(2)} ${c.currency}`).join(', ')}`);
	} catch (error) {
		console.log(`✗ ${(error as Error).message}`);
		problems++;
	} finally {
		await emulator?.stop();
	}
	console.log(problems === 0 ? 'All demo workflows ran and every payment took its expected path.' : `${problems} problem(s): see ✗ above.`);
	return problems === 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
