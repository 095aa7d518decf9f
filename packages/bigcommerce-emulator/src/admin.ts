import type { Reply } from './http';
import { isObject } from './http';
import type { Fault, Runtime, Settings } from './runtime';
import { overlappingPayments } from './runtime';
import type { Seed } from './seed';
import { defaultSeed } from './seed';
import { StoreState, toCents } from './store';

/** Routes below /__emulator: inspection and control for tests and demos, never part of BigCommerce's API. */
export function adminReply(rt: Runtime, method: string, path: string, body: unknown): Reply {
	const b = isObject(body) ? body : {};
	if (method === 'POST' && path === '/reset') {
		reset(rt);
		return { status: 200, body: { ok: true } };
	}
	if (method === 'POST' && path === '/seed') {
		// Top-level keys of the body replace the default seed's (customers, methods, tokens, …).
		const overrides = b as Partial<Seed>;
		rt.makeSeed = () => ({ ...defaultSeed(), ...overrides });
		reset(rt);
		return { status: 200, body: { ok: true } };
	}
	if (method === 'GET' && path === '/seed') return { status: 200, body: rt.makeSeed() };
	if (method === 'GET' && path.startsWith('/charges'))
		return { status: 200, body: { charges: rt.store.charges, attempts: rt.store.attempts } };
	if (method === 'GET' && path === '/requests') return { status: 200, body: { requests: rt.log } };
	if (method === 'GET' && path === '/overlapping-payments')
		return { status: 200, body: { overlaps: overlappingPayments(rt.log) } };
	if (method === 'DELETE' && path === '/requests') {
		rt.log = [];
		return { status: 204 };
	}
	if (method === 'GET' && path === '/events')
		return { status: 200, body: { events: rt.events.log() } };
	if (method === 'DELETE' && path === '/events') {
		rt.events.clearLog();
		return { status: 204 };
	}
	const webhooks = rt.webhooks?.adminReply(method, path);
	if (webhooks) return webhooks;
	if (path === '/settings') return settings(rt, method, b);
	if (path === '/faults') return faults(rt, method, b);
	if (path === '/clock') return clock(rt, method, b);
	const order = /^\/orders\/(\d+)$/.exec(path);
	if (order) return patchOrder(rt, method, Number(order[1]), b);
	const instrument = /^\/customers\/(\d+)\/instruments\/(\w+)$/.exec(path);
	if (instrument && method === 'PATCH')
		return patchInstrument(rt, Number(instrument[1]), instrument[2], b);
	const m = /^\/methods\/([\w.]+)$/.exec(path);
	if (m && method === 'PATCH') return patchMethod(rt, m[1], b);
	return { status: 404, body: { error: `no admin route ${method} ${path}` } };
}

export function reset(rt: Runtime): void {
	rt.store = new StoreState(rt.makeSeed(), rt.events);
	rt.events.clearLog();
	rt.webhooks?.reset();
	rt.limiters = rt.newLimiters();
	rt.faults = [];
	rt.log = [];
	rt.offset = 0;
	// Same object, so a request already holding it sees the change.
	Object.assign(rt.settings, rt.defaultSettings);
}

function faults(rt: Runtime, method: string, b: Record<string, unknown>): Reply {
	if (method === 'GET') return { status: 200, body: { faults: rt.faults } };
	if (method === 'POST') {
		rt.faults.push({ ...(b as unknown as Fault), hits: 0 });
		return { status: 201, body: { faults: rt.faults } };
	}
	if (method === 'DELETE') {
		rt.faults = [];
		return { status: 204 };
	}
	return { status: 404, body: { error: `no admin route ${method} /faults` } };
}

function clock(rt: Runtime, method: string, b: Record<string, unknown>): Reply {
	if (method === 'POST') {
		if (typeof b.advanceMs === 'number') rt.offset += b.advanceMs;
		if (b.now !== undefined) rt.offset = new Date(b.now as string).getTime() - rt.baseNow();
	} else if (method !== 'GET') {
		return { status: 404, body: { error: `no admin route ${method} /clock` } };
	}
	return { status: 200, body: { now: new Date(rt.now()).toISOString() } };
}

