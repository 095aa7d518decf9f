// BigCommerce Payments as tools of a real n8n 2.41 (one `n8n start`), no real chat model needed:
//  - the MCP example (examples/payments-over-mcp.json) is imported and published; a scripted MCP
//    client (the official @modelcontextprotocol/sdk, streamable HTTP) lists its tools, reads an
//    order, pays one order twice (one charge), refunds twice with one key (one refund) and once over
//    the limit (refused, nothing sent); a call without the bearer token is refused;
//  - the model-free approval path (examples/approve-then-charge-or-refund.json, called by the MCP
//    example's "Ask a Person" tool): nothing is charged while the form waits, the charge runs once a
//    person approves through the form n8n serves, and a rejection charges nothing;
//  - the human-review example (examples/agent-payments-with-human-review.json) is imported and
//    published, and run: a signed-in staff member chats, a scripted chat model (e2e/stand-ins.mjs,
//    OpenAI's API) reads an order and charges it; n8n's review emails the manager (a stand-in SMTP
//    server) and waits; nothing is charged until the Approve link is followed, then once; a
//    rejected refund sends nothing, and the model is told. A chat without a sign-in is refused.
//
//   node e2e/mcp.mjs
import { createServer } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { mailbox, scriptedChatModel } from './stand-ins.mjs';
import {
	TARGETS,
	loadEmulator,
	pack,
	prepareUserFolder,
	reporter,
	rest,
	root,
	sandboxCredentials,
	setUpOwner,
	sleep,
	startN8n,
	stopN8n,
	waitFor,
} from './lib.mjs';

const target = TARGETS.find((t) => t.major === '2');
const { startEmulator } = await loadEmulator();
const report = reporter();
const example = (file) => JSON.parse(readFileSync(path.join(root, 'examples', file), 'utf8'));
const MCP = example('payments-over-mcp.json');
const APPROVE = example('approve-then-charge-or-refund.json');
const REVIEW = example('agent-payments-with-human-review.json');
const REVIEW_CHAT = REVIEW.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
const REVIEWER = 'Ask a Manager by Email';
const TOKEN = sandboxCredentials('').find((c) => c.type === 'httpBearerAuth').data.token;
const MCP_PATH = MCP.nodes.find((n) => n.name === 'MCP Server Trigger').parameters.path;
// n8n's waiting forms treat non-browser agents as bots on some routes: be a browser.
const BROWSER = {
	'User-Agent':
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
};

/** Stands in for the Slack incoming webhook the approval sub-workflow posts to. */
async function approvalInbox() {
	const received = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push(JSON.parse(body || '{}'));
			res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${server.address().port}/slack`;
	return { url, received, stop: () => new Promise((r) => server.close(r)) };
}

async function storeOrder(emulator, customerId, amount) {
	const response = await fetch(`${emulator.url}/stores/${emulator.storeHash}/v2/orders`, {
		method: 'POST',
		headers: { 'X-Auth-Token': 'sandbox-token', 'Content-Type': 'application/json' },
		body: JSON.stringify({
			status_id: 0,
			customer_id: customerId,
			billing_address: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
			products: [{ name: 'Invoice', quantity: 1, price_inc_tax: amount, price_ex_tax: amount }],
		}),
	});
	return (await response.json()).id;
}

async function connect(base, token = TOKEN) {
	const client = new Client({ name: 'bigcommerce-e2e', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp/${MCP_PATH}`), {
		requestInit: { headers: token ? { Authorization: `Bearer ${token}` } : {} },
	});
	await client.connect(transport);
	return client;
}

/** A tool call's answer: the first item of the JSON array n8n returns as text. */
async function call(client, name, args) {
	const result = await client.callTool({ name, arguments: args });
	const text = result.content?.[0]?.text ?? '';
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = text;
	}
	return {
		isError: result.isError === true,
		text,
		first: Array.isArray(parsed) ? parsed[0] : parsed,
	};
}

const PREVIEWER = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';
const SECRETS = [
	/\b([0-9a-f]{2})\1{31}\b/, // a stored-instrument token
	/eyJ[\w-]+\.[\w-]+\.[\w-]+/, // a JWT: a payment access token
	/\b\d{13,19}\b/, // a card number
	/sandbox-token/, // the store's access token
];

