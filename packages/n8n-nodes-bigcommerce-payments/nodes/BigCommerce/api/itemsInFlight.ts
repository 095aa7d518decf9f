import type { Host } from './pacer';
import { AUTOMATIC_MAX_ITEMS, itemsInFlightFor } from './pacer';
import type { StoreConnection } from './store';
import { managementBase, paymentsEndpoint } from './store';

export { AUTOMATIC_MAX_ITEMS };

/**
 * How many items a run should keep in flight on this store to reach the ceiling of whichever host
 * binds (automatic Parallel Requests), at most `bound`; `pays`: the operation uses the payments
 * host. It grows as the store's answers teach the pacer its quotas and the gateway's latency, so a
 * run asks again as items finish. Before the first item has connected (`connection` unknown), the
 * hosts are taken at the pacer's first guess.
 */
export function itemsInFlight(
	connection: StoreConnection | undefined,
	bound: number,
	pays: boolean,
): number {
	const hosts: Array<[string | undefined, Host]> = [
		[connection && managementBase(connection), 'management'],
	];
	if (pays) hosts.push([connection && paymentsEndpoint(connection), 'payments']);
	return itemsInFlightFor(hosts, bound);
}
