import { sleep } from 'n8n-workflow';

/**
 * Paces requests on BigCommerce's `X-Rate-Limit-*` headers, and says how many items should be in
 * flight to reach the store's ceiling. The quota belongs to the store, shared by every workflow that
 * talks to it, so the state lives at module level, keyed by store and host: every execution in this
 * process draws on one budget, first come first served.
 *
 * An answer says how many requests the window had left when the store counted that request. With
 * several requests in flight the store may not have counted the others yet, so they are taken off
 * what it said: `left - inFlight` is never more than the window really has. The estimate is
 * pessimistic by at most the requests in flight, and each answer corrects it. Other processes on the
 * same store (queue-mode workers, other apps) show up in `left` alone, which is why no worker needs
 * to know of the others.
 */
export type Host = 'management' | 'payments';

/**
 * BigCommerce's documented quotas for its smallest plans (Standard and Plus: 150 per 30 s on the
 * management API; "50 payment requests per 4 seconds" on the payments host). A host whose answers
 * carry no rate-limit headers is paced by these, counted here.
 */
export const DOCUMENTED_QUOTAS: Record<Host, { quota: number; windowMs: number }> = {
	management: { quota: 150, windowMs: 30000 },
	payments: { quota: 50, windowMs: 4000 },
};

interface Pace {
	host: Host;
	/** the fewest requests left the store reported (or we counted) in the current window */
	left: number;
	/** when the current window ends, as we pace it; undefined until an answer in it says */
	resetAt?: number;
	/**
	 * Bounds on the true end of the current window: the store counted a request between sending it
	 * and its answer, so its `reset-ms` ends the window between `sentAt + reset` and `answeredAt +
	 * reset`. Each answer narrows them.
	 */
	resetLow?: number;
	resetHigh?: number;
	/** the upper bound of the window before this one, to recognise its late answers */
	closedAt?: number;
	/** the quickest answer this host gave: twice the most a request can take to reach it */
	fastestMs?: number;
	/** the lower bound of the window we last rolled past, to measure how early a 429 says we were */
	rolledLow?: number;
	/**
	 * How long after its grant a request may reach the store and be counted: a busy event loop or a
	 * slow network delays it. Learnt from 429s that prove a window was still open when we rolled it;
	 * halved by each window that ends without one, so one congested moment does not idle every
	 * window after it.
	 */
	lagMs: number;
	/** a 429 came in the current window */
	limited?: boolean;
	quota?: number;
	windowMs?: number;
	/** true once the host sent the headers; false while it answers without them */
	headers?: boolean;
	/** sent and not yet answered */
	inFlight: number;
	/** smoothed time from sending a request to its answer */
	latencyMs?: number;
	/** requests waiting for room, in the order they asked */
	queue: Array<() => void>;
	pumping: boolean;
}

const paces = new Map<string, Pace>();

// The store's clock and ours tick alike; the margin covers millisecond rounding on both sides.
const RESET_MARGIN_MS = 10;
// How much later than the last window's requests the next may reach the store: n8n's event loop
// delays some sends by this much when a run starts its items (measured: 12–25 ms under jest).
const TRAVEL_MS = 20;
// How often the queue looks again while the only hope is an answer that may never come.
const POLL_MS = 20;
// Latency smoothing: a new request's latency weighs this much against what came before.
const LATENCY_WEIGHT = 0.2;

// Header names are case-insensitive; clients disagree on how they spell them.
const headerNumber = (headers: Record<string, unknown>, name: string): number | undefined => {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const raw = key === undefined ? undefined : headers[key];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || !Number.isFinite(value)
		? undefined
		: value;
};

/**
 * Until a store has answered once: on the management API one request probes it (its quota depends
 * on the plan, a burst could overrun a small one, and an answer takes a fraction of a second). The
 * payments host's quota is documented alike for every plan, and its answers take a gateway's
 * second or more: a probe there would leave the first window nearly unused, so it starts with that
 * quota (another process already spending the window costs only 429s, waited out).
 */
const paceFor = (key: string, host: Host): Pace => {
	let pace = paces.get(key);
	if (!pace) {
		const left = host === 'payments' ? DOCUMENTED_QUOTAS.payments.quota : 1;
		pace = { host, left, inFlight: 0, queue: [], pumping: false, lagMs: 0 };
		paces.set(key, pace);
	}
	return pace;
};