async function mcpChecks(base, emulator) {
	const start = Date.now();
	const client = await connect(base);
	try {
		const { tools } = await client.listTools();
		const names = tools.map((t) => t.name).sort();
		report.check(
			JSON.stringify(names) ===
				JSON.stringify([
					'Ask_a_Person',
					'Find_Orders',
					'Get_Order',
					'Order_Transactions',
					'Pay_Order',
					'Payment_Methods',
					'Refund_Order',
				]),
			`tools/list: ${names.join(', ')}`,
		);
		const refundTool = tools.find((t) => t.name === 'Refund_Order');
		report.check(
			/idempotencyKey/.test(refundTool?.description ?? '') &&
				['orderId', 'amount', 'reason', 'idempotencyKey'].every((k) =>
					refundTool?.inputSchema?.required?.includes(k),
				),
			`Refund_Order is described for an agent and asks for ${refundTool?.inputSchema?.required?.join(', ')}`,
		);

		const orderId = await storeOrder(emulator, 1, 80);
		const order = { orderId: String(orderId) };
		const read = await call(client, 'Get_Order', order);
		report.check(
			read.first?.orderId === orderId && read.first?.status === 'Incomplete',
			`Get_Order: order ${orderId} is ${read.first?.status}, total ${read.first?.total}`,
		);
		const paid = [await call(client, 'Pay_Order', order), await call(client, 'Pay_Order', order)];
		const charges = emulator.charges().filter((c) => c.order_id === orderId);
		report.check(
			charges.length === 1 &&
				paid.every((p) => p.first?.outcome === 'approved') &&
				paid.map((p) => p.first?.repeat).join() === 'false,true',
			`Pay_Order twice: ${charges.length} charge; answers ${paid.map((p) => `${p.first?.outcome} repeat=${p.first?.repeat}`).join(', ')}`,
		);
		const refund = { ...order, amount: 10, reason: 'damaged', idempotencyKey: 'RMA-1' };
		const refunded = [
			await call(client, 'Refund_Order', refund),
			await call(client, 'Refund_Order', { ...refund, reason: 'damaged, please refund' }),
		];
		const refunds = emulator.store().refunds.filter((r) => r.order_id === orderId);
		report.check(
			refunds.length === 1 &&
				refunded[1].first?.repeat === true &&
				refunded[1].first?.refundId === refunded[0].first?.refundId,
			`Refund_Order twice with one key (rephrased): ${refunds.length} refund, the second answered repeat=${refunded[1].first?.repeat}`,
		);
		const atOnce = { ...refund, amount: 5, idempotencyKey: 'RMA-3' };
		const together = await Promise.all([
			call(client, 'Refund_Order', atOnce),
			call(client, 'Refund_Order', atOnce),
		]);
		const keyed = emulator
			.store()
			.refunds.filter((r) => r.items.some((i) => String(i.reason).endsWith('[refund key: RMA-3]')));
		report.check(
			keyed.length === 1 && together.every((a) => a.first?.refundId === keyed[0]?.id),
			`Refund_Order twice at the same moment with one key: ${keyed.length} refund, both answered with it (repeat=${together.map((a) => a.first?.repeat).join(', ')})`,
		);
		const mark = emulator.requests().length;
		const over = await call(client, 'Refund_Order', {
			...refund,
			amount: 60,
			idempotencyKey: 'RMA-2',
		});
		const sent = emulator.requests().slice(mark);
		report.check(
			over.first?.outcome === 'refused' &&
				over.first?.reason === 'over_refund_limit' &&
				sent.length === 0,
			`Refund_Order over the limit: ${over.first?.outcome} (${over.first?.reason}), ${sent.length} request(s) sent`,
		);
		const answers = [read, ...paid, ...refunded, ...together, over].map((a) => a.text).join('\n');
		const leaked = SECRETS.filter((p) => p.test(answers) || p.test(JSON.stringify(tools)));
		report.check(leaked.length === 0, `no token or card data in the tools or the answers`);
		console.log(`  (MCP checks took ${((Date.now() - start) / 1000).toFixed(1)} s)`);
	} finally {
		await client.close();
	}

	const bare = await fetch(`${base}/mcp/${MCP_PATH}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
		body: JSON.stringify({
			jsonrpc: '2.0',
			id: 1,
			method: 'initialize',
			params: {
				protocolVersion: '2025-06-18',
				capabilities: {},
				clientInfo: { name: 'x', version: '1' },
			},
		}),
	});
	const wrong = await connect(base, 'not-the-token').then(
		async (c) => (await c.close(), 'connected'),
		(error) => error.constructor.name,
	);
	report.check(
		bare.status === 403 && wrong !== 'connected',
		`without the bearer token: HTTP ${bare.status}; with a wrong one the client gets ${wrong}`,
	);
}

/** Submits the approval form n8n serves at `url` as a person would: open it, choose, submit. */
async function decide(url, decision) {
	const page = await fetch(url, { headers: BROWSER });
	const html = await page.text();
	const form = new FormData();
	form.append('field-0', decision);
	const submitted = await fetch(url, { method: 'POST', headers: BROWSER, body: form });
	return { shown: page.status === 200 && /Decision/.test(html), status: submitted.status };
}

async function approvalChecks(base, cookie, emulator, inbox) {
	const client = await connect(base);
	try {
		for (const decision of ['Approve', 'Reject']) {
			const orderId = await storeOrder(emulator, 3, 45);
			inbox.received.length = 0;
			const asked = await call(client, 'Ask_a_Person', {
				action: 'charge',
				orderId,
				amount: 0,
				reason: 'over the agent limit',
				idempotencyKey: `charge-${orderId}`,
			});
			const request = (await waitFor(() => inbox.received.length > 0, 20000))
				? inbox.received[0]
				: undefined;
			await sleep(500);
			const before = emulator.charges().filter((c) => c.order_id === orderId).length;
			report.check(
				/paused/i.test(asked.text) && request?.orderId === orderId && before === 0,
				`Ask_a_Person (charge order ${orderId}): the tool answers "${asked.first?.status?.slice(0, 40) ?? asked.text.slice(0, 40)}…", a person is asked, nothing is charged yet`,
			);
			if (!request) continue;
			const { shown, status } = await decide(request.approvalUrl, decision);
			const charged = await waitFor(
				() => emulator.charges().some((c) => c.order_id === orderId),
				decision === 'Approve' ? 20000 : 3000,
			);
			const count = emulator.charges().filter((c) => c.order_id === orderId).length;
			report.check(
				shown &&
					status === 200 &&
					(decision === 'Approve' ? charged && count === 1 : !charged && count === 0),
				`the form n8n serves (${shown ? 'shown' : 'not shown'}), ${decision}: HTTP ${status}, order ${orderId} charged ${count} time(s)`,
			);
		}
		const filter = encodeURIComponent(JSON.stringify({ workflowId: APPROVE.id }));
		const runs = (await rest(base, cookie, 'GET', `/executions?filter=${filter}`)).json?.data
			?.results;
		report.check(
			runs?.length === 2 && runs.every((r) => r.status === 'success'),
			`the approval sub-workflow ran to the end both times: ${JSON.stringify(runs?.map((r) => r.status))}`,
		);
	} finally {
		await client.close();
	}
}

/** The human-review example as n8n holds it: every node type known, the writes wired through the review. */
async function reviewWiring(base, cookie) {
	const { json } = await rest(base, cookie, 'GET', `/workflows/${REVIEW.id}`);
	const workflow = json?.data;
	const types = [...new Set(workflow?.nodes?.map((n) => `${n.type}@${n.typeVersion}`) ?? [])];
	// The node types the editor knows (tool and review variants included), as it loads them.
	const list = await fetch(`${base}/types/nodes.json`, { headers: { cookie } }).then((r) =>
		r.json(),
	);
	const versions = (d) => (Array.isArray(d.version) ? d.version : [d.version]);
	const known = new Set(list.flatMap((d) => versions(d).map((v) => `${d.name}@${v}`)));
	const unknown = types.filter((t) => !known.has(t));
	report.check(
		workflow?.nodes?.length === REVIEW.nodes.length && unknown.length === 0,
		`the human-review example is imported and n8n knows all ${types.length} node types (${unknown.length ? `unknown: ${unknown.join(', ')}` : 'the email review and our tool among them'})`,
	);
	const into = (name) => (workflow?.connections?.[name]?.ai_tool ?? []).flat().map((l) => l.node);
	report.check(
		['Pay Order', 'Refund Order'].every((w) => into(w).join() === REVIEWER) &&
			into(REVIEWER).join() === 'AI Agent' &&
			['Get Order', 'Find Orders', 'Order Transactions'].every(
				(r) => into(r).join() === 'AI Agent',
			),
		'its charges and refunds reach the agent only through the review step; its reads directly',
	);
}

/**
 * The human-review example run for real: a signed-in staff member chats, the (scripted) model looks
 * an order up and charges it, n8n's review emails the manager and waits; nothing is charged until
 * the manager's Approve link is followed, and a rejected refund refunds nothing.
 */
async function reviewRun(base, cookie, emulator, model, mail) {
	const chatUrl = `${base}/webhook/${REVIEW_CHAT.webhookId}/chat`;
	const chat = (chatInput) =>
		fetch(chatUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ action: 'sendMessage', sessionId: `e2e-${Date.now()}`, chatInput }),
		}).then(
			async (r) => ({ status: r.status, text: await r.text() }),
			(error) => ({ status: 0, text: String(error) }),
		);
	const executions = async () => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: REVIEW.id }));
		return (await rest(base, cookie, 'GET', `/executions?filter=${filter}`)).json?.data?.results;
	};
	const anonymous = await fetch(chatUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId: 'nobody', chatInput: 'pay order 1' }),
	});
	report.check(
		anonymous.status === 401,
		`the chat without an n8n sign-in: HTTP ${anonymous.status}`,
	);

	// A charge, approved.
	const orderId = await storeOrder(emulator, 3, 45);
	mail.received.length = 0;
	const paying = chat(`Please pay order ${orderId}`);
	const asked = await waitFor(() => mail.received.length > 0, 30000);
	await sleep(500);
	const email = mail.received[0];
	const approve = email?.links.find((l) => /approved=true/.test(l));
	// n8n marks the execution waiting a moment after the email went out.
	const waiting = await waitFor(
		async () => (await executions())?.some((e) => e.status === 'waiting'),
		15000,
	);
	const looked = model.requests.some((r) =>
		(r.messages ?? []).some((m) => m.role === 'tool' && new RegExp(`${orderId}`).test(m.content)),
	);
	const before = emulator.charges().filter((c) => c.order_id === orderId).length;
	report.check(
		asked && approve && waiting && looked && before === 0,
		`chat "pay order ${orderId}": the agent read the order without review (${looked}), the manager got "${email?.subject ?? 'no email'}" with an Approve link (${Boolean(approve)}), the execution waits (${waiting}), ${before} charge(s) so far`,
	);
	if (!approve) return;
	// A link preview (a chat app, a mail scanner that says what it is) must not approve anything.
	const previewed = await fetch(approve, { headers: { 'User-Agent': PREVIEWER } });
	await sleep(1000);
	const afterPreview = emulator.charges().filter((c) => c.order_id === orderId).length;
	const stillWaiting = (await executions())?.some((e) => e.status === 'waiting');
	report.check(
		previewed.status === 200 && afterPreview === 0 && stillWaiting,
		`the Approve link opened by a link preview: ${afterPreview} charge(s), the execution still waits (${stillWaiting})`,
	);
	const followed = await fetch(approve, { headers: BROWSER });
	const charged = await waitFor(
		() => emulator.charges().some((c) => c.order_id === orderId),
		30000,
	);
	const streamed = await paying;
	// The chat's stream ends when the review starts waiting; the agent's answer after the approval
	// is in the execution, which runs on to the end.
	const done = await waitFor(
		async () => (await executions())?.every((e) => e.status === 'success'),
		30000,
	);
	const runId = (await executions())?.[0]?.id;
	const run = runId
		? JSON.stringify((await rest(base, cookie, 'GET', `/executions/${runId}`)).json)
		: '';
	const count = emulator.charges().filter((c) => c.order_id === orderId).length;
	report.check(
		followed.status === 200 &&
			charged &&
			count === 1 &&
			streamed.status === 200 &&
			done &&
			/Done\. Pay_Order answered: .*approved/.test(run),
		`Approve (HTTP ${followed.status}): order ${orderId} charged ${count} time(s), the agent told "approved" and the execution finished (${done})`,
	);

	// A refund, rejected.
	mail.received.length = 0;
	const refunds = () => emulator.store().refunds.filter((r) => r.order_id === orderId).length;
	const refundsBefore = refunds();
	const refunding = chat(`Please refund 5 on order ${orderId}, ticket RMA-E2E-1`);
	const askedAgain = await waitFor(() => mail.received.length > 0, 30000);
	const reject = mail.received[0]?.links.find((l) => /approved=false/.test(l));
	if (!askedAgain || !reject) {
		report.check(false, `chat "refund": no review email with a Reject link`);
		return;
	}
	const rejected = await fetch(reject, { headers: BROWSER });
	const answer = await refunding;
	await sleep(500);
	const told = model.requests.at(-1)?.messages?.at(-1);
	report.check(
		rejected.status === 200 && refunds() === refundsBefore && told?.role === 'tool',
		`Reject (HTTP ${rejected.status}): ${refunds() - refundsBefore} refund request(s) sent; the model was told: ${String(told?.content).slice(0, 100)}; the chat answers ${answer.status}`,
	);
	const runs = await executions();
	report.check(
		runs?.length === 2 && runs.every((r) => r.status === 'success'),
		`both chats ran to the end: ${JSON.stringify(runs?.map((r) => r.status))}`,
	);
	const leaked = SECRETS.filter((p) => p.test(JSON.stringify(model.requests)));
	report.check(leaked.length === 0, 'no token or card data reached the model');
}

const started = Date.now();
const tarball = pack();
console.log(
	`▶ ${target.label}: BigCommerce Payments over MCP, approvals, and an agent behind review`,
);
const emulator = await startEmulator();
const inbox = await approvalInbox();
const model = await scriptedChatModel();
const mail = await mailbox();
let userFolder;
let n8nProcess;
try {
	const approve = structuredClone(APPROVE);
	const settings = approve.nodes.find((n) => n.name === 'Settings');
	settings.parameters.assignments.assignments[0].value = inbox.url;
	// The review example's chat model and email are the stand-ins, under credentials of their own.
	const review = structuredClone(REVIEW);
	const standIns = [
		{
			id: 'e2eOpenAi',
			name: 'Scripted model',
			type: 'openAiApi',
			data: { apiKey: 'sk-e2e', url: model.url },
		},
		{
			id: 'e2eSmtp',
			name: 'Stand-in mail',
			type: 'smtp',
			data: {
				host: '127.0.0.1',
				port: mail.port,
				secure: false,
				disableStartTls: true,
				user: '',
				password: '',
			},
		},
	];
	for (const node of review.nodes)
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			const credential = standIns.find((c) => c.type === type);
			if (credential) Object.assign(ref, { id: credential.id, name: credential.name });
		}
	userFolder = await prepareUserFolder(
		target,
		tarball,
		emulator.url,
		{ 'approve.json': approve, 'mcp.json': MCP, 'review.json': review },
		standIns,
	);
	n8nProcess = await startN8n(target, userFolder);
	const { cookie } = await setUpOwner(n8nProcess.base);
	// Published as the editor does it (a CLI run would boot n8n once more per workflow); a
	// sub-workflow runs its published version, so both are.
	for (const id of [APPROVE.id, MCP.id, REVIEW.id]) {
		const { json } = await rest(n8nProcess.base, cookie, 'GET', `/workflows/${id}`);
		const on = await rest(n8nProcess.base, cookie, 'POST', `/workflows/${id}/activate`, {
			versionId: json?.data?.versionId,
		});
		if (on.status !== 200) throw new Error(`${id} was not published: ${JSON.stringify(on.json)}`);
	}
	// n8n answers before it has activated its workflows: wait for the MCP route (403 without a token).
	const registered = await waitFor(
		async () =>
			(await fetch(`${n8nProcess.base}/mcp/${MCP_PATH}`, { method: 'POST' })).status !== 404,
		60000,
	);
	report.check(registered, `the published MCP server answers at /mcp/${MCP_PATH}`);
	await mcpChecks(n8nProcess.base, emulator);
	await approvalChecks(n8nProcess.base, cookie, emulator, inbox);
	await reviewWiring(n8nProcess.base, cookie);
	await reviewRun(n8nProcess.base, cookie, emulator, model, mail);
} catch (error) {
	report.check(false, `${target.label}: ${error.stack ?? error.message}`);
	if (n8nProcess) console.log(n8nProcess.log().slice(-3000));
} finally {
	await stopN8n(n8nProcess);
	await inbox.stop();
	await model.stop();
	await mail.stop();
	await emulator.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
}
console.log(
	`e2e mcp (${((Date.now() - started) / 1000).toFixed(0)} s): ${report.failures === 0 ? 'all checks passed' : `${report.failures} check(s) failed`}`,
);
process.exit(report.failures === 0 ? 0 : 1);
