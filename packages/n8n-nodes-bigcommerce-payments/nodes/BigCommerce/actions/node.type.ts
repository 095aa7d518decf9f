import type { AllEntities, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StoreConnection } from '../api';

/** Every resource and its operation values, as the editor stores them. */
type NodeMap = {
	cart: 'create';
	checkout:
		| 'addConsignment'
		| 'createOrder'
		| 'get'
		| 'selectShippingOption'
		| 'setBillingAddress'
		| 'toOrder';
	customer: 'getStoredInstruments';
	order: 'capture' | 'create' | 'get' | 'getAll' | 'refund' | 'void';
	payment: 'process';
	paymentAccessToken: 'create';
	paymentMethod: 'getAll';
	transaction: 'getAll';
};

export type BigCommercePaymentsType = AllEntities<NodeMap>;
export type Resource = keyof NodeMap;

/** What one run of the node gives each of its items, read-only: what the run knows of them all. */
export interface RunState {
	/** who holds the payment claims this run takes: the execution (see heldClaims.ts) */
	readonly holder: string;
	/**
	 * The first item of this run given `token` as its payment access token as input, if any: a
	 * token pays once, so a later item with it is refused before anything is sent.
	 */
	readonly firstItemWithToken: (token: string) => number | undefined;
	/** Warns the person running the workflow, once per run for each message however many items meet it. */
	readonly warnOnce: (message: string, detail: string) => void;
}

export interface OperationContext {
	connection: StoreConnection;
	run: RunState;
}

/** One signature for every operation: read item `i`'s parameters, call the API, shape the output. */
export type Operation = (
	this: IExecuteFunctions,
	i: number,
	ctx: OperationContext,
) => Promise<IDataObject | IDataObject[]>;

export type OperationMap = { [R in Resource]: Record<NodeMap[R], Operation> };
