/**
 * Webhook deliveries as BigCommerce makes them: for every store event, each active hook of the
 * event's scope (or a wildcard over it) gets a POST of the envelope `{scope, store_id, data, hash,
 * created_at, producer}`, signed per Standard Webhooks with its API account's Client Secret, plus the
 * hook's own headers. A delivery that gets no 2xx is retried on BigCommerce's schedule (compressed),
 * and the hook is deactivated after the last retry. Only loopback destinations are contacted.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

import type { StoreEvent, StoreEvents } from './events';
import type { Reply } from './http';
import type { Hook, StoreState } from './store';

/** BigCommerce's waits before each retry, in seconds (about 48 hours in all). */
export const BIGCOMMERCE_RETRY_SECONDS = [
	60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400,
];

export interface WebhookOptions {
	/** the wait before each retry, in ms; default: BigCommerce's schedule with seconds read as ms */
	retryScheduleMs?: number[];
	/** how long one attempt may take before it counts as failed */
	timeoutMs?: number;
}

export interface DeliveryAttempt {
	attempt: number;
	at: string;
	/** the destination's HTTP status, or null when none arrived */
	status: number | null;
	error?: string;
}

export interface DeliveryRecord {
	/** `webhook-id`: the same on every attempt of one event */
	webhookId: string;
	hookId: number;
	scope: string;
	destination: string;
	body: Record<string, unknown>;
	state: 'sending' | 'delivered' | 'retrying' | 'failed' | 'not sent';
	attempts: DeliveryAttempt[];
	/** set when this delivery's last failed retry switched its hook off */
	hookDeactivated: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Real BigCommerce requires https on 443; the sandbox also takes http on loopback, any port. */
export function isLoopbackHttp(url: URL): boolean {
	return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

/** `store/order/*` covers every `store/order/…` scope; `store/cart/*` includes line items. */
export function hookMatches(hookScope: string, scope: string): boolean {
	if (hookScope.endsWith('/*')) return scope.startsWith(hookScope.slice(0, -1));
	return hookScope === scope;
}

export function standardWebhookHeaders(
	id: string,
	timestampSeconds: number,
	body: string,
	secret: string,
): Record<string, string> {
	const signature = createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${id}.${timestampSeconds}.${body}`)
		.digest('base64');
	return {
		'webhook-id': id,
		'webhook-timestamp': String(timestampSeconds),
		'webhook-signature': `v1,${signature}`,
	};
}

export class WebhookDeliverer {
	private records: DeliveryRecord[] = [];
	private readonly timers = new Set<ReturnType<typeof setTimeout>>();
	private readonly inflight = new Set<Promise<void>>();
	private readonly unsubscribe: () => void;
	private readonly schedule: number[];
	private readonly timeoutMs: number;

	constructor(
		private readonly store: () => StoreState,
		private readonly now: () => number,
		events: StoreEvents,
		options: WebhookOptions = {},
	) {
		this.schedule = options.retryScheduleMs ?? BIGCOMMERCE_RETRY_SECONDS;
		this.timeoutMs = options.timeoutMs ?? 5000;
		this.unsubscribe = events.on((event) => this.onEvent(event));
	}

	deliveries(): DeliveryRecord[] {
		return this.records;
	}

	/** Resolves when no attempt is under way and none is waiting for its retry. */
	async idle(): Promise<void> {
		while (this.inflight.size > 0 || this.timers.size > 0) {
			await Promise.race([...this.inflight, new Promise((r) => setTimeout(r, 10))]);
		}
	}

	/** A new store: pending retries belong to the old one. */
	reset(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.records = [];
	}

	stop(): void {
		this.reset();
		this.unsubscribe();
	}

	private onEvent(event: StoreEvent): void {
		const store = this.store();
		const hooks = [...store.hooks.values()].filter(
			(h) => h.is_active && hookMatches(h.scope, event.scope),
		);
		for (const hook of hooks) this.start(store, hook, event);
	}

	private start(store: StoreState, hook: Hook, event: StoreEvent): void {
		const body = {
			scope: event.scope,
			store_id: store.storeId,
			data: event.data,
			// BigCommerce: "the payload data encoded in JSON format and then passed through SH1"
			hash: createHash('sha1').update(JSON.stringify(event.data)).digest('hex'),
			created_at: Math.floor(event.at / 1000),
			producer: `stores/${store.hash}`,
		};
		const record: DeliveryRecord = {
			webhookId: `msg_${randomUUID().replace(/-/g, '')}`,
			hookId: hook.id,
			scope: event.scope,
			destination: hook.destination,
			body,
			state: 'sending',
			attempts: [],
			hookDeactivated: false,
		};
		this.records.push(record);
		if (this.records.length > 1000) this.records.splice(0, 500);
		if (!isLoopbackHttp(new URL(hook.destination))) {
			// Tests and demos run without a network: a public destination is noted, never contacted.
			record.state = 'not sent';
			return;
		}
		this.track(this.attempt(store, hook, record));
	}

	private track(work: Promise<void>): void {
		this.inflight.add(work);
		void work.finally(() => this.inflight.delete(work));
	}

	private async attempt(store: StoreState, hook: Hook, record: DeliveryRecord): Promise<void> {
		const account = [...store.tokens.values()].find((t) => t.clientId === hook.client_id);
		const raw = JSON.stringify(record.body);
		// Each attempt is signed anew: Standard Webhooks timestamps are per attempt.
		const headers = {
			...(hook.headers ?? {}),
			'content-type': 'application/json',
			...standardWebhookHeaders(
				record.webhookId,
				Math.floor(this.now() / 1000),
				raw,
				account?.clientSecret ?? '',
			),
		};
		const entry: DeliveryAttempt = {
			attempt: record.attempts.length + 1,
			at: new Date(this.now()).toISOString(),
			status: null,
		};
		record.attempts.push(entry);
		try {
			const response = await fetch(hook.destination, {
				method: 'POST',
				headers,
				body: raw,
				signal: AbortSignal.timeout(this.timeoutMs),
			});
			entry.status = response.status;
			await response.arrayBuffer().catch(() => undefined);
		} catch (error) {
			entry.error = error instanceof Error ? error.message : String(error);
		}
		if (entry.status !== null && entry.status >= 200 && entry.status < 300) {
			record.state = 'delivered';
			return;
		}
		const wait = this.schedule[record.attempts.length - 1];
		if (wait === undefined) {
			record.state = 'failed';
			if (store.hooks.get(hook.id) === hook && hook.is_active) {
				hook.is_active = false;
				hook.updated_at = Math.floor(this.now() / 1000);
				record.hookDeactivated = true;
			}
			return;
		}
		record.state = 'retrying';
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			// A hook deleted or switched off meanwhile gets no more attempts.
			if (store !== this.store() || store.hooks.get(hook.id) !== hook || !hook.is_active) {
				record.state = 'failed';
				return;
			}
			this.track(this.attempt(store, hook, record));
		}, wait);
		this.timers.add(timer);
	}

	/**
	 * Below /__emulator: `GET|DELETE /deliveries`, and `POST /carts/{id}/abandon`, which stands for
	 * an hour without change to a cart of the store (BigCommerce's `store/cart/abandoned`).
	 */
	adminReply(method: string, path: string): Reply | undefined {
		if (path === '/deliveries' && method === 'GET')
			return { status: 200, body: { deliveries: this.records } };
		if (path === '/deliveries' && method === 'DELETE') {
			this.records = [];
			return { status: 204 };
		}
		const abandon = /^\/carts\/([\w-]+)\/abandon$/.exec(path);
		if (!abandon || method !== 'POST') return undefined;
		const store = this.store();
		if (!store.carts.has(abandon[1])) return { status: 404, body: { error: 'no such cart' } };
		// The abandoned-cart token recovers the cart in a storefront link: 32 hex characters.
		const token = randomBytes(16).toString('hex');
		store.events.emit('store/cart/abandoned', { type: 'cart', id: abandon[1], token });
		return { status: 200, body: { id: abandon[1], token } };
	}
}
