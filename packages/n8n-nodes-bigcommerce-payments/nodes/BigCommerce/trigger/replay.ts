import type { IDataObject } from 'n8n-workflow';

/**
 * BigCommerce retries for about 48 hours, with the same `webhook-id` and `hash`, so an event seen in
 * that span is a redelivery. Keys live in the node's static data: n8n saves it after every webhook
 * call and reloads it for the next one, in every process (a module-level cache would be lost on a
 * restart and not shared between queue-mode webhook processes). The cap keeps what n8n writes back
 * to its database on each delivery small.
 */
export const REPLAY_WINDOW_SECONDS = 49 * 3600;
export const REPLAY_MAX_KEYS = 500;

type Seen = Record<string, number>;

function prune(seen: Seen, nowSeconds: number): Seen {
	const fresh = Object.entries(seen)
		.filter(([, at]) => nowSeconds - at < REPLAY_WINDOW_SECONDS)
		.sort((a, b) => b[1] - a[1])
		.slice(0, REPLAY_MAX_KEYS);
	return Object.fromEntries(fresh);
}

export function alreadySeen(staticData: IDataObject, keys: string[], nowSeconds: number): boolean {
	const seen = (staticData.seen ?? {}) as Seen;
	return keys.some((k) => seen[k] !== undefined && nowSeconds - seen[k] < REPLAY_WINDOW_SECONDS);
}

export function remember(staticData: IDataObject, keys: string[], nowSeconds: number): void {
	const seen = { ...((staticData.seen ?? {}) as Seen) };
	for (const k of keys) seen[k] = nowSeconds;
	staticData.seen = prune(seen, nowSeconds);
}

/**
 * `webhook-id` stays the same across retries. `hash` digests `data`, which is the same for two real
 * updates of one order (`{type, id}`), so it only marks a redelivery together with `created_at`.
 */
export function replayKeys(webhookId: string, hash: unknown, createdAt: unknown): string[] {
	const keys: string[] = [];
	if (webhookId) keys.push(`id:${webhookId}`);
	if (typeof hash === 'string' && hash !== '' && createdAt !== undefined)
		keys.push(`hash:${hash}@${String(createdAt)}`);
	return keys;
}
