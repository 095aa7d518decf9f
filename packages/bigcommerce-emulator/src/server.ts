import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { Ctx, Family, Reply } from './http';
import { familyError, isObject, paymentError, readBody, send } from './http';
import { adminReply, parseSettings, reset } from './admin';
import { managementRoutes } from './routes';
import { chargePayment, checkPayment, isCheckedPayment, processPayment } from './payments';
import { FixedWindowLimiter } from './rateLimit';
import type { RateLimitOptions } from './rateLimit';
import type { Fault, LoggedRequest, PaymentOverlap, Runtime, Settings } from './runtime';
import { DEFAULT_SETTINGS, overlappingPayments, record, takeFault } from './runtime';
import type { Seed } from './seed';
import { defaultSeed } from './seed';
import { StoreEvents } from './events';
import type { DeliveryRecord, WebhookOptions } from './webhooks';
import { WebhookDeliverer } from './webhooks';
import { StoreState } from './store';

export type { Fault, FaultKind, LoggedRequest, PaymentOverlap, Settings } from './runtime';
export type { StoreEvent, StoreEventListener } from './events';

export interface EmulatorOptions {
	port?: number;
	host?: string;
	seed?: (seed: Seed) => Seed;
	/** the emulator's clock in ms; PAT expiry and dates follow it */
	now?: () => number;
	rateLimits?: { management?: RateLimitOptions | false; payments?: RateLimitOptions | false };
	faults?: Fault[];
	/** where faults with a `probability` draw from (0 ≤ x < 1); pass a seeded one to repeat a run */
	random?: () => number;
	/** how many requests the inspection log keeps (oldest dropped first) */
	requestLogLimit?: number;
	/**
	 * The payments host's older answers: 202 with a flat `{id, status, transaction_type}` body, and
	 * errors as `{errors: [{code, message}]}`, the shape some clients were written against.
	 */
	legacyPaymentsShape?: boolean;
	/** webhook deliveries: the retry schedule (compressed) and the per-attempt timeout */
	webhooks?: WebhookOptions;
	/** Behaviour switches that tests may also change over HTTP (`POST /__emulator/settings`). */
	settings?: Partial<Settings>;
}

function legacyPayments(reply: Reply): Reply {
	const body = reply.body as
		| { data?: unknown; status?: number; title?: string; detail?: string; code?: number }
		| undefined;
	if (reply.status < 300 && body?.data) return { ...reply, status: 202, body: body.data };
	if (reply.status >= 400 && body?.code !== undefined) {
		return {
			...reply,
			body: {
				errors: [
					{ code: body.code, message: [body.title, body.detail].filter(Boolean).join(': ') },
				],
			},
		};
	}
	return reply;
}

export interface Emulator {
	url: string;
	port: number;
	readonly storeHash: string;
	store(): StoreState;
	stop(): Promise<void>;
	reset(): void;
	/**
	 * Changes a host's quota as a plan change does: from its next window on. Only a host started with
	 * a quota has one to change.
	 */
	setRateLimits(limits: { management?: RateLimitOptions; payments?: RateLimitOptions }): void;
	requests(): LoggedRequest[];
	clearRequests(): void;
	/**
	 * Pairs of payment requests (POST /payments) for one order that were in flight at the same time,
	 * from the request log's arrival and answer times: empty when a client never overlaps them.
	 */
	overlappingPayments(): PaymentOverlap[];
	charges(orderId?: number): StoreState['charges'];
	addFault(fault: Fault): void;
	clearFaults(): void;
	clock: { now(): number; set(ms: number): void; advance(ms: number): void };
	/** BigCommerce webhook scopes as they happen in the store; `events.on(listener)` subscribes. */
	events: StoreEvents;
	/** every webhook delivery and its attempts (`GET /__emulator/deliveries`) */
	deliveries(): DeliveryRecord[];
	/** resolves when no delivery is under way or waiting for a retry */
	deliveriesSettled(): Promise<void>;
}

export const DEFAULT_RATE_LIMITS = {
	management: { windowMs: 30000, quota: 150 },
	payments: { windowMs: 4000, quota: 50 },
};

