/**
 * The regimes the benchmark runs in: BigCommerce's quotas (real or scaled down in time) and the
 * gateway's latency on the two calls of a charge. One charge through Payment → Process with a
 * stored card and an automatic token costs two management calls (the payment claim and the PAT)
 * and one payments call; the HTTP Request chain's costs one management call (it takes no claim).
 */

/** Management requests per charge: Payment → Process (claim + token), the chain (token). */
export const NODE_MANAGEMENT_PER_CHARGE = 2;
export const CHAIN_MANAGEMENT_PER_CHARGE = 1;

/**
 * How the benchmark asks the node for N items in flight (Request Options → Parallel Requests). n8n
 * drops parameters a node does not declare, so on a node without the option this changes nothing.
 */
export const parallelParameters = (n: number) => ({ requestOptions: { parallelRequests: n } });

export interface Quota {
	quota: number;
	windowMs: number;
}

export interface Latency {
	/** POST /v3/payments/access_tokens */
	tokenMs: number;
	/** POST /payments */
	paymentMs: number;
	/** each request's latency is drawn uniformly from ms × (1 ± jitter) */
	jitter: number;
}

export interface Profile {
	name: string;
	items: number;
	management: Quota | false;
	payments: Quota | false;
	latency: Latency;
	/** what the numbers mean, for the table's heading */
	note: string;
}

export const STANDARD = {
	management: { quota: 150, windowMs: 30000 },
	payments: { quota: 50, windowMs: 4000 },
};

export const REAL_LATENCY: Latency = { tokenMs: 150, paymentMs: 1000, jitter: 0.2 };

const scaled = (q: Quota, by: number): Quota => ({
	quota: q.quota,
	windowMs: Math.round(q.windowMs / by),
});

/**
 * `standard`: the real windows and latency. `scaled`: the same regime 10× faster in time (windows and
 * latency), so a short run spans many windows. `nolatency`: quota-bound with answers in ~1 ms.
 */
export function profiles(latency: Latency, quick: boolean, items?: number): Profile[] {
	const s = 10;
	return [
		{
			name: 'standard',
			items: items ?? (quick ? 150 : 300),
			...STANDARD,
			latency,
			note: `Standard quotas (150 / 30 s, 50 / 4 s), token ${latency.tokenMs} ms, payment ${latency.paymentMs} ms ±${latency.jitter * 100}%`,
		},
		{
			name: 'scaled',
			items: items ?? (quick ? 300 : 1000),
			management: scaled(STANDARD.management, s),
			payments: scaled(STANDARD.payments, s),
			latency: { ...latency, tokenMs: latency.tokenMs / s, paymentMs: latency.paymentMs / s },
			note: `Standard quotas 10× faster (150 / 3 s, 50 / 0.4 s), token ${latency.tokenMs / s} ms, payment ${latency.paymentMs / s} ms ±${latency.jitter * 100}%`,
		},
		{
			name: 'nolatency',
			items: items ?? (quick ? 60 : 200),
			management: { quota: 20, windowMs: 1000 },
			payments: { quota: 10, windowMs: 1000 },
			latency: { tokenMs: 0, paymentMs: 0, jitter: 0 },
			note: 'no latency, quota-bound (20 / 1 s, 10 / 1 s)',
		},
	];
}

export interface Ceiling {
	/** charges per second the quotas allow in the long run */
	perSecond: number;
	binding: 'management' | 'payments' | 'none';
}

export function ceiling(
	p: Pick<Profile, 'management' | 'payments'>,
	managementPerCharge = NODE_MANAGEMENT_PER_CHARGE,
): Ceiling {
	const m = p.management
		? p.management.quota / managementPerCharge / (p.management.windowMs / 1000)
		: Infinity;
	const y = p.payments ? p.payments.quota / (p.payments.windowMs / 1000) : Infinity;
	if (m === Infinity && y === Infinity) return { perSecond: Infinity, binding: 'none' };
	return m <= y ? { perSecond: m, binding: 'management' } : { perSecond: y, binding: 'payments' };
}

/**
 * The quickest n charges can go: a fixed window lets its whole quota through at once, so the last
 * window opens (⌈n / quota⌉ − 1) windows after the first, and its charges still take their latency.
 */
export function bestSeconds(
	p: Profile,
	n: number,
	managementPerCharge = NODE_MANAGEMENT_PER_CHARGE,
): number {
	if (n <= 0) return 0;
	const span = (q: Quota | false, per: number) =>
		q ? (Math.ceil((n * per) / q.quota) - 1) * q.windowMs : 0;
	return (
		(Math.max(span(p.management, managementPerCharge), span(p.payments, 1)) +
			p.latency.tokenMs +
			p.latency.paymentMs) /
		1000
	);
}

export function describeQuota(q: Quota | false): string {
	if (!q) return 'unlimited';
	return `${q.quota} / ${q.windowMs >= 1000 ? `${q.windowMs / 1000} s` : `${q.windowMs} ms`}`;
}
