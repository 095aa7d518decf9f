import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, Hook } from '../BigCommercePayments/api';
import {
	BigCommerceApiError,
	deleteHook,
	getConnection,
	getHook,
	getOrder,
} from '../BigCommercePayments/api';

export type { Hook } from '../BigCommercePayments/api';
export { createHook, listHooks, updateHook } from '../BigCommercePayments/api';
export { getConnection };

const isNotFound = (error: unknown) =>
	error instanceof BigCommerceApiError && error.details.httpStatus === 404;

/** A hook that is gone is an answer here, not a failure: checkExists then says "create it". */
export async function findHook(this: ApiContext, id: number): Promise<Hook | null> {
	const connection = await getConnection.call(this);
	return await getHook.call(this, connection, id).catch((error: unknown) => {
		if (isNotFound(error)) return null;
		throw error;
	});
}

/** True when the hook is gone, including when it already was (404); false when it is still there. */
export async function removeHook(this: ApiContext, id: number): Promise<boolean> {
	const connection = await getConnection.call(this);
	return await deleteHook.call(this, connection, id).then(
		() => true,
		(error: unknown) => isNotFound(error),
	);
}

export async function readOrder(this: ApiContext, id: number): Promise<IDataObject> {
	return (await getOrder.call(this, await getConnection.call(this), id)) as IDataObject;
}
