import { readFileSync } from 'node:fs';
import path from 'node:path';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { startEmulator } from 'bigcommerce-emulator';
import type { WorkflowJson } from 'n8n-harness';
import { n8nBaseNodeTypes, WebhookReceiver, TriggerHarness } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { BigCommerceTrigger } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommerceTrigger.node';
import { call, card, mintPat, pay } from '../../helpers/http';
import { createOrder, NODE_TYPE, sandboxCredentials } from '../../helpers/setup';
import { SANDBOX_SECRET, signed, TRIGGER_TYPE } from '../../helpers/trigger';

/**
 * The trigger examples end to end, in n8n-core: the emulator delivers signed webhooks over loopback
 * to a receiver standing in for n8n's webhook server, which runs the imported workflow.
 */
let emulator: Emulator;
let receiver: WebhookReceiver;
beforeAll(async () => {
	emulator = await startEmulator({ webhooks: { retryScheduleMs: [20, 20] } });
	receiver = await new WebhookReceiver().start();
});
afterAll(async () => {
	await receiver.stop();
	await emulator.stop();
});
beforeEach(() => {
	emulator.reset();
	receiver.received.length = 0;
});

function load(file: string, trigger: string): TriggerHarness {
	const workflow = JSON.parse(
		readFileSync(path.join(__dirname, '..', '..', '..', 'examples', file), 'utf8'),
	) as WorkflowJson;
	const harness = new TriggerHarness(workflow, {
		trigger,
		webhookBaseUrl: receiver.baseUrl,
		nodeTypes: {
			...n8nBaseNodeTypes(workflow.nodes.map((n) => n.type)),
			[TRIGGER_TYPE]: new BigCommerceTrigger(),
			[NODE_TYPE]: new BigCommercePayments(),
		},
		credentialTypes: { bigCommerceApi: new BigCommerceApi() },
		credentials: {
			bigCommerceApi: sandboxCredentials(emulator, 'sandbox-token', {
				clientSecret: SANDBOX_SECRET,
			}),
		},
	});
	receiver.route(harness);
	return harness;
}

/** An API order paid with the authorize-only gateway: Awaiting Fulfillment, payment authorized. */
async function authorizedOrder(): Promise<number> {
	const id = await createOrder(emulator, 1, 30);
	const paid = await pay(emulator, await mintPat(emulator, id), {
		payment_method_id: 'authorizenet.card',
		instrument: card('4111111111111111'),
	});
	expect(paid.status).toBe(201);
	return id;
}

const setStatus = async (id: number, statusId: number) =>
	expect(
		(await call(emulator, 'PUT', `/v2/orders/${id}`, { body: { status_id: statusId } })).status,
	).toBe(200);

async function settle() {
	await emulator.deliveriesSettled();
	await receiver.settled();
}

const runs = () => receiver.received.filter((r) => r.answer.run);

test('trigger examples have ids n8n 1.x saves static data for (at most 16 characters)', () => {
	// n8n 1.x writes a workflow's static data only when its id is at most 16 characters long; the
	// trigger keeps its hook ids there, so a longer id would leave the hook behind on deactivation.
	for (const file of [
		'capture-when-order-shipped.json',
		'void-authorization-when-order-cancelled.json',
	]) {
		const { id } = JSON.parse(
			readFileSync(path.join(__dirname, '..', '..', '..', 'examples', file), 'utf8'),
		) as { id: string };
		expect([file, id.length <= 16]).toEqual([file, true]);
	}
});

test('capture-when-order-shipped: marking an authorized order Shipped captures it, once', async () => {
	const workflow = load('capture-when-order-shipped.json', 'Order Shipped');
	await workflow.activate();
	const [hook] = [...emulator.store().hooks.values()];
	expect(hook).toMatchObject({
		scope: 'store/order/statusUpdated',
		destination: workflow.webhookUrl(),
		is_active: true,
	});

	const id = await authorizedOrder();
	await settle();
	// 0 → 11 was delivered and answered, but it is not "Shipped": no execution.
	expect(receiver.received.map((r) => r.answer.status)).toEqual([200]);
	expect(runs()).toHaveLength(0);

	await setStatus(id, 2);
	await settle();
	expect(runs()).toHaveLength(1);
	const run = runs()[0].answer.run!;
	expect(run.error()).toBeUndefined();
	expect(run.output('Order Shipped')[0].json).toMatchObject({
		event: 'orderStatusUpdated',
		orderId: id,
		previousStatusId: 11,
		newStatusId: 2,
	});
	expect(run.output('Capture Payment').map((i) => i.json)).toEqual([
		expect.objectContaining({ orderId: id, action: 'capture', paymentStatus: 'captured' }),
	]);
	const order = emulator.store().orders.get(id)!;
	expect(order.transactions.filter((t) => t.event === 'capture')).toHaveLength(1);
	expect(emulator.deliveries().every((d) => d.state === 'delivered')).toBe(true);

	// Shipped again (2 → 9 → 2): the order is no longer authorized, so nothing more is captured.
	await setStatus(id, 9);
	await setStatus(id, 2);
	await settle();
	expect(runs()).toHaveLength(2);
	expect(runs()[1].answer.run!.output('Capture Payment')).toEqual([]);
	expect(order.transactions.filter((t) => t.event === 'capture')).toHaveLength(1);
});

test('a forged delivery to the same URL gets 401 and starts no execution', async () => {
	const workflow = load('capture-when-order-shipped.json', 'Order Shipped');
	await workflow.activate();
	const id = await authorizedOrder();
	const body = JSON.stringify({
		scope: 'store/order/statusUpdated',
		store_id: '1000001',
		data: { type: 'order', id, status: { previous_status_id: 11, new_status_id: 2 } },
		hash: 'forged',
		created_at: Math.floor(Date.now() / 1000),
		producer: 'stores/sandbox',
	});
	const response = await fetch(workflow.webhookUrl(), {
		method: 'POST',
		headers: signed(body, 'a-guessed-secret'),
		body,
	});
	expect(response.status).toBe(401);
	await settle();
	expect(runs()).toHaveLength(0);
	expect(
		emulator
			.store()
			.orders.get(id)!
			.transactions.some((t) => t.event === 'capture'),
	).toBe(false);
});

test('void-authorization-when-order-cancelled: cancelling an authorized order voids it', async () => {
	const workflow = load('void-authorization-when-order-cancelled.json', 'Order Cancelled');
	await workflow.activate();
	const id = await authorizedOrder();
	await setStatus(id, 5);
	await settle();
	expect(runs()).toHaveLength(1);
	expect(
		runs()[0]
			.answer.run!.output('Void Authorization')
			.map((i) => i.json),
	).toEqual([expect.objectContaining({ orderId: id, action: 'void', paymentStatus: 'void' })]);
});

test('deactivating the workflow deletes its hook, and the store stops delivering', async () => {
	const workflow = load('capture-when-order-shipped.json', 'Order Shipped');
	await workflow.activate();
	expect(await workflow.hook('delete')).toBe(true);
	expect(emulator.store().hooks.size).toBe(0);
	const id = await authorizedOrder();
	await setStatus(id, 2);
	await settle();
	expect(emulator.deliveries()).toEqual([]);
	expect(receiver.received).toEqual([]);
});
