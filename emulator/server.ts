import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { Ctx, Family, Reply } from './http';
import { familyError, isObject, paymentError, readBody, send } from './http';
import { managementRoutes } from './management';
import { processPayment } from './payments';
import { FixedWindowLimiter } from './rateLimit';
import type { RateLimitOptions } from './rateLimit';
import type { Seed } from './seed';
import { defaultSeed } from './seed';
import { StoreState, toCents } from './store';

export type FaultKind = 'latency' | 'status' | 'reset' | 'commitThenDrop' | 'error10000';

export interface Fault {
	/** `METHOD /path` below /stores/{hash}, e.g. `POST /payments` or `GET /v2/orders/*`; `*` matches all */
	route: string;
	kind: FaultKind;
	latencyMs?: number;
	status?: number;
	/** how many requests it hits before it stops; unlimited when absent */
	times?: number;
}

export interface EmulatorOptions {
	port?: number;
	host?: string;
	seed?: (seed: Seed) => Seed;
	/** the emulator's clock in ms; PAT expiry and dates follow it */
	now?: () => number;
	rateLimits?: { management?: RateLimitOptions | false; payments?: RateLimitOptions | false };
	faults?: Fault[];
	/** how many requests the inspection log keeps (oldest dropped first) */
	requestLogLimit?: number;
	/**
	 * The payments host's older answers: 202 with a flat `{id, status, transaction_type}` body, and
	 * errors as `{errors: [{code, message}]}`, the shape some clients were written against.
	 */
	legacyPaymentsShape?: boolean;
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

export interface LoggedRequest {
	at: string;
	method: string;
	path: string;
	family: Family;
	status: number | 'dropped' | 'reset';
	/** which credential arrived, never its value */
	auth: { xAuthToken: boolean; pat: boolean };
	body?: unknown;
}

export interface Emulator {
	url: string;
	port: number;
	storeHash: string;
	store(): StoreState;
	stop(): Promise<void>;
	reset(): void;
	requests(): LoggedRequest[];
	clearRequests(): void;
	charges(orderId?: number): StoreState['charges'];
	addFault(fault: Fault): void;
	clearFaults(): void;
	clock: { now(): number; set(ms: number): void; advance(ms: number): void };
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

function routeMatches(pattern: string, method: string, path: string): boolean {
	if (pattern === '*') return true;
	const [m, p] = pattern.split(' ');
	if (m !== '*' && m !== method) return false;
	const re = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^?]*')}$`);
	return re.test(path);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	let makeSeed = () => (options.seed ? options.seed(defaultSeed()) : defaultSeed());
	let store = new StoreState(makeSeed());
	let offset = 0;
	const baseNow = options.now ?? (() => Date.now());
	const now = () => baseNow() + offset;
	const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
	const newLimiters = () => ({
		management: limits.management ? new FixedWindowLimiter(limits.management) : undefined,
		payments: limits.payments ? new FixedWindowLimiter(limits.payments) : undefined,
	});
	let limiters = newLimiters();
	let faults: (Fault & { hits: number })[] = (options.faults ?? []).map((f) => ({ ...f, hits: 0 }));
	const logLimit = options.requestLogLimit ?? 5000;
	let log: LoggedRequest[] = [];
	const sockets = new Set<Socket>();

	const record = (entry: LoggedRequest) => {
		log.push(entry);
		if (log.length > logLimit) log = log.slice(log.length - Math.floor(logLimit / 2));
	};

	function takeFault(method: string, path: string) {
		for (const f of faults) {
			if (f.times !== undefined && f.hits >= f.times) continue;
			if (routeMatches(f.route, method, path)) {
				f.hits++;
				return f;
			}
		}
		return undefined;
	}

