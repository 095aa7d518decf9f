/**
 * Heap after a run, by run size: what the node (and n8n's engine around it) keeps once an
 * execution is over. No latency and no quota, so the run is as dense as it gets.
 */
import { UNMETERED } from './profiles';
import { createOrders, openStore } from './store';
import { throughNode } from './runs';

const gc = (globalThis as { gc?: () => void }).gc;

function settledHeapMiB(): number {
	gc?.();
	gc?.();
	return process.memoryUsage().heapUsed / 2 ** 20;
}

export interface HeapPoint {
	items: number;
	mib: number;
	seconds: number;
}

export const gcExposed = () => gc !== undefined;

export async function heapBySize(sizes: number[], parallel: number | undefined) {
	const open = { management: UNMETERED, payments: UNMETERED };
	const emulator = await openStore(open, 1000);
	try {
		// Warm up: the first run loads and compiles everything the later ones reuse.
		await throughNode(emulator, await createOrders(emulator, 100, open), parallel);
		const points: HeapPoint[] = [];
		for (const n of sizes) {
			const orders = await createOrders(emulator, n, open);
			const outcome = await throughNode(emulator, orders, parallel);
			if (outcome.approved !== n)
				throw new Error(`heap run: only ${outcome.approved} of ${n} charges approved`);
			// The emulator's store lives in this process too: drop it so only our side is weighed.
			emulator.reset();
			points.push({ items: n, mib: settledHeapMiB(), seconds: outcome.seconds });
		}
		return points;
	} finally {
		await emulator.stop();
	}
}
