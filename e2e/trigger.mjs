// The BigCommerce Trigger in a running n8n (`n8n start`): the example "capture the payment when the
// order ships" is imported and activated; n8n registers its webhook with the emulator for its
// production URL; an authorize-only payment and a status change make the emulator deliver signed
// events; n8n records one execution per event that passes the trigger's filters, and the capture
// happens; a forged delivery to the same URL starts no execution; deactivating the workflow deletes
// the hook. The emulator accepts http loopback destinations (BigCommerce wants https on 443).
//
//   node e2e/trigger.mjs [--only 2|1]
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	loadEmulator,
	n8n,
	pack,
	prepareUserFolder,
	reporter,
	rest,
	root,
	sleep,
	setUpOwner,
	startN8n,
	stopN8n,
	TARGETS,
	waitFor,
} from './lib.mjs';

const only = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1]
	: undefined;
const targets = TARGETS.filter((t) => !only || t.major === only);
const { startEmulator } = await loadEmulator();
const report = reporter();
const EXAMPLE = 'capture-when-order-shipped.json';
const workflow = JSON.parse(readFileSync(path.join(root, 'examples', EXAMPLE), 'utf8'));
const trigger = workflow.nodes.find((n) => n.type.endsWith('.bigCommerceTrigger'));

async function store(emulator, method, route, body, headers = {}) {
	const response = await fetch(`${emulator.url}/stores/${emulator.storeHash}${route}`, {
		method,
		headers: {
			'X-Auth-Token': 'sandbox-token',
			Accept: 'application/json',
			'Content-Type': 'application/json',
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await response.json();
}

async function authorizedOrder(emulator) {
	const order = await store(emulator, 'POST', '/v2/orders', {
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
	const pat = await store(emulator, 'POST', '/v3/payments/access_tokens', {
		order: { id: order.id },
	});
	await fetch(`${emulator.url}/stores/${emulator.storeHash}/payments`, {
		method: 'POST',
		headers: {
			Authorization: `PAT ${pat.data.id}`,
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
	return order.id;
}

async function executions(base, cookie) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
	const { json } = await rest(base, cookie, 'GET', `/executions?filter=${filter}`);
	return json?.data?.results ?? [];
}

async function runTarget(target, tarball) {
	const emulator = await startEmulator({ webhooks: { retryScheduleMs: [500, 1000, 2000] } });
	let userFolder;
	let n8nProcess;
	try {
		userFolder = await prepareUserFolder(target, tarball, emulator.url);
		await n8n(target, userFolder, [
			'import:workflow',
			`--input=${path.join(root, 'examples', EXAMPLE)}`,
		]);
		// n8n 2.x publishes from the CLI before start; 1.123's CLI only flips a flag its deactivation
		// ignores, so there the workflow is activated the way the editor does it, once n8n runs.
		if (target.major !== '1')
			await n8n(target, userFolder, ['publish:workflow', `--id=${workflow.id}`]);
		// Without WEBHOOK_URL, n8n's production webhook base is http://{N8N_HOST}:{N8N_PORT}/.
		n8nProcess = await startN8n(target, userFolder);
		const setup = await setUpOwner(n8nProcess.base);
		const { cookie } = setup;
		report.check(
			setup.status === 200 && cookie.startsWith('n8n-auth='),
			`owner set up and signed in (HTTP ${setup.status})`,
		);
		if (target.major === '1') {
			const { json } = await rest(n8nProcess.base, cookie, 'GET', `/workflows/${workflow.id}`);
			const on = await rest(n8nProcess.base, cookie, 'POST', `/workflows/${workflow.id}/activate`, {
				versionId: json?.data?.versionId,
			});
			report.check(on.status === 200, `activated through n8n's REST API (HTTP ${on.status})`);
		}
		const url = `${n8nProcess.base}/webhook/${trigger.webhookId}/webhook`;
		const hooks = () => [...emulator.store().hooks.values()];
		report.check(
			await waitFor(() => hooks().length === 1),
			`activation registered the trigger's hook: ${JSON.stringify(hooks().map((h) => [h.scope, h.destination]))}`,
		);
		report.check(
			hooks()[0]?.destination === url && hooks()[0]?.scope === 'store/order/statusUpdated',
			`for n8n's production URL ${url}`,
		);

		const orderId = await authorizedOrder(emulator);
		await store(emulator, 'PUT', `/v2/orders/${orderId}`, { status_id: 2 });
		const captured = await waitFor(() =>
			emulator
				.store()
				.orders.get(orderId)
				.transactions.some((t) => t.event === 'capture'),
		);
		await emulator.deliveriesSettled();
		const deliveries = emulator.deliveries();
		report.check(
			deliveries.length === 2 &&
				deliveries.every((d) => d.state === 'delivered' && d.attempts.at(-1).status === 200),
			`the emulator made ${deliveries.length} signed deliveries (0 → 11, 11 → 2), each answered ${deliveries.map((d) => d.attempts.map((a) => a.status).join('/')).join(', ')}`,
		);
		report.check(captured, `the authorized payment of order ${orderId} was captured`);
		await waitFor(async () => (await executions(n8nProcess.base, cookie)).length >= 1, 10000);
		await sleep(1000);
		const runs = await executions(n8nProcess.base, cookie);
		report.check(
			runs.length === 1 && runs[0].status === 'success',
			`n8n recorded one execution, for the Shipped event only: ${JSON.stringify(runs.map((r) => [r.mode, r.status]))}`,
		);

		const body = JSON.stringify({ ...deliveries[1]?.body, hash: 'forged' });
		const forged = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_forged',
				'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
				'webhook-signature': 'v1,Zm9yZ2VkIHNpZ25hdHVyZSBieSBhbiBhdHRhY2tlcg==',
			},
			body,
		});
		await sleep(1500);
		const after = await executions(n8nProcess.base, cookie);
		report.check(
			forged.status === 401 && after.length === 1,
			`a forged delivery: HTTP ${forged.status}, executions still ${after.length}`,
		);

		// Both n8n 2.41 and 1.123 have this route; it runs the trigger's webhookMethods.delete.
		const off = await rest(
			n8nProcess.base,
			cookie,
			'POST',
			`/workflows/${workflow.id}/deactivate`,
			{},
		);
		report.check(
			off.status === 200 && (await waitFor(() => hooks().length === 0, 10000)),
			`deactivating the workflow (HTTP ${off.status}) deleted the hook: ${hooks().length} left`,
		);
	} catch (error) {
		report.check(false, `${target.label}: ${error.message}`);
	} finally {
		await stopN8n(n8nProcess);
		await emulator.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}
}

const tarball = pack();
for (const target of targets) {
	console.log(`▶ ${target.label}: BigCommerce Trigger in n8n start`);
	await runTarget(target, tarball);
}
console.log(
	`e2e trigger: ${report.failures === 0 ? 'all checks passed' : `${report.failures} check(s) failed`}`,
);
process.exit(report.failures === 0 ? 0 : 1);
