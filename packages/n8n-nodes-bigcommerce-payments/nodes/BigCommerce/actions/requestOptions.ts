import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AUTOMATIC_MAX_ITEMS, DEFAULT_RATE_LIMIT_WAIT_MS } from '../api';
import { InputError } from '../helpers/validation';

/** 0: automatic, as many items as reach the store's ceiling (see `itemsInFlight`); `npm run bench` measures it. */
export const AUTOMATIC = 0;
const MAX_PARALLEL_REQUESTS = AUTOMATIC_MAX_ITEMS;

/** How the node sends its items' requests, whatever the operation. */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_PARALLEL_REQUESTS, numberPrecision: 0 },
			default: AUTOMATIC,
			description:
				"The most items that run at once. 0 (the default): automatic, as many as reach the store's rate limit at the gateway's latency, learned from BigCommerce's rate-limit headers and the node's own requests; the store's quota is shared by every workflow, worker and app using it and the node paces itself to what is left. 1: one after another. Items for the same order always run one after another, in order.",
			hint: 'When an item fails and stops the node (no Continue On Fail, no error output), no further item starts, items already running finish, and the error names every payment already approved in this run (order and payment ID): do not charge those again. With the node setting Retry On Fail, such a run goes one item at a time',
		},
		{
			displayName: 'Wait Out Rate Limits For (Seconds)',
			name: 'rateLimitWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300, // DEFAULT_RATE_LIMIT_WAIT_MS
			description:
				'How long a request keeps waiting while BigCommerce answers 429 Too Many Requests (nothing is done on a 429) before it fails as rate_limited',
		},
	],
};

export interface RequestSettings {
	/** the most items at once; 0: automatic */
	parallel: number;
	rateLimitWaitMs: number;
}

/** Read once, from the first item: they shape the whole run. */
export function requestSettings(this: IExecuteFunctions): RequestSettings {
	const options = this.getNodeParameter('requestOptions', 0, {}) as {
		parallelRequests?: unknown;
		rateLimitWaitSeconds?: unknown;
	};
	const parallel = options.parallelRequests ?? AUTOMATIC;
	if (
		typeof parallel !== 'number' ||
		!Number.isInteger(parallel) ||
		parallel < 0 ||
		parallel > MAX_PARALLEL_REQUESTS
	) {
		throw new InputError(
			'Parallel Requests',
			`must be a whole number from 0 (automatic) to ${MAX_PARALLEL_REQUESTS}`,
		);
	}
	const waitSeconds = options.rateLimitWaitSeconds ?? DEFAULT_RATE_LIMIT_WAIT_MS / 1000;
	if (typeof waitSeconds !== 'number' || !Number.isFinite(waitSeconds) || waitSeconds < 0) {
		throw new InputError(
			'Wait Out Rate Limits For (Seconds)',
			'must be a number of seconds, 0 or more',
		);
	}
	return { parallel, rateLimitWaitMs: waitSeconds * 1000 };
}
