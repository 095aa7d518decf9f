import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import type { TriggerHarness } from 'n8n-harness';
import { createOrder, withEmulator } from '../../helpers/setup';
import {
	envelope,
	forged,
	SANDBOX_SECRET,
	signed,
	TRIGGER_NAME,
	triggerHarness,
} from '../../helpers/trigger';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const ORDER_EVENTS = ['store/order/*', 'store/cart/*', 'store/customer/*'];

async function activated(parameters: IDataObject, clientSecret?: string) {
	const trigger = triggerHarness(emulator, { parameters, clientSecret });
	await trigger.activate();
	return trigger;
}

async function send(
	trigger: TriggerHarness,
	payload: IDataObject,
	options: { secret?: string; id?: string; timestamp?: number } = {},
) {
	const body = JSON.stringify(payload);
	return await trigger.deliver({
		headers: signed(body, options.secret ?? SANDBOX_SECRET, options),
		body,
	});
}

const emitted = (answer: Awaited<ReturnType<TriggerHarness['deliver']>>) =>
	answer.run?.output(TRIGGER_NAME).map((i) => i.json);

describe('with the Client Secret: Standard Webhooks signatures', () => {
	let trigger: TriggerHarness;
	beforeEach(async () => {
		trigger = await activated({ events: ['store/order/statusUpdated'] }, SANDBOX_SECRET);
	});
	const statusChange = () =>
		envelope('store/order/statusUpdated', {
			type: 'order',
			id: 120,
			status: { previous_status_id: 11, new_status_id: 2 },
		});

	test('a valid delivery starts one execution with the event and its normalised fields', async () => {
		const payload = statusChange();
		const answer = await send(trigger, payload);
		expect(answer.status).toBe(200);
		expect(emitted(answer)).toEqual([
			{
				event: 'orderStatusUpdated',
				orderId: 120,
				newStatusId: 2,
				previousStatusId: 11,
				transaction: null,
				refundId: null,
				cartId: null,
				customerId: null,
				channelId: null,
				...payload,
			},
		]);
	});

	test('a forged signature gets 401 and starts nothing', async () => {
		const answer = await send(trigger, statusChange(), { secret: 'not-the-secret' });
		expect(answer).toEqual({ status: 401, body: 'Unauthorized' });
	});

	test('a body changed after signing gets 401', async () => {
		const body = JSON.stringify(statusChange());
		const headers = signed(body, SANDBOX_SECRET);
		const answer = await trigger.deliver({ headers, body: body.replace('"id":120', '"id":121') });
		expect(answer.status).toBe(401);
		expect(answer.run).toBeUndefined();
	});

	test('a signature older or newer than 5 minutes gets 401; within them it passes', async () => {
		// Whole seconds on both sides, and a second may tick between here and the trigger's own clock
		// (it did, and now + 301 passed as now + 300): 310 is outside the tolerance either way.
		const now = Math.floor(Date.now() / 1000);
		expect((await send(trigger, statusChange(), { timestamp: now - 310 })).status).toBe(401);
		expect((await send(trigger, statusChange(), { timestamp: now + 310 })).status).toBe(401);
		const inside = await send(trigger, statusChange(), { timestamp: now - 280 });
		expect(inside.status).toBe(200);
		expect(emitted(inside)).toHaveLength(1);
	});

	test('missing signature headers, or only our token header, get 401', async () => {
		const body = JSON.stringify(statusChange());
		expect(
			(await trigger.deliver({ headers: { 'content-type': 'application/json' }, body })).status,
		).toBe(401);
		const token = (trigger.staticData['node:BigCommerce Trigger'] as { token: string }).token;
		const answer = await trigger.deliver({
			headers: { 'x-n8n-bigcommerce-token': token },
			body,
		});
		expect(answer.status).toBe(401);
	});

	test('a redelivery (same webhook-id, signed again later) is answered 2xx and starts nothing', async () => {
		const payload = statusChange();
		const first = await send(trigger, payload, { id: 'msg_retry_1' });
		expect(emitted(first)).toHaveLength(1);
		const retry = await send(trigger, payload, {
			id: 'msg_retry_1',
			timestamp: Math.floor(Date.now() / 1000) + 60,
		});
		expect(retry).toEqual({ status: 200, body: { message: 'Webhook call received' } });
		// The same event fired twice under a new id: same hash and created_at.
		const twice = await send(trigger, payload, { id: 'msg_other' });
		expect(twice.run).toBeUndefined();
		// A new status change of the same order is a new event.
		const next = await send(trigger, { ...statusChange(), hash: payload.hash, created_at: 1 });
		expect(emitted(next)).toHaveLength(1);
	});

	test('the seen-set survives between deliveries only through static data, and stays bounded', async () => {
		for (let i = 0; i < 3; i++) await send(trigger, statusChange());
		const state = trigger.staticData['node:BigCommerce Trigger'] as { seen: IDataObject };
		expect(Object.keys(state.seen)).toHaveLength(6);
		expect(JSON.stringify(state)).not.toContain(SANDBOX_SECRET);
	});
});

