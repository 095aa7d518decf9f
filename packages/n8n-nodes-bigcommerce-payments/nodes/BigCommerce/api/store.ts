/**
 * Where a store lives and how to reach it. The credential's test and `authenticate` and every request
 * of both nodes resolve the store through these rules, so a store hash pasted in any of the shapes
 * users copy from BigCommerce means the same store everywhere.
 */
export const DEFAULT_API_BASE_URL = 'https://api.bigcommerce.com';
export const DEFAULT_PAYMENTS_BASE_URL = 'https://payments.bigcommerce.com';

/** A few minutes: long enough for another process sharing the store to let a window go by. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 300000;

/** A store's addresses, and how the node wants its requests to that store handled. */
export interface StoreConnection {
	storeHash: string;
	apiBaseUrl: string;
	paymentsBaseUrl: string;
	/** how long one request waits out 429s before failing as `rate_limited` */
	rateLimitWaitMs?: number;
}

const HASH = /^[a-z0-9]{4,20}$/;

// Shapes seen in the wild: the bare hash, an API path (`.../stores/{hash}/v3/`), the control panel
// host (`store-{hash}.mybigcommerce.com`), or `store-{hash}` on its own.
const EMBEDDED_HASH = [
	/(?:^|\/)stores\/([a-z0-9]+)(?:\/|$)/,
	/(?:^|\/\/|^https?:\/\/)store-([a-z0-9]+)\.mybigcommerce\.com/,
	/^store-([a-z0-9]+)$/,
];

/** Where an order lives in the store's control panel, so a picker can link to it. */
export function controlPanelOrderUrl(connection: StoreConnection, id: number | string): string {
	return `https://store-${connection.storeHash}.mybigcommerce.com/manage/orders/${id}`;
}

export class StoreHashError extends Error {}

export function normalizeStoreHash(input: unknown): string {
	const raw = typeof input === 'string' ? input.trim().toLowerCase() : '';
	if (HASH.test(raw)) return raw;
	for (const pattern of EMBEDDED_HASH) {
		const match = pattern.exec(raw);
		if (match && HASH.test(match[1])) return match[1];
	}
	const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
	throw new StoreHashError(
		`"${shown}" is not a BigCommerce store hash. A store hash is a short code of lowercase letters and digits, ` +
			'such as "abc123de45": it is the {store_hash} in the API path https://api.bigcommerce.com/stores/{store_hash}/v3/ ' +
			'shown when you create a store-level API account (Settings → Store-level API accounts), and the part after ' +
			'"store-" in your control panel address store-{store_hash}.mybigcommerce.com.',
	);
}

export function normalizeBaseUrl(input: unknown, fallback: string, field: string): string {
	const raw = typeof input === 'string' && input.trim() !== '' ? input.trim() : fallback;
	if (!/^https?:\/\/[^\s/]+/i.test(raw)) {
		throw new StoreHashError(`${field} must be an http(s) URL such as ${fallback}, got "${raw}"`);
	}
	return raw.replace(/\/+$/, '');
}

/** The base URLs count only when the credential's "Use Custom Base URLs" is on. */
export function connectionFromCredentials(credentials: Record<string, unknown>): StoreConnection {
	const custom = credentials.customBaseUrls === true;
	return {
		storeHash: normalizeStoreHash(credentials.storeHash),
		apiBaseUrl: normalizeBaseUrl(
			custom ? credentials.apiBaseUrl : undefined,
			DEFAULT_API_BASE_URL,
			'API Base URL',
		),
		paymentsBaseUrl: normalizeBaseUrl(
			custom ? credentials.paymentsBaseUrl : undefined,
			DEFAULT_PAYMENTS_BASE_URL,
			'Payments Base URL',
		),
	};
}

export function managementBase(connection: StoreConnection): string {
	return `${connection.apiBaseUrl}/stores/${connection.storeHash}`;
}

export function paymentsEndpoint(connection: StoreConnection): string {
	return `${connection.paymentsBaseUrl}/stores/${connection.storeHash}/payments`;
}
