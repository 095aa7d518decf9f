import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

// The store-hash and base-URL rules belong to the BigCommerce API room, which the nodes use too: one
// copy, so a store hash resolves the same way in this test, in `authenticate` and in every request.
import {
	DEFAULT_API_BASE_URL,
	DEFAULT_PAYMENTS_BASE_URL,
	connectionFromCredentials,
} from '../nodes/BigCommerce/api';

export class BigCommerceApi implements ICredentialType {
	name = 'bigCommerceApi';

	displayName = 'BigCommerce API';

	icon: Icon = {
		light: 'file:../icons/bigcommerce.svg',
		dark: 'file:../icons/bigcommerce.dark.svg',
	};

	documentationUrl =
		'https://developer.bigcommerce.com/docs/start/authentication/api-accounts#creating-store-level-api-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Store Hash',
			name: 'storeHash',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'abc123de45',
			description:
				'The {store_hash} in https://api.bigcommerce.com/stores/{store_hash}/v3/. Pasting that whole API path, or your control panel address store-{store_hash}.mybigcommerce.com, also works.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The access token of a store-level API account. Sent as X-Auth-Token to the management API only, never to the payments host.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. The Client Secret of the same API account. With it, the BigCommerce Trigger checks every event's signature and refuses forged or replayed ones; without it, the trigger checks a random token it sets on its webhooks.",
		},
		{
			displayName: 'Use Custom Base URLs',
			name: 'customBaseUrls',
			type: 'boolean',
			default: false,
			description:
				"Whether to reach BigCommerce through other addresses, such as a proxy or the project's sandbox (see the README)",
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: DEFAULT_API_BASE_URL,
			displayOptions: { show: { customBaseUrls: [true] } },
			description: 'Base of the management API (v2 and v3)',
		},
		{
			displayName: 'Payments Base URL',
			name: 'paymentsBaseUrl',
			type: 'string',
			default: DEFAULT_PAYMENTS_BASE_URL,
			displayOptions: { show: { customBaseUrls: [true] } },
			description: 'Base of the payments host',
		},
	];

	// A function rather than a generic header map: it resolves the store hash from whatever the user
	// pasted, and it refuses to attach the store's token to anything outside the management API.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const connection = connectionFromCredentials(credentials);
		const url = requestOptions.url ?? '';
		if (!/^\/v[23]\//.test(url)) return requestOptions;
		return {
			...requestOptions,
			baseURL: `${connection.apiBaseUrl}/stores/${connection.storeHash}`,
			headers: {
				Accept: 'application/json',
				...requestOptions.headers,
				'X-Auth-Token': credentials.accessToken as string,
			},
		};
	};

	// GET /v3/hooks needs only the default scope that every API account has, so an account limited
	// to payment scopes passes too.
	test: ICredentialTestRequest = {
		request: {
			baseURL: DEFAULT_API_BASE_URL,
			url: '/v3/hooks',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'BigCommerce rejected the access token (401). Copy the Access Token of a store-level API account again; a token stops working when its API account is deleted.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No store answers at this store hash (404). Check the Store Hash: it is the {store_hash} in https://api.bigcommerce.com/stores/{store_hash}/v3/.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"The API account lacks a required OAuth scope (403). Edit the API account in BigCommerce and grant the scopes listed in this node's README.",
				},
			},
		],
	};
}