describe('filters', () => {
	test('an event not chosen is answered 2xx and starts nothing', async () => {
		const trigger = await activated({ events: ['store/order/created'] }, SANDBOX_SECRET);
		const answer = await send(trigger, envelope('store/order/updated', { type: 'order', id: 1 }));
		expect(answer).toEqual({ status: 200, body: { message: 'Webhook call received' } });
		expect(answer.run).toBeUndefined();
	});

	test('status filters let through only the chosen transitions', async () => {
		const trigger = await activated(
			{
				events: ['store/order/*'],
				options: { newStatusIds: [2], previousStatusIds: [11, 9] },
			},
			SANDBOX_SECRET,
		);
		const change = (previous: number, next: number) =>
			envelope('store/order/statusUpdated', {
				type: 'order',
				id: 5,
				status: { previous_status_id: previous, new_status_id: next },
			});
		expect(emitted(await send(trigger, change(11, 2)))).toHaveLength(1);
		expect(emitted(await send(trigger, change(9, 2)))).toHaveLength(1);
		expect((await send(trigger, change(11, 10))).run).toBeUndefined();
		expect((await send(trigger, change(1, 2))).run).toBeUndefined();
		// Other order events are not status changes, so the filters leave them alone.
		const created = await send(trigger, envelope('store/order/created', { type: 'order', id: 5 }));
		expect(emitted(created)).toHaveLength(1);
	});
});

describe('without a Client Secret: the hook header token', () => {
	test('a forged token differs from the real one whatever its last character', () => {
		for (const last of '0123456789abcdef') {
			const token = `${'f'.repeat(63)}${last}`;
			expect(forged(token)).not.toBe(token);
			expect(forged(token)).toHaveLength(token.length);
		}
	});

	test('the token the hooks carry is required, and a wrong one gets 401', async () => {
		const trigger = await activated({ events: ['store/cart/abandoned'] });
		const hook = [...emulator.store().hooks.values()][0];
		const token = hook.headers?.['x-n8n-bigcommerce-token'] as string;
		const body = JSON.stringify(
			envelope('store/cart/abandoned', {
				type: 'cart',
				id: '09346904-4175-44fd-be53-f7e598531b6c',
				token: 'a'.repeat(32),
			}),
		);
		const ok = await trigger.deliver({ headers: { 'x-n8n-bigcommerce-token': token }, body });
		expect(emitted(ok)).toEqual([
			expect.objectContaining({
				event: 'cartAbandoned',
				cartId: '09346904-4175-44fd-be53-f7e598531b6c',
			}),
		]);
		expect(JSON.stringify(emitted(ok))).not.toContain(token);
		const wrong = await trigger.deliver({
			headers: { 'x-n8n-bigcommerce-token': forged(token) },
			body,
		});
		expect(wrong.status).toBe(401);
		expect((await trigger.deliver({ headers: {}, body })).status).toBe(401);
	});
});

