import type { IDataObject, INode, INodeListSearchResult } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { listSearch } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { NODE_TYPE, sandboxCredentials } from './setup';

/** Opens a picker's "From list" on a node with `parameters`, as the editor does. */
export async function openList(
	emulator: Emulator,
	parameters: IDataObject,
	method: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: '1',
		name: 'BigCommerce',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
	};
	return await listSearch(
		node,
		method,
		{
			nodeTypes: { [NODE_TYPE]: new BigCommercePayments() },
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator) },
		},
		filter,
		paginationToken,
	);
}

export const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
