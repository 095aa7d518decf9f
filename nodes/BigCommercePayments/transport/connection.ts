/**
 * The store-hash and base-URL rules live in the credential, which must stand alone; the node reads
 * them from there so there is one copy.
 */
import type { StoreConnection as StoreAddress } from '../../../credentials/BigCommerceApi.credentials';

/** A store's addresses, and how the node wants its requests to that store handled. */
export interface StoreConnection extends StoreAddress {
	/** how long one request waits out 429s before failing as `rate_limited` */
	rateLimitWaitMs?: number;
}

/** A few minutes: long enough for another process sharing the store to let a window go by. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 300000;
export {
	DEFAULT_API_BASE_URL,
	DEFAULT_PAYMENTS_BASE_URL,
	StoreHashError,
	connectionFromCredentials,
	normalizeBaseUrl,
	normalizeStoreHash,
} from '../../../credentials/BigCommerceApi.credentials';

export function managementBase(connection: StoreConnection): string {
	return `${connection.apiBaseUrl}/stores/${connection.storeHash}`;
}

export function paymentsEndpoint(connection: StoreConnection): string {
	return `${connection.paymentsBaseUrl}/stores/${connection.storeHash}/payments`;
}