describe('normalised fields, for every scope', () => {
	const TX = {
		type: 'transaction',
		order_id: '250',
		transaction_id: 'a1b2',
		transaction_status: 'complete',
		transaction_type: 'capture',
		result: { code: 'OK', message: 'Approved', type: 'success' },
		platform_transaction_id: 'p-1',
		provider_transaction_id: 'pi_1',
	};
	const none = {
		orderId: null,
		newStatusId: null,
		previousStatusId: null,
		transaction: null,
		refundId: null,
		cartId: null,
		customerId: null,
		channelId: null,
	};
	const cases: [string, IDataObject, IDataObject][] = [
		['store/order/created', { type: 'order', id: 250 }, { event: 'orderCreated', orderId: 250 }],
		['store/order/updated', { type: 'order', id: 250 }, { event: 'orderUpdated', orderId: 250 }],
		['store/order/archived', { type: 'order', id: 250 }, { event: 'orderArchived', orderId: 250 }],
		[
			'store/order/statusUpdated',
			{ type: 'order', id: 250, status: { previous_status_id: 0, new_status_id: 11 } },
			{ event: 'orderStatusUpdated', orderId: 250, previousStatusId: 0, newStatusId: 11 },
		],
		[
			'store/order/refund/created',
			{ type: 'order', id: 250, refund: { refund_id: 7 } },
			{ event: 'orderRefundCreated', orderId: 250, refundId: 7 },
		],
		[
			'store/order/message/created',
			{ type: 'order', id: 250, message: { order_message_id: 3 } },
			{ event: 'orderMessageCreated', orderId: 250 },
		],
		...(['created', 'updated'] as const).map((verb): [string, IDataObject, IDataObject] => [
			`store/order/transaction/${verb}`,
			TX,
			{
				event: `orderTransaction${verb === 'created' ? 'Created' : 'Updated'}`,
				orderId: 250,
				transaction: {
					id: 'a1b2',
					status: 'complete',
					type: 'capture',
					result: { code: 'OK', message: 'Approved', type: 'success' },
					platformTransactionId: 'p-1',
					providerTransactionId: 'pi_1',
				},
			},
		]),
		[
			'store/order/metafield/created',
			{ metafield_id: 9, resource_id: '250' },
			{ event: 'orderMetafieldCreated', orderId: 250 },
		],
		['store/cart/created', { type: 'cart', id: 'c-1' }, { event: 'cartCreated', cartId: 'c-1' }],
		[
			'store/cart/abandoned',
			{ type: 'cart', id: 'c-1', token: 'f'.repeat(32) },
			{ event: 'cartAbandoned', cartId: 'c-1' },
		],
		[
			'store/cart/converted',
			{ type: 'cart', id: 'c-1', orderId: 250 },
			{ event: 'cartConverted', cartId: 'c-1', orderId: 250 },
		],
		[
			'store/customer/payment/instrument/default/updated',
			{ type: 'customer', id: 4 },
			{ event: 'customerPaymentInstrumentDefaultUpdated', customerId: 4 },
		],
		[
			'store/customer/address/created',
			{ type: 'customer', id: 55, address: { customer_id: 4 } },
			{ event: 'customerAddressCreated', customerId: 4 },
		],
		[
			'store/channel/1/order/statusUpdated',
			{ order_id: 250, status: { previous_status_id: 11, new_status_id: 2 } },
			{
				event: 'orderStatusUpdated',
				orderId: 250,
				channelId: 1,
				previousStatusId: 11,
				newStatusId: 2,
			},
		],
	];

	test.each(cases)('%s', async (scope, data, expected) => {
		const trigger = await activated({ events: ORDER_EVENTS }, SANDBOX_SECRET);
		const payload = envelope(scope, data);
		const [item] = emitted(await send(trigger, payload)) ?? [];
		expect(item).toEqual({ ...none, ...expected, ...payload });
	});
});

describe('Fetch Full Order', () => {
	test('answers first, then adds the V2 order to the event', async () => {
		const orderId = await createOrder(emulator, 1, 42);
		const trigger = await activated(
			{ events: ['store/order/created'], options: { fetchOrder: true } },
			SANDBOX_SECRET,
		);
		const answer = await send(
			trigger,
			envelope('store/order/created', { type: 'order', id: orderId }),
		);
		expect(answer.status).toBe(200);
		const [item] = emitted(answer) ?? [];
		expect(item.orderId).toBe(orderId);
		expect(item.order).toEqual(
			expect.objectContaining({ id: orderId, total_inc_tax: '42.0000', status_id: 0 }),
		);
		expect(item.orderError).toBeNull();
	});

	test('an order it cannot read still starts the workflow, with the reason', async () => {
		const trigger = await activated(
			{ events: ['store/order/created'], options: { fetchOrder: true } },
			SANDBOX_SECRET,
		);
		const answer = await send(
			trigger,
			envelope('store/order/created', { type: 'order', id: 99999 }),
		);
		const [item] = emitted(answer) ?? [];
		expect(item.order).toBeNull();
		expect(item.orderError).toMatch(/not found/);
	});
});
