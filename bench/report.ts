/** The figures of a benchmark run: its table, the goals' measures, and the safety figures that fail it. */
import type { Profile } from './profiles';
import {
	CHAIN_MANAGEMENT_PER_CHARGE,
	NODE_MANAGEMENT_PER_CHARGE,
	bestSeconds,
	ceiling,
} from './profiles';
import type { Figures } from './runs';

export interface Row extends Figures {
	profile: Profile;
	run: string;
	/** the bench process's CPU time over the run's time */
	cpu?: number;
}

/** What one charge of the row costs the management quota: the node claims, the chain does not. */
const perCharge = (r: Row) =>
	r.run.startsWith('chain') ? CHAIN_MANAGEMENT_PER_CHARGE : NODE_MANAGEMENT_PER_CHARGE;

/** The quickest the quotas allow for the charges made over the time taken; ≤ 1. Lost items count for nothing. */
export const ofBest = (r: Row) => bestSeconds(r.profile, r.approved, perCharge(r)) / r.seconds;
/** The rate over the long-run ceiling; a short run can beat 1 by spending a window's quota at once. */
export const ofCeiling = (r: Row) =>
	r.approved / r.seconds / ceiling(r.profile, perCharge(r)).perSecond;

export const goalFigures = (r: Row) =>
	`${ofBest(r).toFixed(2)} of the best the quotas allow for ${r.approved}; rate ${ofCeiling(r).toFixed(2)} of the ceiling`;

export function table(rows: Row[]): string {
	const head = [
		'profile',
		'run',
		'items',
		'time s',
		'charges/s',
		'of ceiling',
		'of best',
		'approved',
		'lost',
		'429 retried',
		'429 surfaced',
		'double',
		'cpu',
	];
	const body = rows.map((r) => [
		r.profile.name,
		r.run,
		String(r.items),
		r.seconds.toFixed(1),
		(r.approved / r.seconds).toFixed(2),
		ofCeiling(r).toFixed(2),
		ofBest(r).toFixed(2),
		String(r.approved),
		String(r.items - r.approved),
		String(r.retried429),
		String(r.surfaced429),
		String(r.doubleCharges),
		r.cpu === undefined ? '' : r.cpu.toFixed(2),
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Double charges anywhere, or a 429 the node gave up on: what makes the run fail. */
export function safetyFailures(rows: Row[]): string[] {
	return [
		...rows
			.filter((r) => r.doubleCharges > 0)
			.map((r) => `${r.profile.name}/${r.run}: ${r.doubleCharges} double charges`),
		...rows
			.filter((r) => !r.run.startsWith('chain') && r.surfaced429 > 0)
			.map((r) => `${r.profile.name}/${r.run}: the node surfaced ${r.surfaced429} 429s`),
	];
}
