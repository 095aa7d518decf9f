import type { ApiContext } from '../transport/request';
import { CREDENTIAL_NAME } from '../transport/request';
import type { StoreConnection } from '../transport/connection';
import { StoreHashError, connectionFromCredentials } from '../transport/connection';
import { credentialError } from './errors';

export type { ApiContext } from '../transport/request';
export type { StoreConnection } from '../transport/connection';
export { DEFAULT_RATE_LIMIT_WAIT_MS } from '../transport/connection';

/**
 * The store the credential points at. A Store Hash or base URL that cannot be read is the user's to
 * fix, so it fails with the credential's own explanation (`invalid_credentials`), before any request.
 */
export async function getConnection(this: ApiContext): Promise<StoreConnection> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	try {
		return connectionFromCredentials(credentials);
	} catch (error) {
		// Only the credential's own checks throw here (StoreHashError); each says what to fix.
		throw credentialError(error instanceof StoreHashError ? error.message : String(error));
	}
}