function patchOrder(rt: Runtime, method: string, id: number, b: Record<string, unknown>): Reply {
	const o = rt.store.orders.get(id);
	if (!o) return { status: 404, body: { error: 'no such order' } };
	if (method === 'PATCH') {
		// Simulates a change made elsewhere (control panel, another app) after a PAT was minted.
		if (b.total_inc_tax !== undefined) o.total_inc_cents = toCents(b.total_inc_tax);
		if (b.total_ex_tax !== undefined) o.total_ex_cents = toCents(b.total_ex_tax);
		if (typeof b.status_id === 'number') rt.store.setStatus(o, b.status_id);
		if (b.created_via === 'control_panel') o.created_via = 'control_panel';
		o.version++;
	}
	return { status: 200, body: { ...o, transactions: o.transactions.length } };
}

function patchMethod(rt: Runtime, id: string, b: Record<string, unknown>): Reply {
	const def = rt.store.methods.get(id);
	if (!def) return { status: 404, body: { error: 'no such method' } };
	if (typeof b.misconfigured === 'boolean') def.misconfigured = b.misconfigured;
	if (typeof b.vaulting === 'boolean') def.vaulting = b.vaulting;
	if (b.remove === true) rt.store.methods.delete(id);
	return { status: 200, body: def };
}

/** Each setting's check: a value it accepts, or undefined. */
const SETTING_VALUES: { [K in keyof Settings]: (v: unknown) => v is Settings[K] } = {
	settleDelayMs: (v): v is number => typeof v === 'number' && v >= 0,
	storedInstrumentsEnvelope: (v): v is Settings['storedInstrumentsEnvelope'] =>
		v === 'array' || v === 'data',
	listIncomplete: (v): v is boolean => typeof v === 'boolean',
	gatewayCommit: (v): v is Settings['gatewayCommit'] => v === 'atomic' || v === 'onAnswer',
};

/**
 * The settings a body names, checked: a value a setting does not take is an error naming it (a
 * typo must not leave a test running under the other reading); keys that are no setting are ignored.
 */
export function parseSettings(b: Record<string, unknown>): Partial<Settings> | string {
	const out: Record<string, unknown> = {};
	for (const [name, accepts] of Object.entries(SETTING_VALUES)) {
		if (b[name] === undefined) continue;
		if (!(accepts as (v: unknown) => boolean)(b[name]))
			return `${name} cannot be ${JSON.stringify(b[name])}`;
		out[name] = b[name];
	}
	return out as Partial<Settings>;
}

function settings(rt: Runtime, method: string, b: Record<string, unknown>): Reply {
	if (method === 'POST') {
		const parsed = parseSettings(b);
		if (typeof parsed === 'string') return { status: 400, body: { error: parsed } };
		Object.assign(rt.settings, parsed);
	} else if (method !== 'GET') {
		return { status: 404, body: { error: `no admin route ${method} /settings` } };
	}
	return { status: 200, body: { settings: rt.settings } };
}

/** Makes a stored instrument the customer's default, as a shopper would in their account. */
function patchInstrument(
	rt: Runtime,
	customerId: number,
	token: string,
	b: Record<string, unknown>,
): Reply {
	const customer = rt.store.customers.get(customerId);
	const target = customer?.instruments.find((i) => i.token === token);
	if (!customer || !target) return { status: 404, body: { error: 'no such instrument' } };
	if (b.isDefault === true && !target.isDefault) {
		for (const i of customer.instruments) i.isDefault = i === target;
		rt.store.events.emit('store/customer/payment/instrument/default/updated', {
			type: 'customer',
			id: customer.id,
		});
	}
	return { status: 200, body: { ...target, token: `…${token.slice(-4)}` } };
}