	const admin = (method: string, path: string, body: unknown): Reply => {
		const b = isObject(body) ? body : {};
		if (method === 'POST' && path === '/reset') {
			store = new StoreState(makeSeed());
			limiters = newLimiters();
			faults = [];
			log = [];
			offset = 0;
			return { status: 200, body: { ok: true } };
		}
		if (method === 'POST' && path === '/seed') {
			// Top-level keys of the body replace the default seed's (customers, methods, tokens, …).
			const overrides = b as Partial<Seed>;
			makeSeed = () => ({ ...defaultSeed(), ...overrides });
			return admin('POST', '/reset', undefined);
		}
		if (method === 'GET' && path === '/seed') return { status: 200, body: makeSeed() };
		if (method === 'GET' && path.startsWith('/charges'))
			return { status: 200, body: { charges: store.charges, attempts: store.attempts } };
		if (method === 'GET' && path === '/requests') return { status: 200, body: { requests: log } };
		if (method === 'DELETE' && path === '/requests') {
			log = [];
			return { status: 204 };
		}
		if (method === 'GET' && path === '/faults') return { status: 200, body: { faults } };
		if (method === 'POST' && path === '/faults') {
			faults.push({ ...(b as unknown as Fault), hits: 0 });
			return { status: 201, body: { faults } };
		}
		if (method === 'DELETE' && path === '/faults') {
			faults = [];
			return { status: 204 };
		}
		if (method === 'GET' && path === '/clock')
			return { status: 200, body: { now: new Date(now()).toISOString() } };
		if (method === 'POST' && path === '/clock') {
			if (typeof b.advanceMs === 'number') offset += b.advanceMs;
			if (b.now !== undefined) offset = new Date(b.now as string).getTime() - baseNow();
			return { status: 200, body: { now: new Date(now()).toISOString() } };
		}
		const order = /^\/orders\/(\d+)$/.exec(path);
		if (order) {
			const o = store.orders.get(Number(order[1]));
			if (!o) return { status: 404, body: { error: 'no such order' } };
			if (method === 'PATCH') {
				// Simulates a change made elsewhere (control panel, another app) after a PAT was minted.
				if (b.total_inc_tax !== undefined) o.total_inc_cents = toCents(b.total_inc_tax);
				if (b.total_ex_tax !== undefined) o.total_ex_cents = toCents(b.total_ex_tax);
				if (typeof b.status_id === 'number') o.status_id = b.status_id;
				if (b.created_via === 'control_panel') o.created_via = 'control_panel';
				o.version++;
			}
			return { status: 200, body: { ...o, transactions: o.transactions.length } };
		}
		const m = /^\/methods\/([\w.]+)$/.exec(path);
		if (m && method === 'PATCH') {
			const def = store.methods.get(m[1]);
			if (!def) return { status: 404, body: { error: 'no such method' } };
			if (typeof b.misconfigured === 'boolean') def.misconfigured = b.misconfigured;
			if (typeof b.vaulting === 'boolean') def.vaulting = b.vaulting;
			if (b.remove === true) store.methods.delete(m[1]);
			return { status: 200, body: def };
		}
		return { status: 404, body: { error: `no admin route ${method} ${path}` } };
	};

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
			send(res, admin(method, url.pathname.slice('/__emulator'.length), body));
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
			at: new Date().toISOString(),
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
		const reply = (r: Reply) => {
			entry.status = r.status;
			if (body !== undefined) entry.body = maskSecrets(body);
			record(entry);
			send(
				res,
				r,
				family === 'payments' && r.status < 300 ? 'application/vnd.bc.v1+json' : 'application/json',
			);
		};
		if (
			!match ||
			!['payments', 'v2', 'v3'].includes(family) ||
			(!rest.startsWith('/v2/') && !rest.startsWith('/v3/') && family !== 'payments')
		) {
			reply(familyError(family, 404, 'The requested resource was not found.'));
			return;
		}
		if (match[1] !== store.hash) {
			reply(familyError(family, 404, 'Store not found'));
			return;
		}

		const fault = takeFault(method, rest);
		if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.latencyMs ?? 1000));
		if (fault?.kind === 'reset') {
			entry.status = 'reset';
			record(entry);
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			reply(familyError(family, fault.status ?? 500));
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
			store,
			now,
		};

		let result: Reply;
		let headers: Record<string, string> = {};
		if (family === 'payments') {
			const gate = limiters.payments?.take();
			headers = gate?.headers ?? {};
			if (gate && !gate.allowed)
				result = paymentError(
					429,
					10000,
					'Too Many Requests',
					'The payments rate limit was exceeded.',
				);
			else if (method !== 'POST') result = familyError('payments', 405);
			else result = processPayment(ctx);
			if (options.legacyPaymentsShape) result = legacyPayments(result);
		} else {
			result = dispatchManagement(ctx, (h) => (headers = h));
		}
		result.headers = { ...headers, ...result.headers };
		if (fault?.kind === 'commitThenDrop') {
			// The work is done and recorded, but the answer never arrives: the case blind retries turn into double charges.
			entry.status = 'dropped';
			record(entry);
			req.socket.destroy();
			return;
		}
		reply(result);
	}

	function dispatchManagement(ctx: Ctx, setHeaders: (h: Record<string, string>) => void): Reply {
		const token = ctx.req.headers['x-auth-token'];
		const account = typeof token === 'string' ? store.tokens.get(token) : undefined;
		if (!account)
			return familyError(
				ctx.family,
				401,
				'You are not authorized to access this resource. Check the X-Auth-Token header.',
			);
		const gate = limiters.management?.take();
		if (gate) setHeaders(gate.headers);
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
		storeHash: store.hash,
		store: () => store,
		stop: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
		reset: () => {
			admin('POST', '/reset', undefined);
		},
		requests: () => log,
		clearRequests: () => {
			log = [];
		},
		charges: (orderId?: number) =>
			store.charges.filter((c) => orderId === undefined || c.order_id === orderId),
		addFault: (fault: Fault) => faults.push({ ...fault, hits: 0 }),
		clearFaults: () => {
			faults = [];
		},
		clock: {
			now,
			set: (ms: number) => {
				offset = ms - baseNow();
			},
			advance: (ms: number) => {
				offset += ms;
			},
		},
	};
}