/** Card numbers keep their last 4, CVVs never survive into the log. */
export function maskSecrets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(maskSecrets);
	if (!isObject(value)) return value;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		if (k === 'number' && typeof v === 'string') out[k] = `**** ${v.slice(-4)}`;
		else if (k === 'verification_value') out[k] = '***';
		else out[k] = maskSecrets(v);
	}
	return out;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const checked = parseSettings({ ...options.settings });
	if (typeof checked === 'string') throw new Error(`startEmulator: settings.${checked}`);
	const baseNow = options.now ?? (() => Date.now());
	const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
	const newLimiters = () => ({
		management: limits.management ? new FixedWindowLimiter(limits.management) : undefined,
		payments: limits.payments ? new FixedWindowLimiter(limits.payments) : undefined,
	});
	const makeSeed = () => (options.seed ? options.seed(defaultSeed()) : defaultSeed());
	const events = new StoreEvents(() => rt.now());
	const rt: Runtime = {
		store: new StoreState(makeSeed(), events),
		events,
		makeSeed,
		limiters: newLimiters(),
		newLimiters,
		faults: (options.faults ?? []).map((f) => ({ ...f, hits: 0 })),
		random: options.random ?? Math.random,
		log: [],
		logLimit: options.requestLogLimit ?? 5000,
		offset: 0,
		defaultSettings: { ...DEFAULT_SETTINGS, ...options.settings },
		settings: { ...DEFAULT_SETTINGS, ...options.settings },
		baseNow,
		now: () => baseNow() + rt.offset,
	};
	const now = rt.now;
	rt.webhooks = new WebhookDeliverer(() => rt.store, now, events, options.webhooks);
	const sockets = new Set<Socket>();

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedAtMs = performance.timeOrigin + performance.now();
		const url = new URL(req.url ?? '/', 'http://emulator');
		const method = req.method ?? 'GET';
		let raw = '';
		try {
			raw = await readBody(req);
		} catch {
			send(res, { status: 413, body: { status: 413, title: 'Payload Too Large' } });
			return;
		}
		if (url.pathname.startsWith('/__emulator/')) {
			let body: unknown;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = undefined;
			}
			send(res, adminReply(rt, method, url.pathname.slice('/__emulator'.length), body));
			return;
		}
		const match = /^\/stores\/([^/]+)(\/.*)$/.exec(url.pathname);
		const rest = match?.[2] ?? url.pathname;
		const family: Family = /^\/payments\/?$/.test(rest)
			? 'payments'
			: rest.startsWith('/v2/')
				? 'v2'
				: 'v3';
		const entry: LoggedRequest = {
			at: new Date(startedAtMs).toISOString(),
			startedAtMs,
			answeredAtMs: startedAtMs,
			method,
			path: rest,
			family,
			status: 0,
			auth: {
				xAuthToken: req.headers['x-auth-token'] !== undefined,
				pat: /^PAT /.test(String(req.headers.authorization ?? '')),
			},
		};
		let body: unknown;
		const close = (status: LoggedRequest['status']) => {
			entry.status = status;
			entry.answeredAtMs = performance.timeOrigin + performance.now();
			record(rt, entry);
		};
		const reply = (r: Reply) => {
			if (body !== undefined) entry.body = maskSecrets(body);
			close(r.status);
			// The Date header tells the store's time, which clients compare metafield dates with: it
			// follows the emulator's clock (Node would send the machine's).
			res.setHeader('Date', new Date(now()).toUTCString());
			// Every answer, the payments host's successes included, is application/json (the spec's 201).
			send(res, r);
		};
		if (
			!match ||
			!['payments', 'v2', 'v3'].includes(family) ||
			(!rest.startsWith('/v2/') && !rest.startsWith('/v3/') && family !== 'payments')
		) {
			reply(familyError(family, 404, 'The requested resource was not found.'));
			return;
		}
		if (match[1] !== rt.store.hash) {
			reply(familyError(family, 404, 'Store not found'));
			return;
		}

		const fault = takeFault(rt, method, rest);
		// With the gateway committing on its answer, a payment's latency falls between its checks and
		// its charge (below); everywhere else the whole request waits first.
		const onAnswer =
			family === 'payments' && method === 'POST' && rt.settings.gatewayCommit === 'onAnswer';
		let latencyMs = fault?.kind === 'latency' ? (fault.latencyMs ?? 1000) : 0;
		const wait = async () => {
			const ms = latencyMs;
			latencyMs = 0;
			if (ms > 0) await new Promise((r) => setTimeout(r, ms));
		};
		// BigCommerce's limiter counts a payment when it arrives and a 429 answers at once; the
		// gateway's time comes after. (A fault that replaces the answer is counted where it was.)
		const paymentsGate =
			family === 'payments' && (!fault || fault.kind === 'latency')
				? rt.limiters.payments?.take()
				: undefined;
		if (paymentsGate && !paymentsGate.allowed) latencyMs = 0;
		if (!onAnswer) await wait();
		if (fault?.kind === 'reset') {
			close('reset');
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			const limited = fault.rateLimitHeaders;
			reply({
				...familyError(family, fault.status ?? 500),
				...(limited && {
					headers: {
						'X-Rate-Limit-Time-Window-Ms': String(limited.resetMs),
						'X-Rate-Limit-Time-Reset-Ms': String(limited.resetMs),
						'X-Rate-Limit-Requests-Quota': '1',
						'X-Rate-Limit-Requests-Left': '0',
						'X-Retry-After': String(Math.max(1, Math.ceil(limited.resetMs / 1000))),
					},
				}),
			});
			return;
		}
		if (fault?.kind === 'error10000') {
			reply(
				family === 'payments'
					? paymentError(
							500,
							10000,
							'Temporary difficulty',
							'A temporary problem occurred. Retry the request.',
						)
					: familyError(family, 500, 'Temporary difficulty', { code: 10000 }),
			);
			return;
		}

		if (raw) {
			const type = String(req.headers['content-type'] ?? '');
			if (!type.includes('json')) {
				reply(
					familyError(family, 415, 'Unsupported Media Type', {
						detail: 'Send Content-Type: application/json.',
					}),
				);
				return;
			}
			try {
				body = JSON.parse(raw);
			} catch {
				reply(familyError(family, 400, 'The request body is not valid JSON.'));
				return;
			}
		}
		const ctx: Ctx = {
			req,
			res,
			method,
			path: rest,
			params: [],
			query: url.searchParams,
			body,
			family,
			store: rt.store,
			settings: rt.settings,
			now,
		};

		let result: Reply;
		let headers: Record<string, string> = {};
		if (family === 'payments') {
			const gate = paymentsGate ?? rt.limiters.payments?.take();
			headers = gate?.headers ?? {};
			if (gate) entry.rateLimit = gate.state;
			if (gate && !gate.allowed)
				result = paymentError(
					429,
					10000,
					'Too Many Requests',
					'The payments rate limit was exceeded.',
				);
			else if (method !== 'POST') result = familyError('payments', 405);
			else if (onAnswer) {
				const checked = checkPayment(ctx);
				await wait();
				result = isCheckedPayment(checked) ? chargePayment(ctx, checked) : checked;
			} else result = processPayment(ctx);
			entry.orderId = ctx.orderId;
			if (options.legacyPaymentsShape) result = legacyPayments(result);
		} else {
			result = dispatchManagement(ctx, (gate) => {
				headers = gate.headers;
				entry.rateLimit = gate.state;
			});
		}
		await wait();
		result.headers = { ...headers, ...result.headers };
		if (fault?.kind === 'commitThenDrop') {
			// The work is done and recorded, but the answer never arrives: the case blind retries turn into double charges.
			close('dropped');
			req.socket.destroy();
			return;
		}
		reply(result);
	}

	function dispatchManagement(
		ctx: Ctx,
		counted: (gate: ReturnType<FixedWindowLimiter['take']>) => void,
	): Reply {
		const token = ctx.req.headers['x-auth-token'];
		const account = typeof token === 'string' ? ctx.store.tokens.get(token) : undefined;
		if (!account)
			return familyError(
				ctx.family,
				401,
				'You are not authorized to access this resource. Check the X-Auth-Token header.',
			);
		const gate = rt.limiters.management?.take();
		if (gate) counted(gate);
		if (gate && !gate.allowed) return familyError(ctx.family, 429, 'Too many requests');
		const candidates = managementRoutes.filter((r) => r.pattern.test(ctx.path));
		if (candidates.length === 0)
			return familyError(ctx.family, 404, 'The requested resource was not found.');
		const route = candidates.find((r) => r.method === ctx.method);
		if (!route) return familyError(ctx.family, 405, 'Method Not Allowed');
		if (
			route.scopes.length &&
			!route.scopes.some(
				(s) => account.scopes.has(s) && (ctx.method === 'GET' || !s.endsWith('_read_only')),
			)
		) {
			return familyError(
				ctx.family,
				403,
				`You don't have a required scope to access the endpoint. Required: ${route.scopes.filter((s) => ctx.method === 'GET' || !s.endsWith('_read_only')).join(' or ')}`,
			);
		}
		ctx.params = (route.pattern.exec(ctx.path) ?? []).slice(1);
		ctx.clientId = account.clientId;
		return route.handler(ctx);
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (!res.headersSent)
				send(res, {
					status: 500,
					body: { status: 500, title: 'Emulator error', detail: String(error) },
				});
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

	return {
		url,
		port,
		// Read on each use: POST /__emulator/seed may bring a store with another hash.
		get storeHash() {
			return rt.store.hash;
		},
		store: () => rt.store,
		stop: () =>
			new Promise<void>((resolve) => {
				rt.webhooks?.stop();
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
		reset: () => reset(rt),
		setRateLimits: (changed) => {
			if (changed.management) rt.limiters.management?.change(changed.management);
			if (changed.payments) rt.limiters.payments?.change(changed.payments);
		},
		requests: () => rt.log,
		clearRequests: () => {
			rt.log = [];
		},
		overlappingPayments: () => overlappingPayments(rt.log),
		charges: (orderId?: number) =>
			rt.store.charges.filter((c) => orderId === undefined || c.order_id === orderId),
		addFault: (fault: Fault) => rt.faults.push({ ...fault, hits: 0 }),
		clearFaults: () => {
			rt.faults = [];
		},
		events,
		deliveries: () => rt.webhooks?.deliveries() ?? [],
		deliveriesSettled: async () => await rt.webhooks?.idle(),
		clock: {
			now,
			set: (ms: number) => {
				rt.offset = ms - baseNow();
			},
			advance: (ms: number) => {
				rt.offset += ms;
			},
		},
	};
}
