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

/** What lives for one execution of the node, shared by its items. */
export interface PaymentState {
	/** tokens spent in this execution; a second use is refused before it is sent */
	spentTokens: Set<string>;
	/** the method the current item was sent to, for its failure record when it was looked up */
	paymentMethodId?: string;
}

/** What lives for one run of the node, shared by its items. */
export interface RunState {
	/** who holds the payment claims this run takes: the execution (see heldClaims.ts) */
	holder: string;
	/** the run already warned that the API account cannot claim orders */
	warnedClaimUnavailable?: boolean;
}

export interface OperationContext {
	connection: StoreConnection;
	paymentState: PaymentState;
	run: RunState;
}

/** One signature for every operation: read item `i`'s parameters, call the API, shape the output. */
export type Operation = (
	this: IExecuteFunctions,
	i: number,
	ctx: OperationContext,
) => Promise<IDataObject | IDataObject[]>;

export type OperationMap = { [R in Resource]: Record<NodeMap[R], Operation> };
