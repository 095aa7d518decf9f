import type { Emulator } from 'bigcommerce-emulator';
import { withEmulator } from '../../helpers/setup';
import { hooksOf, PUBLIC_WEBHOOK_BASE, triggerHarness } from '../../helpers/trigger';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const TOKEN_HEADER = 'x-n8n-bigcommerce-token';

async function api(method: string, path: string, body?: unknown) {
	const response = await fetch(`${emulator.url}/stores/${emulator.storeHash}${path}`, {
		method,
		headers: {
			'X-Auth-Token': 'sandbox-token',
			Accept: 'application/json',
			...(body ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: (await response.json()) as { data: { id: number } } };
}

test('create registers one hook per chosen scope, a wildcard covering its own events', async () => {
	const trigger = triggerHarness(emulator, {
		parameters: {
			events: ['store/order/*', 'store/order/created', 'store/cart/abandoned'],
		},
	});
	expect(await trigger.hook('checkExists')).toBe(false);
	expect(await trigger.hook('create')).toBe(true);

	const hooks = hooksOf(emulator);
	expect(hooks.map((h) => h.scope).sort()).toEqual(['store/cart/abandoned', 'store/order/*']);
	for (const h of hooks) {
		expect(h.destination).toBe(trigger.webhookUrl());
		expect(h.destination.startsWith(`${PUBLIC_WEBHOOK_BASE}/`)).toBe(true);
		expect(h.is_active).toBe(true);
		expect(h.headers?.[TOKEN_HEADER]).toMatch(/^[0-9a-f]{64}$/);
	}
	const state = trigger.staticData[`node:BigCommerce Trigger`] as {
		hooks: Record<string, number>;
	};
	expect(state.hooks).toEqual(Object.fromEntries(hooks.map((h) => [h.scope, h.id])));
	expect(await trigger.hook('checkExists', 'init')).toBe(true);
});

test('checkExists switches a hook BigCommerce deactivated back on instead of re-creating it', async () => {
	const trigger = triggerHarness(emulator, {
		parameters: { events: ['store/order/statusUpdated'] },
	});
	await trigger.activate();
	const [hook] = hooksOf(emulator);
	hook.is_active = false;
	emulator.clearRequests();

	expect(await trigger.hook('checkExists', 'init')).toBe(true);
	expect(hooksOf(emulator)).toHaveLength(1);
	expect(emulator.store().hooks.get(hook.id)?.is_active).toBe(true);
	expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
		`GET /v3/hooks/${hook.id}`,
		`PUT /v3/hooks/${hook.id}`,
	]);
});

test('checkExists says false when a hook is gone, points elsewhere, or lost its token', async () => {
	const trigger = triggerHarness(emulator, { parameters: { events: ['store/order/created'] } });
	await trigger.activate();
	const [hook] = hooksOf(emulator);

	hook.headers = null;
	expect(await trigger.hook('checkExists', 'init')).toBe(false);
	await trigger.hook('create');
	expect(await trigger.hook('checkExists', 'init')).toBe(true);

	hook.destination = 'https://elsewhere.example.com/hook';
	expect(await trigger.hook('checkExists', 'init')).toBe(false);
	hook.destination = trigger.webhookUrl();

	emulator.store().hooks.delete(hook.id);
	expect(await trigger.hook('checkExists', 'init')).toBe(false);
	await trigger.hook('create');
	expect(hooksOf(emulator)).toHaveLength(1);
	expect(hooksOf(emulator)[0].id).not.toBe(hook.id);
});

test('create adopts a hook left for the same scope and URL instead of colliding with it', async () => {
	const trigger = triggerHarness(emulator, { parameters: { events: ['store/cart/converted'] } });
	const orphan = await api('POST', '/v3/hooks', {
		scope: 'store/cart/converted',
		destination: trigger.webhookUrl(),
		is_active: false,
	});
	expect(orphan.status).toBe(200);
	// A blind create collides: BigCommerce allows one hook per scope and destination.
	const collide = await api('POST', '/v3/hooks', {
		scope: 'store/cart/converted',
		destination: trigger.webhookUrl(),
	});
	expect(collide.status).toBe(422);

	await trigger.activate();
	const hooks = hooksOf(emulator);
	expect(hooks).toHaveLength(1);
	expect(hooks[0].id).toBe(orphan.body.data.id);
	expect(hooks[0].is_active).toBe(true);
	expect(hooks[0].headers?.[TOKEN_HEADER]).toMatch(/^[0-9a-f]{64}$/);
	expect(await trigger.hook('checkExists', 'init')).toBe(true);
});

test('delete removes every hook, and a hook already gone (404) counts as removed', async () => {
	const trigger = triggerHarness(emulator, {
		parameters: { events: ['store/order/created', 'store/order/refund/created'] },
	});
	await trigger.activate();
	const [first] = hooksOf(emulator);
	emulator.store().hooks.delete(first.id);

	expect(await trigger.hook('delete')).toBe(true);
	expect(hooksOf(emulator)).toHaveLength(0);
	expect(trigger.staticData['node:BigCommerce Trigger']).toEqual({});
	const deletes = emulator.requests().filter((r) => r.method === 'DELETE');
	expect(deletes.map((r) => r.status).sort()).toEqual([200, 404]);
	expect(await trigger.hook('checkExists')).toBe(false);
});

test('delete keeps the ids it could not remove, so the next deactivation retries them', async () => {
	const trigger = triggerHarness(emulator, { parameters: { events: ['store/order/created'] } });
	await trigger.activate();
	emulator.addFault({ route: 'DELETE /v3/hooks/*', kind: 'status', status: 403, times: 1 });
	expect(await trigger.hook('delete')).toBe(false);
	expect(hooksOf(emulator)).toHaveLength(1);
	expect(await trigger.hook('delete')).toBe(true);
	expect(hooksOf(emulator)).toHaveLength(0);
});

test('a failed activation leaves no hook behind', async () => {
	const trigger = triggerHarness(emulator, {
		parameters: { events: ['store/cart/abandoned', 'store/order/created'] },
	});
	// The cart hook is made first; then the order scope is already at BigCommerce's limit.
	for (let i = 0; i < 10; i++) {
		await api('POST', '/v3/hooks', {
			scope: 'store/order/created',
			destination: `https://other.example.com/${i}`,
		});
	}
	await expect(trigger.activate()).rejects.toThrow(/At most 10 webhooks per scope/);
	expect(hooksOf(emulator).filter((h) => h.destination === trigger.webhookUrl())).toHaveLength(0);
});

test('activation without a chosen event says so', async () => {
	const trigger = triggerHarness(emulator, { parameters: { events: [] } });
	await expect(trigger.hook('create')).rejects.toThrow(/at least one event/);
});

test('a changed choice of events or a new n8n URL replaces the old hooks instead of leaving them', async () => {
	const trigger = triggerHarness(emulator, {
		parameters: { events: ['store/order/created', 'store/cart/abandoned'] },
	});
	await trigger.activate();
	const moved = triggerHarness(emulator, {
		parameters: { events: ['store/order/created'] },
		webhookBaseUrl: 'https://n8n.other.example.com/webhook',
		webhookId: new URL(trigger.webhookUrl()).pathname.split('/')[2],
	});
	moved.staticData = trigger.staticData;
	await moved.activate();
	expect(hooksOf(emulator).map((h) => [h.scope, h.destination])).toEqual([
		['store/order/created', moved.webhookUrl()],
	]);
});