/** A window that has ended gives way to a fresh one, of which we know only its quota. */
function roll(pace: Pace, now: number): void {
	if (pace.resetAt === undefined || now < pace.resetAt + RESET_MARGIN_MS) return;
	pace.closedAt = pace.resetHigh ?? pace.resetAt;
	pace.rolledLow = pace.resetLow;
	if (!pace.limited) pace.lagMs = pace.lagMs < 2 ? 0 : pace.lagMs / 2;
	pace.limited = false;
	pace.resetAt = pace.resetLow = pace.resetHigh = undefined;
	pace.left = pace.quota ?? Number.POSITIVE_INFINITY;
}

/** Lets out waiting requests, oldest first, while the window has room. */
function admit(pace: Pace): void {
	roll(pace, Date.now());
	while (pace.queue.length > 0 && pace.left - pace.inFlight > 0) {
		pace.inFlight++;
		pace.queue.shift()!();
	}
}

/** While requests wait, one loop per host wakes them when a window opens; answers wake them sooner. */
async function pump(pace: Pace): Promise<void> {
	if (pace.pumping) return;
	pace.pumping = true;
	try {
		for (admit(pace); pace.queue.length > 0; admit(pace)) {
			const now = Date.now();
			const wait =
				pace.left <= 0 && pace.resetAt !== undefined
					? pace.resetAt + RESET_MARGIN_MS - now
					: POLL_MS;
			await sleep(Math.max(1, wait));
		}
	} finally {
		pace.pumping = false;
	}
}

/**
 * Waits until the store's window has room for one more request, then counts it as in flight. What it
 * returns goes back to `afterRequest`, which times the request by it.
 */
export async function beforeRequest(key: string, host: Host): Promise<number> {
	const pace = paceFor(key, host);
	await new Promise<void>((resolve) => {
		pace.queue.push(resolve);
		admit(pace);
		if (pace.queue.length > 0) void pump(pace);
	});
	return Date.now();
}

/**
 * Every request that `beforeRequest` let out ends here exactly once: with the answer's headers, or
 * none when no answer came.
 */
export function afterRequest(
	key: string,
	host: Host,
	sentAt: number,
	headers?: Record<string, unknown>,
): void {
	const pace = paceFor(key, host);
	pace.inFlight = Math.max(0, pace.inFlight - 1);
	try {
		if (!headers) return;
		const now = Date.now();
		const took = now - sentAt;
		pace.fastestMs = Math.min(pace.fastestMs ?? took, took);
		pace.latencyMs =
			pace.latencyMs === undefined
				? took
				: pace.latencyMs * (1 - LATENCY_WEIGHT) + took * LATENCY_WEIGHT;
		const left = headerNumber(headers, 'x-rate-limit-requests-left');
		const resetMs = headerNumber(headers, 'x-rate-limit-time-reset-ms');
		if (left === undefined || resetMs === undefined) countWithoutHeaders(pace, now);
		else followHeaders(pace, headers, left, resetMs, sentAt, now);
	} finally {
		admit(pace);
	}
}

/** The store said where its window stands: take the quota and window it names, and what is left. */
function followHeaders(
	pace: Pace,
	headers: Record<string, unknown>,
	left: number,
	resetMs: number,
	sentAt: number,
	now: number,
): void {
	if (pace.headers === false) {
		// The store started sending headers: its own count replaces ours.
		pace.resetAt = undefined;
		pace.closedAt = undefined;
	}
	pace.headers = true;
	// A quota that changed (a plan upgrade) applies from the answer that says so.
	pace.quota = headerNumber(headers, 'x-rate-limit-requests-quota') ?? pace.quota;
	pace.windowMs = headerNumber(headers, 'x-rate-limit-time-window-ms') ?? pace.windowMs;
	roll(pace, now);
	const high = now + resetMs;
	const low = sentAt + resetMs;
	const slack = pace.windowMs ? pace.windowMs / 2 : 1000;
	// A late answer, counted in the window we rolled past: its upper bound is near that window's, or,
	// when a slow gateway answered it long after it arrived, its lower bound is. Taken for the
	// current window's first answer it would restart a window already spent.
	if (pace.closedAt !== undefined && high <= pace.closedAt + slack) return;
	if (pace.rolledLow !== undefined && low <= pace.rolledLow + slack) return;
	if (pace.resetHigh !== undefined && high <= pace.resetHigh + slack) {
		pace.left = Math.min(pace.left, left);
		pace.resetHigh = Math.min(pace.resetHigh, high);
		pace.resetLow = Math.max(pace.resetLow ?? low, low);
	} else {
		pace.left = left;
		pace.resetHigh = high;
		pace.resetLow = low;
	}
	// Near the lower bound: the next request travels to the store as the last did, so the lower
	// bound is where it may leave, give or take how unevenly requests leave a busy process (half the
	// quickest round trip, at most TRAVEL_MS: a slow gateway's answers say little about that), or the
	// lag 429s taught. Each millisecond past the window's end is quota unused.
	const travel = Math.max(pace.lagMs, Math.min((pace.fastestMs ?? 0) / 2, TRAVEL_MS));
	pace.resetAt = Math.min(pace.resetHigh, (pace.resetLow ?? low) + travel);
}

