import type { StoreEvents } from './events';
import type { WebhookDeliverer } from './webhooks';
import type { Family } from './http';
import type { FixedWindowLimiter } from './rateLimit';
import type { Seed } from './seed';
import type { StoreState } from './store';

export type FaultKind = 'latency' | 'status' | 'reset' | 'commitThenDrop' | 'error10000';

export interface Fault {
	/** `METHOD /path` below /stores/{hash}, e.g. `POST /payments` or `GET /v2/orders/*`; `*` matches all */
	route: string;
	kind: FaultKind;
	latencyMs?: number;
	status?: number;
	/** how many requests it hits before it stops; unlimited when absent */
	times?: number;
	/** the chance (0..1) that a matching request is hit; every one when absent */
	probability?: number;
	/** with `status: 429`: send BigCommerce's X-Rate-Limit-* headers, as its own limiter does */
	rateLimitHeaders?: { resetMs: number };
}

export interface LoggedRequest {
	at: string;
	method: string;
	path: string;
	family: Family;
	status: number | 'dropped' | 'reset';
	/** which credential arrived, never its value */
	auth: { xAuthToken: boolean; pat: boolean };
	body?: unknown;
}

export interface Settings {
	/**
	 * Capture and void answer at once but settle later, as at BigCommerce: `payment_status` reads
	 * `capture pending` / `void pending` until this much emulator-clock time has passed (0: at the next read).
	 */
	settleDelayMs: number;
	/** The customer stored-instruments answer: the spec's bare array, or wrapped in `{data: […]}`. */
	storedInstrumentsEnvelope: 'array' | 'data';
}

export const DEFAULT_SETTINGS: Settings = { settleDelayMs: 0, storedInstrumentsEnvelope: 'array' };

/** What a running emulator holds besides the store: the parts the admin routes can replace. */
export interface Runtime {
	store: StoreState;
	/** shared by every store this runtime builds, so listeners survive a reset */
	events: StoreEvents;
	/** sends the events to the hooks (set once the runtime exists) */
	webhooks?: WebhookDeliverer;
	makeSeed: () => Seed;
	limiters: { management?: FixedWindowLimiter; payments?: FixedWindowLimiter };
	newLimiters: () => Runtime['limiters'];
	faults: (Fault & { hits: number })[];
	/** draws for faults with a `probability`; a seeded one makes a fault run repeatable */
	random: () => number;
	log: LoggedRequest[];
	logLimit: number;
	settings: Settings;
	/** what `reset` goes back to: the defaults with the start options applied */
	defaultSettings: Settings;
	/** added to the base clock, so the emulator's time can be set or advanced */
	offset: number;
	baseNow: () => number;
	now: () => number;
}

export function record(rt: Runtime, entry: LoggedRequest): void {
	rt.log.push(entry);
	if (rt.log.length > rt.logLimit)
		rt.log = rt.log.slice(rt.log.length - Math.floor(rt.logLimit / 2));
}

function routeMatches(pattern: string, method: string, path: string): boolean {
	if (pattern === '*') return true;
	const [m, p] = pattern.split(' ');
	if (m !== '*' && m !== method) return false;
	const re = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^?]*')}$`);
	return re.test(path);
}

export function takeFault(rt: Runtime, method: string, path: string) {
	for (const f of rt.faults) {
		if (f.times !== undefined && f.hits >= f.times) continue;
		if (routeMatches(f.route, method, path)) {
			if (f.probability !== undefined && rt.random() >= f.probability) continue;
			f.hits++;
			return f;
		}
	}
	return undefined;
}
