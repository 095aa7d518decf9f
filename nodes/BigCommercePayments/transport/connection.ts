/**
 * The store-hash and base-URL rules live in the credential, which must stand alone; the node reads
 * them from there so there is one copy.
 */
import type { StoreConnection } from '../../../credentials/BigCommerceApi.credentials';

export type { StoreConnection } from '../../../credentials/BigCommerceApi.credentials';
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