/**
 * No headers: the documented quota, counted here in a window that opens with the first answer, which
 * ends no sooner than the store's (the store opened its window when the request arrived).
 */
function countWithoutHeaders(pace: Pace, now: number): void {
	if (pace.headers === true) return; // one answer without them (an error page) changes nothing
	pace.headers = false;
	const documented = DOCUMENTED_QUOTAS[pace.host];
	pace.quota = documented.quota;
	pace.windowMs = documented.windowMs;
	roll(pace, now);
	if (pace.resetAt === undefined) {
		pace.resetAt = now + documented.windowMs;
		pace.left = documented.quota;
	}
	pace.left--;
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

/**
 * A 429 proves the window spent, whatever we believed: nothing more goes out on this host until the
 * window resets (`reset-ms`), or for `delayMs` when the answer has no reset (platform load: back
 * off). The request that met the 429 waits the longer of the reset and `X-Retry-After` itself
 * (`retryDelayAfter429`); a whole-second `X-Retry-After` need not idle every request once the window
 * has reset. When the reset shows the window we rolled past had not ended, our requests reach the
 * store later than we thought: roll that much later from now on.
 */
export function markExhausted(
	key: string,
	host: Host,
	delayMs: number,
	headers: Record<string, unknown> = {},
): void {
	const pace = paceFor(key, host);
	const resetMs = headerNumber(headers, 'x-rate-limit-time-reset-ms');
	if (resetMs !== undefined && pace.rolledLow !== undefined && pace.windowMs !== undefined) {
		const early = Date.now() + resetMs - pace.rolledLow;
		if (early > 0 && early < pace.windowMs / 2)
			pace.lagMs = Math.max(pace.lagMs, early + RESET_MARGIN_MS);
	}
	pace.limited = true;
	const blockMs = resetMs === undefined ? delayMs : resetMs + Math.max(pace.lagMs, RESET_MARGIN_MS);
	pace.left = 0;
	pace.closedAt = undefined;
	pace.resetAt = Math.max(pace.resetAt ?? 0, Date.now() + blockMs);
	pace.resetLow = pace.resetHigh = pace.resetAt;
}

// The fewest items "automatic" runs, and the most it ever lets run.
const FEWEST_ITEMS = 4;
export const AUTOMATIC_MAX_ITEMS = 100;
// Over the average need (rate × latency): a fixed window is best spent early, and latency jitters.
const HEADROOM = 2;
/**
 * A host's latency until its first answer. The management API's usual 150 ms; on the payments host
 * whatever keeps a whole window's quota in flight (rate × latency × HEADROOM = quota), since a
 * gateway may take 1 s or 3 s and the first window is spent before the first payment answers.
 */
const FIRST_GUESS_MS: Record<Host, number> = {
	management: 150,
	payments: DOCUMENTED_QUOTAS.payments.windowMs / HEADROOM,
};

/**
 * How many items should be in flight for these hosts to reach their ceiling (Little's law: requests
 * in flight = rate × latency, for each host, from its quota and window and the latency measured
 * here), with headroom, within `[FEWEST_ITEMS, bound]`. The pacer still decides when each request
 * goes out; this only keeps enough of them ready.
 */
export function itemsInFlightFor(keys: Array<[string | undefined, Host]>, bound: number): number {
	let need = 0;
	for (const [key, host] of keys) {
		const pace = key === undefined ? undefined : paces.get(key);
		const quota = pace?.quota ?? DOCUMENTED_QUOTAS[host].quota;
		const windowMs = pace?.windowMs ?? DOCUMENTED_QUOTAS[host].windowMs;
		need += (quota / windowMs) * (pace?.latencyMs ?? FIRST_GUESS_MS[host]);
	}
	const items = Math.ceil(need * HEADROOM) + 1;
	return Math.max(1, Math.min(bound, Math.max(FEWEST_ITEMS, items)));
}
