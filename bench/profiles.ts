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

/** Management API quotas by plan (payments: 50 / 4 s on every plan). Enterprise is set per store. */
export const PLANS = {
	standard: { quota: 150, windowMs: 30000 },
	pro: { quota: 450, windowMs: 30000 },
	enterprise: { quota: 1500, windowMs: 30000 },
};
export const PAYMENTS_QUOTA: Quota = { quota: 50, windowMs: 4000 };

export const STANDARD = { management: PLANS.standard, payments: PAYMENTS_QUOTA };

/**
 * A quota no run reaches, for the runs that measure something else: its headers are still sent (a
 * store that sent none would be paced by BigCommerce's documented quotas).
 */
export const UNMETERED: Quota = { quota: 1_000_000, windowMs: 1000 };

export const REAL_LATENCY: Latency = { tokenMs: 150, paymentMs: 1000, jitter: 0.2 };
/** A gateway that takes 3 s to answer a payment. */
export const SLOW_PAYMENT_MS = 3000;

const scaled = (q: Quota, by: number): Quota => ({
	quota: q.quota,
	windowMs: Math.round(q.windowMs / by),
});

/**
 * `standard`: the real windows and latency. `scaled`: the same regime 10× faster in time (windows and
 * latency), so a short run spans many windows. `nolatency`: quota-bound with answers in ~1 ms.
 * `plan-standard`, `plan-pro`, `plan-enterprise`: each plan's quotas, 10× faster in time, at the
 * latency given; `…-slow`: the same with a gateway that takes 3 s per payment. `planScale` compresses
 * their time (windows and latency; 1: real time), by default `PLAN_SCALE`.
 */
/**
 * How much faster than real time each plan's profiles run by default: as fast as keeps a run within
 * a minute while the one bench process (n8n and the emulator) stays well under a full core, at about
 * 25–30 charges/s. Faster, the machine and not the quota binds, and the event loop's own delays,
 * which do not compress, weigh 10× more against a 0.4 s window than against BigCommerce's 4 s.
 */
export const PLAN_SCALE: Record<keyof typeof PLANS, number> = {
	standard: 10,
	pro: 4,
	enterprise: 2,
};

export function profiles(
	latency: Latency,
	quick: boolean,
	items?: number,
	scaleOverride?: number,
): Profile[] {
	const s = 10;
	const plan = (name: keyof typeof PLANS, slow: boolean, count: number): Profile => {
		const planScale = scaleOverride ?? PLAN_SCALE[name];
		const paymentMs = slow ? SLOW_PAYMENT_MS : latency.paymentMs;
		return {
			name: `plan-${name}${slow ? '-slow' : ''}`,
			items: items ?? (quick ? Math.round(count / 3) : count),
			management: scaled(PLANS[name], planScale),
			payments: scaled(PAYMENTS_QUOTA, planScale),
			latency: {
				...latency,
				tokenMs: latency.tokenMs / planScale,
				paymentMs: paymentMs / planScale,
			},
			note: `${name[0].toUpperCase()}${name.slice(1)} plan (${describeQuota(PLANS[name])}, payments ${describeQuota(PAYMENTS_QUOTA)}) ${planScale === 1 ? 'in real time' : `${planScale}× faster in time`}, token ${latency.tokenMs} ms, payment ${paymentMs} ms ±${latency.jitter * 100}%${planScale === 1 ? '' : ` (scaled: ${latency.tokenMs / planScale} ms, ${paymentMs / planScale} ms)`}`,
		};
	};
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
		plan('standard', false, 1000),
		plan('pro', false, 1500),
		plan('enterprise', false, 1500),
		plan('standard', true, 1000),
		plan('pro', true, 1500),
		plan('enterprise', true, 1500),
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
