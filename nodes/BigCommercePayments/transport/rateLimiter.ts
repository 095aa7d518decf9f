import { sleep } from 'n8n-workflow';

/**
 * Paces requests on BigCommerce's `X-Rate-Limit-*` headers. The quota belongs to the store, shared
 * by every workflow that talks to it, so the state lives at module level, keyed by store.
 */
interface Window {
	left: number;
	resetAt: number;
}

const windows = new Map<string, Window>();

// Header names are case-insensitive; clients disagree on how they spell them.
const headerNumber = (headers: Record<string, unknown>, name: string): number | undefined => {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const raw = key === undefined ? undefined : headers[key];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || !Number.isFinite(value)
		? undefined
		: value;
};

/** Waits while the store's window is spent, then takes one request from it. */
export async function beforeRequest(key: string): Promise<void> {
	const w = windows.get(key);
	if (!w) return;
	const wait = w.resetAt - Date.now();
	if (w.left <= 0 && wait > 0) {
		await sleep(wait + 5);
		w.left = Number.POSITIVE_INFINITY;
	}
	w.left--;
}

export function observe(key: string, headers: Record<string, unknown>): void {
	const left = headerNumber(headers, 'x-rate-limit-requests-left');
	const resetMs = headerNumber(headers, 'x-rate-limit-time-reset-ms');
	if (left === undefined || resetMs === undefined) return;
	windows.set(key, { left, resetAt: Date.now() + resetMs });
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

export function markExhausted(key: string, delayMs: number): void {
	windows.set(key, { left: 0, resetAt: Date.now() + delayMs });
}
