import { sleep } from 'n8n-workflow';

/**
 * Paces requests on BigCommerce's `X-Rate-Limit-*` headers. The quota belongs to the store, shared
 * by every workflow that talks to it, so the state lives at module level, keyed by store and host:
 * every execution in this process draws on one budget.
 *
 * An answer says how many requests the window had left when the store counted that request. With
 * several requests in flight the store may not have counted the others yet, so they are taken off
 * what it said: `left - inFlight` is never more than the window really has. The estimate is
 * pessimistic by at most the requests in flight, and each answer corrects it.
 */
interface Pace {
	/** the fewest requests left the store reported in the current window */
	left: number;
	/** when the current window ends, as an upper bound; undefined until an answer in it says */
	resetAt?: number;
	/** the end of the window before this one, to recognise its late answers */
	closedAt?: number;
	quota?: number;
	windowMs?: number;
	/** sent and not yet answered */
	inFlight: number;
}

const paces = new Map<string, Pace>();

// The store's clock and ours tick alike; the margin covers millisecond rounding on both sides.
const RESET_MARGIN_MS = 10;
// How often a request waiting on answers still in flight looks again.
const POLL_MS = 20;

// Header names are case-insensitive; clients disagree on how they spell them.
const headerNumber = (headers: Record<string, unknown>, name: string): number | undefined => {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const raw = key === undefined ? undefined : headers[key];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || !Number.isFinite(value)
		? undefined
		: value;
};

/** Until a store has answered once, one request probes it: a burst could overrun a small quota. */
const paceFor = (key: string): Pace => {
	let pace = paces.get(key);
	if (!pace) {
		pace = { left: 1, inFlight: 0 };
		paces.set(key, pace);
	}
	return pace;
};

/** A window that has ended gives way to a fresh one, of which we know only its quota. */
function roll(pace: Pace, now: number): void {
	if (pace.resetAt === undefined || now < pace.resetAt + RESET_MARGIN_MS) return;
	pace.closedAt = pace.resetAt;
	pace.resetAt = undefined;
	pace.left = pace.quota ?? Number.POSITIVE_INFINITY;
}

/** Waits until the store's window has room for one more request, then counts it as in flight. */
export async function beforeRequest(key: string): Promise<void> {
	const pace = paceFor(key);
	for (;;) {
		const now = Date.now();
		roll(pace, now);
		if (pace.left - pace.inFlight > 0) {
			pace.inFlight++;
			return;
		}
		// Spent: only the next window helps. Otherwise answers still in flight may give room back.
		const wait =
			pace.left <= 0 && pace.resetAt !== undefined ? pace.resetAt + RESET_MARGIN_MS - now : POLL_MS;
		await sleep(Math.max(1, wait));
	}
}

/**
 * Every request that `beforeRequest` let out ends here exactly once: with the answer's headers, or
 * none when no answer came.
 */
export function afterRequest(key: string, headers?: Record<string, unknown>): void {
	const pace = paceFor(key);
	pace.inFlight = Math.max(0, pace.inFlight - 1);
	const left = headers ? headerNumber(headers, 'x-rate-limit-requests-left') : undefined;
	const resetMs = headers ? headerNumber(headers, 'x-rate-limit-time-reset-ms') : undefined;
	if (!headers || left === undefined || resetMs === undefined) {
		// A store that does not send the headers is not paced, as before.
		if (pace.quota === undefined && pace.resetAt === undefined && pace.closedAt === undefined)
			pace.left = Number.POSITIVE_INFINITY;
		return;
	}
	const now = Date.now();
	pace.quota = headerNumber(headers, 'x-rate-limit-requests-quota') ?? pace.quota;
	pace.windowMs = headerNumber(headers, 'x-rate-limit-time-window-ms') ?? pace.windowMs;
	roll(pace, now);
	// Every observed end is at or after the true one (the answer travelled); the earliest is closest.
	const resetAt = now + resetMs;
	const slack = pace.windowMs ? pace.windowMs / 2 : 1000;
	if (pace.closedAt !== undefined && resetAt <= pace.closedAt + slack) return; // a late answer
	if (pace.resetAt !== undefined && resetAt <= pace.resetAt + slack) {
		pace.left = Math.min(pace.left, left);
		pace.resetAt = Math.min(pace.resetAt, resetAt);
		return;
	}
	pace.left = left;
	pace.resetAt = resetAt;
}

/**
 * How long to wait after a 429: the longer of the reset header and `X-Retry-After` (seconds). A 429
 * without either means platform load shedding, so back off exponentially instead of hammering.
 */
export function retryDelayAfter429(headers: Record<string, unknown>, attempt: number): number {
	const resetMs = headerNumber(headers, 'x-rate-limit-time-reset-ms');
	const retryAfterS =
		headerNumber(headers, 'x-retry-after') ?? headerNumber(headers, 'retry-after');
	const candidates = [resetMs, retryAfterS === undefined ? undefined : retryAfterS * 1000].filter(
		(v): v is number => v !== undefined,
	);
	if (candidates.length === 0) return Math.min(30000, 1000 * 2 ** attempt);
	return Math.max(...candidates) + 10;
}

/** A 429 proves the window spent, whatever we believed: nothing more goes out for `delayMs`. */
export function markExhausted(key: string, delayMs: number): void {
	const pace = paceFor(key);
	pace.left = 0;
	pace.closedAt = undefined;
	pace.resetAt = Math.max(pace.resetAt ?? 0, Date.now() + delayMs);
}
