/**
 * The main job: starts the embedded BigCommerce emulator and runs the example workflows in
 * examples/ through n8n's engine (n8n-core, with n8n's own nodes from n8n-nodes-base and this
 * package as built in dist/, the way n8n loads it), starting each from its Manual Trigger as
 * `n8n execute` does. Prints where every payment went and exits non-zero when a workflow did not
 * run or a payment took an unexpected path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import { startEmulator } from 'bigcommerce-emulator';
import type { Emulator } from 'bigcommerce-emulator';
import {
	PACKAGE_NAME,
	loadShippedPackage,
	n8nBaseNodeTypes,
	runWorkflow,
	toolVariant,
	WebhookReceiver,
	TriggerHarness,
	withToolCaller,
} from 'n8n-harness';
import type { ToolAnswer, ToolCalls, WorkflowJson } from 'n8n-harness';

// build/scripts/demo.js: the repository is two folders up.
const root = path.resolve(__dirname, '../..');
const { BigCommercePayments, BigCommerceTrigger, BigCommerceApi } = loadShippedPackage();

const NODE = `${PACKAGE_NAME}.bigCommercePayments`;
const TRIGGER = `${PACKAGE_NAME}.bigCommerceTrigger`;
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

/**
 * The trigger examples: the emulator delivers signed webhooks over loopback to a receiver standing in
 * for n8n's webhook server, which runs the workflow through the harness as n8n would.
 */
const TRIGGER_EXAMPLES = [
	{
		file: 'capture-when-order-shipped.json',
		trigger: 'Order Shipped',
		statusId: 2,
		step: 'Capture Payment',
		expected: 'captured',
	},
	{
		file: 'void-authorization-when-order-cancelled.json',
		trigger: 'Order Cancelled',
		statusId: 5,
		step: 'Void Authorization',
		expected: 'void',
	},
];

