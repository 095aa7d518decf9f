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
	/** when the request arrived (wall clock, ISO) */
	at: string;
	/** when the request arrived, in wall-clock ms (fractional: two requests in one ms still order) */
	startedAtMs: number;
	/** when its answer was sent, or its connection closed without one ('dropped', 'reset') */
	answeredAtMs: number;
	method: string;
	path: string;
	family: Family;
	status: number | 'dropped' | 'reset';
	/** which credential arrived, never its value */
	auth: { xAuthToken: boolean; pat: boolean };
	/** on the payments host: the order its payment access token names, once the token was read */
	orderId?: number;
	/**
	 * What the rate limiter said when it counted the request (its X-Rate-Limit-* headers): tests tell
	 * a 429 at a window's turn (a request that arrived a moment before the window opened) from one
	 * with most of the window still to run (a client that overran it).
	 */
	rateLimit?: { left: number; resetMs: number; windowMs: number };
	body?: unknown;
}

/** Two payment requests for one order that were in flight at the same time (see `overlappingPayments`). */
export interface PaymentOverlap {
	orderId: number;
	/** the one that arrived first */
	first: LoggedRequest;
	second: LoggedRequest;
}

export interface Settings {
	/**
	 * Capture and void answer at once but settle later, as at BigCommerce: `payment_status` reads
	 * `capture pending` / `void pending` until this much emulator-clock time has passed (0: at the next read).
	 */
	settleDelayMs: number;
	/** The customer stored-instruments answer: the spec's bare array, or wrapped in `{data: […]}`. */
	storedInstrumentsEnvelope: 'array' | 'data';
	/**
	 * Whether `GET /v2/orders` and `/v2/orders/count` without a `status_id` filter include Incomplete
	 * (status 0) orders. BigCommerce's docs do not say; `false` is the reading that they are left out
	 * (`status_id=0` always finds them).
	 */
	listIncomplete: boolean;
	/**
	 * When a payment's checks and its charge happen. `atomic`: after the request's latency, in one step
	 * (a second payment for a paid order gets 30101). `onAnswer`: the token, the order's payability,
	 * version and amount due are checked when the request arrives, the charge is committed when the
	 * gateway answers (after the latency) without checking again, so two overlapping payments for one
	 * order are both charged. BigCommerce's docs do not say which it does.
	 */
	gatewayCommit: 'atomic' | 'onAnswer';
}

export const DEFAULT_SETTINGS: Settings = {
	settleDelayMs: 0,
	storedInstrumentsEnvelope: 'array',
	listIncomplete: true,
	gatewayCommit: 'atomic',
};

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

/**
 * Payment requests for one order whose times in flight (arrival to answer) overlapped, from the
 * request log: the case that lets two charges through when the gateway commits on its answer.
 */
export function overlappingPayments(log: LoggedRequest[]): PaymentOverlap[] {
	const payments = log
		.filter((r) => r.family === 'payments' && r.method === 'POST' && r.orderId !== undefined)
		.sort((a, b) => a.startedAtMs - b.startedAtMs);
	const pairs: PaymentOverlap[] = [];
	for (let i = 0; i < payments.length; i++)
		for (let j = i + 1; j < payments.length; j++) {
			const [a, b] = [payments[i], payments[j]];
			if (b.startedAtMs >= a.answeredAtMs) continue;
			if (a.orderId === b.orderId)
				pairs.push({ orderId: a.orderId as number, first: a, second: b });
		}
	return pairs;
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
