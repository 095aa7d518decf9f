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

	constructor(private readonly options: RateLimitOptions) {}

	take(now = Date.now()): { allowed: boolean; headers: Record<string, string> } {
		const { windowMs, quota } = this.options;
		if (now - this.windowStart >= windowMs) {
			this.windowStart = now;
			this.used = 0;
		}
		const resetMs = Math.max(0, this.windowStart + windowMs - now);
		const allowed = this.used < quota;
		if (allowed) this.used++;
		const headers: Record<string, string> = {
			'X-Rate-Limit-Time-Window-Ms': String(windowMs),
			'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
			'X-Rate-Limit-Requests-Quota': String(quota),
			'X-Rate-Limit-Requests-Left': String(Math.max(0, quota - this.used)),
		};
		if (!allowed) headers['X-Retry-After'] = String(Math.max(1, Math.ceil(resetMs / 1000)));
		return { allowed, headers };
	}
}
