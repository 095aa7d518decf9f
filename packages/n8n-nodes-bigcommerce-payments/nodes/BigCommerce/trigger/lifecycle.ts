import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { createHook, deleteHook, getConnection, getHook, listHooks, updateHook } from '../api';
import { triggerError } from './errors';
import { registrationScopes } from './events';
import { HOOK_HEADER, newToken } from './signature';

/**
 * Static data of the node: `hooks` maps each registered scope to its hook id, `destination` is the
 * URL they point at, `token` is the header value every hook carries (checked when the credential
 * has no Client Secret).
 */
interface HookState extends IDataObject {
	hooks?: Record<string, number>;
	destination?: string;
	token?: string;
}

function context(this: IHookFunctions) {
	const url = this.getNodeWebhookUrl('default');
	// Thrown as they are: the node's webhook methods make n8n errors of them (trigger/errors.ts).
	if (!url) throw new Error('n8n gave this trigger no webhook URL');
	const events = this.getNodeParameter('events', []) as string[];
	if (events.length === 0) throw new Error('Choose at least one event in "Events"');
	return {
		url,
		scopes: registrationScopes(events),
		state: this.getWorkflowStaticData('node') as HookState,
	};
}

const sameSet = (a: string[], b: string[]) =>
	a.length === b.length && a.every((x) => b.includes(x));

/**
 * Runs on activation and on every n8n start. True only when every hook still exists, points at this
 * URL with the right scope, and carries our token; a hook BigCommerce deactivated (failed deliveries,
 * or 90 days without events) is switched back on here rather than re-created.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const { url, scopes, state } = context.call(this);
	const hooks = state.hooks ?? {};
	if (!state.token || state.destination !== url || !sameSet(Object.keys(hooks), scopes))
		return false;
	const connection = await getConnection.call(this);
	for (const scope of scopes) {
		const hook = await getHook.call(this, connection, hooks[scope]);
		if (!hook || hook.scope !== scope || hook.destination !== url) return false;
		if (hook.headers?.[HOOK_HEADER] !== state.token) return false;
		if (!hook.is_active) {
			await updateHook.call(this, connection, hook.id, { active: true });
		}
	}
	return true;
}

/**
 * One hook per scope. BigCommerce allows one hook per account, scope and destination, so a hook left
 * behind for this URL (a crash, a lost static data) is adopted and updated instead of colliding.
 * Hooks made here are removed again if a later scope fails, so a failed activation leaves none.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	const { url, scopes, state } = context.call(this);
	const connection = await getConnection.call(this);
	const token = state.token && state.destination === url ? state.token : newToken();
	const previous = state.hooks ?? {};
	const made: number[] = [];
	const hooks: Record<string, number> = {};
	const wanted = { destination: url, active: true, headers: { [HOOK_HEADER]: token } };
	try {
		for (const scope of scopes) {
			// Filtered here too, in case a store ignores the list's query filters.
			const [existing] = (
				await listHooks.call(this, connection, { scope, destination: url })
			).filter((h) => h.scope === scope && h.destination === url);
			if (existing) {
				await updateHook.call(this, connection, existing.id, wanted);
				hooks[scope] = existing.id;
			} else {
				const hook = await createHook.call(this, connection, { scope, ...wanted });
				made.push(hook.id);
				hooks[scope] = hook.id;
			}
		}
	} catch (error) {
		for (const id of made) await deleteHook.call(this, connection, id).catch(() => false);
		throw await triggerError.call(this, error);
	}
	// Hooks of scopes no longer chosen, or for a URL n8n no longer uses, would keep delivering
	// events nobody reads (and count against the domain's success rate).
	const kept = Object.values(hooks);
	for (const id of Object.values(previous)) {
		if (!kept.includes(id)) await deleteHook.call(this, connection, id).catch(() => false);
	}
	state.hooks = hooks;
	state.destination = url;
	state.token = token;
	return true;
}

/** Deactivation. A hook already gone (404) counts as deleted. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as HookState;
	const connection = await getConnection.call(this);
	const left: Record<string, number> = {};
	for (const [scope, id] of Object.entries(state.hooks ?? {})) {
		const gone = await deleteHook.call(this, connection, id).catch(() => false);
		if (!gone) left[scope] = id;
	}
	if (Object.keys(left).length > 0) {
		state.hooks = left;
		return false;
	}
	delete state.hooks;
	delete state.destination;
	delete state.token;
	return true;
}
