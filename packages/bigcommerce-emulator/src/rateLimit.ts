export interface RateLimitOptions {
	windowMs: number;
	quota: number;
}

/**
 * BigCommerce's quota: a fixed window that opens with the first request, `quota` requests in it.
 * Real time, not the emulator's settable clock, so moving the clock to expire a PAT leaves it alone.
 */
export class FixedWindowLimiter {
	private windowStart = 0;
	private used = 0;
	private next?: RateLimitOptions;

	constructor(private options: RateLimitOptions) {}

	/** A plan change: the window under way keeps its quota, the next one opens with the new one. */
	change(options: RateLimitOptions): void {
		this.next = options;
	}

	take(now = Date.now()): {
		allowed: boolean;
		headers: Record<string, string>;
		/** the same as the headers say, for the request log */
		state: { left: number; resetMs: number; windowMs: number };
	} {
		if (now - this.windowStart >= this.options.windowMs) {
			if (this.next) [this.options, this.next] = [this.next, undefined];
			this.windowStart = now;
			this.used = 0;
		}
		const { windowMs, quota } = this.options;
		const resetMs = Math.max(0, this.windowStart + windowMs - now);
		const allowed = this.used < quota;
		if (allowed) this.used++;
		const left = Math.max(0, quota - this.used);
		const headers: Record<string, string> = {
			'X-Rate-Limit-Time-Window-Ms': String(windowMs),
			'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
			'X-Rate-Limit-Requests-Quota': String(quota),
			'X-Rate-Limit-Requests-Left': String(left),
		};
		if (!allowed) headers['X-Retry-After'] = String(Math.max(1, Math.ceil(resetMs / 1000)));
		return { allowed, headers, state: { left, resetMs, windowMs } };
	}
}
