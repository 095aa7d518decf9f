/**
 * The main job: starts the embedded BigCommerce emulator and runs the example workflows in
 * examples/ through n8n's engine (n8n-core, with n8n's own nodes from n8n-nodes-base and this
 * package as built in dist/, the way n8n loads it), starting each from its Manual Trigger as
 * `n8n execute` does. Prints where every payment went and exits non-zero when a workflow did not
 * run or a payment took an unexpected path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeExecutionData, INodeType } from 'n8n-workflow';

import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { PACKAGE_NAME, n8nBaseNodeTypes, runWorkflow } from '../harness/engine';
import type { WorkflowJson } from '../harness/engine';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BigCommercePayments } = require(
	path.join(dist, 'nodes/BigCommercePayments/BigCommercePayments.node.js'),
) as { BigCommercePayments: new () => INodeType };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BigCommerceApi } = require(
	path.join(dist, 'credentials/BigCommerceApi.credentials.js'),
) as { BigCommerceApi: new () => ICredentialType };

const NODE = `${PACKAGE_NAME}.bigCommercePayments`;
const PATHS = ['Approved', 'Declined', 'Failed'];

interface Expected {
	node: string;
	label: string;
	path: string;
	reason?: string;
}

const EXAMPLES: { file: string; expected: Expected[] }[] = [
	{
		file: 'charge-card-on-file-when-deal-closes.json',
		expected: [
			{ node: 'Charge Card on File', label: 'deal #1001, customer 1', path: 'Approved' },
			{
				node: 'Charge Card on File',
				label: 'deal #1002, customer 2',
				path: 'Declined',
				reason: 'authorization_revoked',
			},
			{
				node: 'Charge Card on File',
				label: 'deal #1003, guest',
				path: 'Failed',
				reason: 'no_default_instrument',
			},
		],
	},
	{
		file: 'nightly-retry-declined-charges.json',
		expected: [
			{ node: 'Charge Card on File', label: 'customer 1', path: 'Approved' },
			{
				node: 'Charge Card on File',
				label: 'customer 5',
				path: 'Declined',
				reason: 'insufficient_funds',
			},
			{
				node: 'Charge Card on File',
				label: 'customer 2',
				path: 'Declined',
				reason: 'authorization_revoked',
			},
			{
				node: 'Charge Card on File',
				label: 'guest',
				path: 'Failed',
				reason: 'no_default_instrument',
			},
			{
				node: 'Retry Charge',
				label: 'customer 5, retried',
				path: 'Declined',
				reason: 'insufficient_funds',
			},
		],
	},
	{
		file: 'recover-abandoned-cart.json',
		expected: [{ node: 'Charge Card on File', label: 'cart of customer 1', path: 'Approved' }],
	},
	{
		file: 'pay-new-order-with-new-card.json',
		expected: [{ node: 'Pay With New Card', label: 'customer 4, card saved', path: 'Approved' }],
	},
];

const pad = (text: string, width: number) =>
	text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
const itemIndex = (item: INodeExecutionData) =>
	Number((item.pairedItem as { item?: number } | undefined)?.item ?? 0);

function describe(json: INodeExecutionData['json'], path: string): string {
	if (path !== 'Approved') return String(json.remedy ?? '');
	const saved = json.savedInstrument as { brand?: string; last4?: string } | undefined;
	return `${String(json.status)} ${String(json.transactionType)} via ${String(json.paymentMethodId)}${saved ? `; saved ${saved.brand} •••• ${saved.last4}` : ''}`;
}

async function main(): Promise<number> {
	let emulator: Emulator | undefined;
	let problems = 0;
	try {
		emulator = await startEmulator();
		console.log(
			`BigCommerce sandbox (emulator) at ${emulator.url}; engine: n8n-core with n8n-nodes-base; package: dist/\n`,
		);
		const credentials = {
			bigCommerceApi: {
				storeHash: 'sandbox',
				accessToken: 'sandbox-token',
				customBaseUrls: true,
				apiBaseUrl: emulator.url,
				paymentsBaseUrl: emulator.url,
			},
		};
		for (const example of EXAMPLES) {
			emulator.reset();
			const workflow = JSON.parse(
				readFileSync(path.join(root, 'examples', example.file), 'utf8'),
			) as WorkflowJson;
			console.log(`▶ ${workflow.name}  (examples/${example.file})`);
			const nodeTypes = {
				...n8nBaseNodeTypes(workflow.nodes.map((n) => n.type)),
				[NODE]: new BigCommercePayments(),
			};
			const run = await runWorkflow(workflow, {
				nodeTypes,
				credentialTypes: { bigCommerceApi: new BigCommerceApi() },
				credentials,
			});
			const error = run.error();
			if (error) {
				console.log(`  ✗ the workflow stopped: ${error.message}`);
				problems++;
				continue;
			}
			const payNodes = [...new Set(example.expected.map((e) => e.node))];
			const results = payNodes.flatMap((node) =>
				run
					.outputs(node)
					.flatMap((items, output) => items.map((item) => ({ node, item, path: PATHS[output] })))
					.sort((a, b) => itemIndex(a.item) - itemIndex(b.item)),
			);
			console.log(
				`  ${pad('step', 20)} ${pad('order', 6)} ${pad('case', 24)} ${pad('path', 9)} ${pad('code', 6)} ${pad('reason', 24)} detail`,
			);
			example.expected.forEach((expected, i) => {
				const result = results[i];
				const json = result?.item.json ?? {};
				const ok =
					result?.node === expected.node &&
					result.path === expected.path &&
					(expected.reason === undefined || json.reason === expected.reason);
				if (!ok) problems++;
				console.log(
					`${ok ? '✓' : '✗'} ${pad(expected.node, 20)} ${pad(String(json.orderId ?? '-'), 6)} ${pad(expected.label, 24)} ${pad(result?.path ?? 'missing', 9)} ${pad(String(json.code ?? '-'), 6)} ${pad(String(json.reason ?? '-'), 24)} ${describe(json, result?.path ?? '').slice(0, 80)}`,
				);
			});
			if (results.length !== example.expected.length) {
				console.log(`✗ expected ${example.expected.length} payment results, got ${results.length}`);
				problems++;
			}
			const charges = emulator.charges();
			console.log(
				`  charged: ${charges.map((c) => `order ${c.order_id} ${c.amount.toFixed(2)} ${c.currency}`).join(', ') || 'nothing'}\n`,
			);
		}
	} catch (error) {
		console.log(`✗ ${(error as Error).message}`);
		problems++;
	} finally {
		await emulator?.stop();
	}
	console.log(
		problems === 0
			? 'All example workflows ran and every payment took its expected path.'
			: `${problems} problem(s): see ✗ above.`,
	);
	return problems === 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