async function storeApi(emulator: Emulator, method: string, route: string, body?: unknown) {
	const response = await fetch(`${emulator.url}/stores/${emulator.storeHash}${route}`, {
		method,
		headers: {
			'X-Auth-Token': 'sandbox-token',
			Accept: 'application/json',
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as { id?: number; data?: { id?: string } };
}

/** What a shopper's checkout does with an authorize-only gateway: order, token, authorization. */
async function authorizedOrder(emulator: Emulator): Promise<number> {
	const order = await storeApi(emulator, 'POST', '/v2/orders', {
		status_id: 0,
		customer_id: 1,
		billing_address: {
			first_name: 'Ada',
			last_name: 'Lovelace',
			street_1: '1 Main St',
			city: 'Austin',
			state: 'Texas',
			zip: '78701',
			country: 'United States',
			country_iso2: 'US',
			email: 'ada@example.com',
		},
		products: [{ name: 'Standing desk', quantity: 1, price_inc_tax: 389, price_ex_tax: 389 }],
	});
	const token = await storeApi(emulator, 'POST', '/v3/payments/access_tokens', {
		order: { id: order.id },
	});
	await fetch(`${emulator.url}/stores/${emulator.storeHash}/payments`, {
		method: 'POST',
		headers: {
			Authorization: `PAT ${token.data?.id}`,
			Accept: 'application/vnd.bc.v1+json',
			'Content-Type': 'application/json',
		},
		body: JSON.stringify({
			payment: {
				payment_method_id: 'authorizenet.card',
				instrument: {
					type: 'card',
					number: '4111111111111111',
					cardholder_name: 'Ada Lovelace',
					expiry_month: 12,
					expiry_year: 2034,
					verification_value: '123',
				},
			},
		}),
	});
	return Number(order.id);
}

async function runTriggerExamples(
	emulator: Emulator,
	credentials: Record<string, Record<string, unknown>>,
): Promise<number> {
	let problems = 0;
	const receiver = await new WebhookReceiver().start();
	const check = (ok: boolean, text: string) => {
		if (!ok) problems++;
		console.log(`${ok ? '✓' : '✗'} ${text}`);
	};
	try {
		for (const example of TRIGGER_EXAMPLES) {
			emulator.reset();
			receiver.received.length = 0;
			const workflow = JSON.parse(
				readFileSync(path.join(root, 'examples', example.file), 'utf8'),
			) as WorkflowJson;
			console.log(`▶ ${workflow.name}  (examples/${example.file})`);
			const harness = new TriggerHarness(workflow, {
				trigger: example.trigger,
				webhookBaseUrl: receiver.baseUrl,
				nodeTypes: {
					...n8nBaseNodeTypes(workflow.nodes.map((n) => n.type)),
					[TRIGGER]: new BigCommerceTrigger(),
					[NODE]: new BigCommercePayments(),
				},
				credentialTypes: { bigCommerceApi: new BigCommerceApi() },
				credentials: {
					bigCommerceApi: { ...credentials.bigCommerceApi, clientSecret: 'sandbox-client-secret' },
				},
			});
			receiver.route(harness);
			await harness.activate();
			const hooks = [...emulator.store().hooks.values()];
			check(
				hooks.length === 1 && hooks[0].destination === harness.webhookUrl(),
				`activated: hook #${hooks[0]?.id} ${hooks[0]?.scope} → ${hooks[0]?.destination}`,
			);

			const orderId = await authorizedOrder(emulator);
			await fetch(`${emulator.url}/stores/${emulator.storeHash}/v2/orders/${orderId}`, {
				method: 'PUT',
				headers: { 'X-Auth-Token': 'sandbox-token', 'Content-Type': 'application/json' },
				body: JSON.stringify({ status_id: example.statusId }),
			});
			await emulator.deliveriesSettled();
			await receiver.settled();
			for (const d of emulator.deliveries()) {
				const data = d.body.data as {
					status?: { previous_status_id: number; new_status_id: number };
				};
				const started = receiver.received.find(
					(r) => r.answer.run?.output(example.trigger)[0]?.json.hash === d.body.hash,
				);
				console.log(
					`  delivery ${d.webhookId.slice(0, 12)}… ${d.scope} ${data.status?.previous_status_id} → ${data.status?.new_status_id}: answered ${d.attempts.map((a) => a.status).join(', ')}, ${started ? 'started an execution' : 'no execution (status filter)'}`,
				);
			}
			const runs = receiver.received.filter((r) => r.answer.run);
			const result = runs[0]?.answer.run?.output(example.step)[0]?.json;
			check(
				runs.length === 1 && result?.paymentStatus === example.expected,
				`order ${orderId}: ${example.step} → payment status "${String(result?.paymentStatus)}" (${runs.length} execution)`,
			);

			const forgedBody = JSON.stringify({ ...emulator.deliveries()[0]?.body, hash: 'forged' });
			const forged = await fetch(harness.webhookUrl(), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'webhook-id': 'msg_forged',
					'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
					'webhook-signature': 'v1,Zm9yZ2VkIHNpZ25hdHVyZQ==',
				},
				body: forgedBody,
			});
			await receiver.settled();
			check(
				forged.status === 401 && receiver.received.filter((r) => r.answer.run).length === 1,
				`a forged delivery: answered ${forged.status}, no execution`,
			);
			await harness.hook('delete');
			check(emulator.store().hooks.size === 0, 'deactivated: the hook is deleted\n');
		}
	} finally {
		await receiver.stop();
	}
	return problems;
}

/**
 * The MCP example's BigCommerce tools, called the way its MCP Server Trigger calls them (n8n-core's
 * createNodeAsTool; the trigger itself and the approval tool need a running n8n: e2e/mcp.mjs).
 */
async function runMcpExample(
	emulator: Emulator,
	credentials: Record<string, Record<string, unknown>>,
): Promise<number> {
	let problems = 0;
	const check = (ok: boolean, text: string) => {
		if (!ok) problems++;
		console.log(`${ok ? '✓' : '✗'} ${text}`);
	};
	emulator.reset();
	const file = 'payments-over-mcp.json';
	const workflow = JSON.parse(
		readFileSync(path.join(root, 'examples', file), 'utf8'),
	) as WorkflowJson;
	console.log(`▶ ${workflow.name}  (examples/${file}), its tools called as an MCP client would`);
	const order = await storeApi(emulator, 'POST', '/v2/orders', {
		status_id: 0,
		customer_id: 1,
		billing_address: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
		products: [{ name: 'Annual plan', quantity: 1, price_inc_tax: 80, price_ex_tax: 80 }],
	});
	const orderId = String(order.id);
	const refund = { orderId, amount: 10, reason: 'damaged', idempotencyKey: 'RMA-1' };
	const calls: ToolCalls = [
		[{ tool: 'Get_Order', args: { orderId } }],
		[{ tool: 'Pay_Order', args: { orderId } }],
		[{ tool: 'Pay_Order', args: { orderId } }],
		[
			{ tool: 'Refund_Order', args: refund },
			{ tool: 'Refund_Order', args: refund },
		],
		[{ tool: 'Refund_Order', args: { ...refund, amount: 60, idempotencyKey: 'RMA-2' } }],
	];
	const TOOL = `${NODE}Tool`;
	const run = await runWorkflow(withToolCaller(workflow, 'MCP Server Trigger', calls, [TOOL]), {
		nodeTypes: { [TOOL]: toolVariant(new BigCommercePayments()) },
		credentialTypes: { bigCommerceApi: new BigCommerceApi() },
		credentials: credentials as Record<string, ICredentialDataDecryptedObject>,
	});
	const answers = run.output('MCP Server Trigger').map((i) => i.json as unknown as ToolAnswer);
	answers.pop(); // the tool list
	const first = answers.map((a) => ((a.result as Array<Record<string, unknown>>) ?? [])[0] ?? {});
	const say = (a: Record<string, unknown>) =>
		[a.outcome ?? a.status, a.reason, a.amount ?? a.total, a.repeat ? 'repeat' : '']
			.filter((x) => x !== undefined && x !== null && x !== '')
			.join(' ');
	const charges = emulator.charges().length;
	const refunds = emulator.store().refunds.length;
	check(first[0].status === 'Incomplete', `Get_Order ${orderId}: ${say(first[0])}`);
	check(
		first[1].outcome === 'approved' && first[2].repeat === true && charges === 1,
		`Pay_Order twice: ${say(first[1])}; ${say(first[2])} → ${charges} charge`,
	);
	check(
		first[3].outcome === 'refunded' && first[4].refundId === first[3].refundId && refunds === 1,
		`Refund_Order twice at once with key RMA-1: ${say(first[3])}; ${say(first[4])} → ${refunds} refund`,
	);
	check(
		first[5].outcome === 'refused' && first[5].reason === 'over_refund_limit' && refunds === 1,
		`Refund_Order 60.00 (limit 50.00): ${say(first[5])}, nothing refunded\n`,
	);
	return problems;
}

async function main(): Promise<number> {
	let emulator: Emulator | undefined;
	let problems = 0;
	try {
		emulator = await startEmulator();
		console.log(
			`BigCommerce sandbox (emulator) at ${emulator.url}; engine: n8n-core with n8n-nodes-base; package: packages/n8n-nodes-bigcommerce-payments/dist/\n`,
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
		problems += await runTriggerExamples(emulator, credentials);
		problems += await runMcpExample(emulator, credentials);
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
