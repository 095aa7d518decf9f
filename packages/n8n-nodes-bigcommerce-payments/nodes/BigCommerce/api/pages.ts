import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';

interface Page<T> {
	data?: T[];
	meta?: { pagination?: { total_pages?: number } };
}

/**
 * Every item of a v3 list, page after page, as long as `meta.pagination.total_pages` says there is
 * more, or until `max` items. A 204 (nothing yet) or a list without pagination is one page.
 */
export async function listAllPages<T>(
	this: ApiContext,
	connection: StoreConnection,
	path: string,
	qs: IDataObject = {},
	max = Infinity,
): Promise<T[]> {
	const all: T[] = [];
	for (let page = 1, last = 1; page <= last && all.length < max; page++) {
		const response = await managementRequest.call(this, connection, {
			method: 'GET',
			path,
			qs: page > 1 ? { ...qs, page } : qs,
		});
		const body = response.body as Page<T> | undefined;
		all.push(...(body?.data ?? []));
		const pages = Number(body?.meta?.pagination?.total_pages);
		last = Number.isInteger(pages) && pages > 0 ? pages : 1;
	}
	return all.slice(0, max);
}
