/**
 * Store events, named by BigCommerce's webhook scopes and carrying their `data` payload as documented
 * (e.g. `store/order/statusUpdated` → `{type:'order', id, status:{previous_status_id, new_status_id}}`).
 * The emulator only announces them here; whoever listens (e.g. a webhook deliverer) decides what to send.
 */
export interface StoreEvent {
	scope: string;
	data: Record<string, unknown>;
	/** the emulator clock, in ms */
	at: number;
}

export type StoreEventListener = (event: StoreEvent) => void;

/** Outlives `reset`: listeners stay subscribed when the store is replaced. */
export class StoreEvents {
	private readonly listeners = new Set<StoreEventListener>();
	private readonly recent: StoreEvent[] = [];

	constructor(private readonly now: () => number = () => Date.now()) {}

	/** Returns the function that unsubscribes. */
	on(listener: StoreEventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	emit(scope: string, data: Record<string, unknown>): void {
		const event: StoreEvent = { scope, data, at: this.now() };
		this.recent.push(event);
		if (this.recent.length > 500) this.recent.splice(0, 250);
		for (const listener of this.listeners) {
			// A listener's failure is its own: the request that caused the event still gets its answer.
			try {
				listener(event);
			} catch {
				/* ignored on purpose */
			}
		}
	}

	/** The last events, oldest first, for inspection (`GET /__emulator/events`). */
	log(): StoreEvent[] {
		return [...this.recent];
	}

	clearLog(): void {
		this.recent.length = 0;
	}
}
