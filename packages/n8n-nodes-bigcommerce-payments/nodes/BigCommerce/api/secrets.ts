/**
 * What must never leave the node in clear: card numbers (beyond their last 4), payment access
 * tokens (JWTs), stored-instrument tokens (64 characters), and whatever exact secrets the caller
 * knows (the credential's access token and client secret, the values of the node's secret fields).
 */
import type { INode, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** 12 to 19 digits, spaced or dashed as printed: a card number (its last 4 stay). */
const CARD_NUMBER = /\b(?:\d[ -]?){8,15}(\d{4})\b/g;
/** A JWT: BigCommerce's payment access tokens are. */
const JWT = /\beyJ[\w-]*\.[\w-]+\.[\w-]+/g;
/**
 * A long run of letters and digits: a stored-instrument token is 64 (the guide's own example has 66),
 * a tokenized card's 64 or more. Nothing else the node reports runs this long without a separator.
 */
const LONG_TOKEN = /\b[A-Za-z0-9]{40,}\b/g;

/** Exact secrets shorter than this are not searched for: they would match ordinary numbers and words. */
const MIN_SECRET_LENGTH = 6;

/** Card numbers keep their last 4; JWTs (PATs), long tokens and the given secrets disappear. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
	let out = text;
	// Longest first, so a secret that contains another is masked whole.
	const known = [...new Set(secrets)]
		.filter((s): s is string => typeof s === 'string' && s.trim().length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	for (const secret of known) out = out.split(secret).join(REDACTED);
	out = out.replace(CARD_NUMBER, '•••• $1');
	out = out.replace(JWT, '[redacted token]');
	return out.replace(LONG_TOKEN, '[redacted token]');
}

type Value = NodeParameterValueType | INodeParameters | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** A resource locator's stored value: `{__rl: true, mode, value}`. */
const isLocator = (v: unknown): v is { __rl: true; value: unknown } =>
	isRecord(v) && v.__rl === true && 'value' in v;

/** Every string scrubbed with `redact`, a number that reads as a card number too, at any depth. */
function scrubbed(value: Value, secrets: readonly string[], names: ReadonlySet<string>): Value {
	if (typeof value === 'string') return redact(value, secrets);
	if (typeof value === 'number') {
		const text = String(value);
		return redact(text, secrets) === text ? value : redact(text, secrets);
	}
	if (Array.isArray(value))
		return value.map((v) => scrubbed(v as Value, secrets, names)) as NodeParameterValueType;
	if (isRecord(value)) {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value))
			out[key] = names.has(key) ? masked(v as Value) : scrubbed(v as Value, secrets, names);
		return out as INodeParameters;
	}
	return value;
}

/**
 * A secret field's value, whatever it is (a number an expression made, a locator): all of it. Of a
 * resource locator only its mode stays, so the error still says how the value was given.
 */
function masked(value: Value): Value {
	if (value === undefined || value === null || value === '') return value;
	if (isLocator(value)) {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value))
			out[key] = key === '__rl' || key === 'mode' ? v : masked(v as Value);
		return out as INodeParameters;
	}
	return REDACTED;
}

/** Any value with its strings (and card-number-like numbers) scrubbed by `redact`, at any depth. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	return scrubbed(value as Value, secrets, new Set()) as T;
}

/**
 * n8n stores a failed node with its parameters (`error.node.parameters`) in the execution data and
 * shows them in the editor. Errors carry this copy instead: `secretNames` (at any depth; of a resource
 * locator, its value) masked whole, every other value scrubbed of anything that looks like a secret.
 */
export function maskNode(
	node: INode,
	secretNames: readonly string[] = [],
	secrets: readonly string[] = [],
): INode {
	const parameters = scrubbed(node.parameters, secrets, new Set(secretNames)) as INodeParameters;
	return { ...node, parameters };
}
