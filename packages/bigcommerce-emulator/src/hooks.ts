import type { Ctx, Reply } from './http';
import { familyError, invalid, isObject, isReply } from './http';
import { paginate } from './paging';
import type { Hook } from './store';
import { isLoopbackHttp } from './webhooks';

function hookBody(h: Hook) {
	return { ...h };
}

function validateHook(
	b: Record<string, unknown>,
	partial: boolean,
): Record<string, string> | undefined {
	const errors: Record<string, string> = {};
	if (!partial || b.scope !== undefined) {
		if (typeof b.scope !== 'string' || !/^store\/[a-zA-Z/*{}0-9_]+$/.test(b.scope))
			errors.scope = 'error.path.missing.';
	}
	if (!partial || b.destination !== undefined) {
		let ok = false;
		try {
			const u = new URL(String(b.destination));
			ok = (u.protocol === 'https:' && (u.port === '' || u.port === '443')) || isLoopbackHttp(u);
		} catch {
			ok = false;
		}
		if (!ok) errors.destination = 'error.path.missing.';
	}
	if (b.is_active !== undefined && typeof b.is_active !== 'boolean')
		errors.is_active = 'must be a boolean';
	if (
		b.headers !== undefined &&
		b.headers !== null &&
		(!isObject(b.headers) || Object.values(b.headers).some((v) => typeof v !== 'string'))
	)
		errors.headers = 'must be an object of strings';
	return Object.keys(errors).length ? errors : undefined;
}

export function listHooks(ctx: Ctx): Reply {
	// The documented filters: is_active, scope and destination, each an exact match.
	const active = ctx.query.get('is_active');
	const scope = ctx.query.get('scope');
	const destination = ctx.query.get('destination');
	const mine = [...ctx.store.hooks.values()].filter(
		(h) =>
			h.client_id === ctx.clientId &&
			(active === null || String(h.is_active) === active) &&
			(scope === null || h.scope === scope) &&
			(destination === null || h.destination === destination),
	);
	const { data, pagination } = paginate(ctx, mine);
	return { status: 200, body: { data: data.map(hookBody), meta: { pagination } } };
}

function hookOr404(ctx: Ctx): Hook | Reply {
	const id = Number(ctx.params[0]);
	const h = ctx.store.hooks.get(id);
	if (!h || h.client_id !== ctx.clientId)
		return familyError('v3', 404, `Webhook with id [${id}] not found`);
	return h;
}

export function createHook(ctx: Ctx): Reply {
	if (!isObject(ctx.body)) return invalid('v3', { scope: 'error.path.missing.' });
	const errors = validateHook(ctx.body, false);
	if (errors) return invalid('v3', errors);
	const b = ctx.body;
	const mine = [...ctx.store.hooks.values()].filter(
		(h) => h.client_id === ctx.clientId && h.scope === b.scope,
	);
	if (mine.some((h) => h.destination === b.destination))
		return familyError('v3', 422, 'A webhook for this scope and destination already exists.', {
			errors: {},
		});
	if (mine.length >= 10)
		return familyError('v3', 422, 'At most 10 webhooks per scope.', { errors: {} });
	const now = Math.floor(ctx.now() / 1000);
	const hook: Hook = {
		id: ctx.store.nextHookId++,
		client_id: ctx.clientId ?? '',
		store_hash: ctx.store.hash,
		scope: b.scope as string,
		destination: b.destination as string,
		is_active: b.is_active !== false,
		headers: (b.headers as Record<string, string>) ?? null,
		created_at: now,
		updated_at: now,
	};
	ctx.store.hooks.set(hook.id, hook);
	return { status: 200, body: { data: hookBody(hook), meta: {} } };
}

export function getHook(ctx: Ctx): Reply {
	const h = hookOr404(ctx);
	if (isReply(h)) return h;
	return { status: 200, body: { data: hookBody(h), meta: {} } };
}

export function updateHook(ctx: Ctx): Reply {
	const h = hookOr404(ctx);
	if (isReply(h)) return h;
	if (!isObject(ctx.body) || Object.keys(ctx.body).length === 0)
		return invalid('v3', { body: 'at least one field is required' });
	const errors = validateHook(ctx.body, true);
	if (errors) return invalid('v3', errors);
	// webhook_Put's fields only: anything else in the body is not part of the hook.
	const b = ctx.body;
	if (typeof b.scope === 'string') h.scope = b.scope;
	if (typeof b.destination === 'string') h.destination = b.destination;
	if (typeof b.is_active === 'boolean') h.is_active = b.is_active;
	if (b.headers !== undefined) h.headers = (b.headers as Record<string, string> | null) ?? null;
	h.updated_at = Math.floor(ctx.now() / 1000);
	return { status: 200, body: { data: hookBody(h), meta: {} } };
}

export function deleteHook(ctx: Ctx): Reply {
	const h = hookOr404(ctx);
	if (isReply(h)) return h;
	ctx.store.hooks.delete(h.id);
	return { status: 200, body: { data: hookBody(h), meta: {} } };
}
