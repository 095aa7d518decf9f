import { credentialError } from './errors';
import type { ApiContext } from './request';
import { CREDENTIAL_NAME } from './request';
import type { StoreConnection } from './store';
import { StoreHashError, connectionFromCredentials } from './store';

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

/**
 * The credential's own secrets, so that what the nodes report can be scrubbed of them wherever a
 * user pasted one. Never fails: without a readable credential there is nothing to search for.
 */
export async function credentialSecrets(this: ApiContext): Promise<string[]> {
	try {
		const credentials = await this.getCredentials(CREDENTIAL_NAME);
		return [credentials.accessToken, credentials.clientSecret].filter(
			(s): s is string => typeof s === 'string' && s !== '',
		);
	} catch {
		return [];
	}
}
