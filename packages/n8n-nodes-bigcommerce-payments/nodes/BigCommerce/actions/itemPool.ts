export interface ItemWork {
	/** what item `i` must not share with an item running at the same time (e.g. its order) */
	keysOf: (i: number) => string[];
	/** runs item `i`; false means its failure stops the node */
	run: (i: number) => Promise<boolean>;
}

/**
 * Runs items `0 … count-1`, started in item order, up to `parallel()` at once: asked again whenever
 * an item ends, so a limit that grows as the store's answers come in takes effect at once. Items that
 * share a key run one after another, in item order: each waits for the one before it with that key
 * (and counts as running while it waits). When an item asks to stop, nothing new starts and the items
 * already running finish; `stoppedAt` is the lowest such item.
 */
export async function runItems(
	count: number,
	parallel: () => number,
	{ keysOf, run }: ItemWork,
): Promise<{ stoppedAt?: number }> {
	// The last item to claim each key; it settles when that item is done.
	const tails = new Map<string, Promise<void>>();
	let next = 0;
	let running = 0;
	let stoppedAt: number | undefined;
	let crash: { error: unknown } | undefined;

	const one = async (i: number) => {
		const keys = [...new Set(keysOf(i))];
		const before = keys.map((k) => tails.get(k)).filter((p) => p !== undefined);
		let release = () => {};
		const mine = new Promise<void>((resolve) => (release = resolve));
		for (const k of keys) tails.set(k, mine);
		try {
			if (before.length > 0) await Promise.all(before);
			if (stoppedAt !== undefined || crash) return;
			if (!(await run(i))) stoppedAt = stoppedAt === undefined ? i : Math.min(stoppedAt, i);
		} catch (error) {
			crash ??= { error };
		} finally {
			release();
			for (const k of keys) if (tails.get(k) === mine) tails.delete(k);
		}
	};

	await new Promise<void>((resolve) => {
		const fill = () => {
			while (
				stoppedAt === undefined &&
				!crash &&
				next < count &&
				running < Math.max(1, parallel())
			) {
				running++;
				void one(next++).finally(() => {
					running--;
					fill();
				});
			}
			if (running === 0) resolve();
		};
		fill();
	});
	if (crash) throw crash.error;
	return { stoppedAt };
}
