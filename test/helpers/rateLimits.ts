import type { LoggedRequest } from 'bigcommerce-emulator';

/**
 * The 429s that overran a window: the store counted them with more than a quarter of its window
 * still to run, so the pacer let them out into a window it should have known was spent (in-flight
 * requests not counted, an answer misread). The pacer lets each window's requests out at its
 * estimate of the window's turn, which rests on how long the last window's requests took to reach
 * the store; when a busy machine delayed those more than these, one arrives a moment before the
 * turn and meets a 429 there, which the node waits out and learns from. That is not an overrun, and
 * no test can rule it out on a shared CI machine.
 */
export function overranWindow(log: LoggedRequest[]): LoggedRequest[] {
	return log.filter(
		(r) =>
			r.status === 429 &&
			(r.rateLimit === undefined || r.rateLimit.resetMs > r.rateLimit.windowMs / 4),
	);
}
