import type { IDataObject } from 'n8n-workflow';

/**
 * Builders for the node's parameters, one per resource, so a test shows only what it varies.
 * They hold the values a user would type in the node's panel; nothing here calls the node.
 */

/** Payment → Process in its default Split Outputs routing has three outputs, in this order. */
export const APPROVED = 0;
export const DECLINED = 1;
export const FAILED = 2;

export const processParams = (orderId: number | string, extra: IDataObject = {}): IDataObject => ({
	resource: 'payment',
	operation: 'process',
	orderId: String(orderId),
	...extra,
});

/** A new card paid through Stripe, valid until 12/2034; `extra` overrides any field. */
export const newCard = (cardNumber: string, extra: IDataObject = {}): IDataObject => ({
	instrumentType: 'card',
	paymentMethodId: 'stripe.card',
	cardNumber,
	cardholderName: 'Ada Lovelace',
	expiryMonth: 12,
	expiryYear: 2034,
	cvv: '123',
	...extra,
});

/** A Visa test card the emulator approves. */
export const GOOD_CARD = newCard('4111111111111111');

/** A card on Authorize.Net, whose gateway only authorizes: the order waits for Capture or Void. */
export const AUTHORIZE_ONLY_CARD = newCard('4242424242424242', {
	paymentMethodId: 'authorizenet.card',
	cardholderName: 'A',
	expiryMonth: 1,
	expiryYear: 2035,
	cvv: '999',
});

export const orderParams = (
	operation: 'get' | 'capture' | 'void' | 'refund',
	orderId: number | string,
	extra: IDataObject = {},
): IDataObject => ({ resource: 'order', operation, orderId: String(orderId), ...extra });

export const createOrderParams = (fields: IDataObject): IDataObject => ({
	resource: 'order',
	operation: 'create',
	...fields,
});

export const paymentMethodsParams = (
	orderId: number | string,
	extra: IDataObject = {},
): IDataObject => ({
	resource: 'paymentMethod',
	operation: 'getAll',
	orderId: String(orderId),
	...extra,
});

export const accessTokenParams = (
	orderId: number | string,
	extra: IDataObject = {},
): IDataObject => ({
	resource: 'paymentAccessToken',
	operation: 'create',
	orderId: String(orderId),
	...extra,
});

export const transactionsParams = (orderId: number | string): IDataObject => ({
	resource: 'transaction',
	operation: 'getAll',
	orderId: String(orderId),
});

/** An address as the checkout API takes it (billing, consignments). */
export const CHECKOUT_ADDRESS = {
	first_name: 'Ada',
	last_name: 'Lovelace',
	email: 'ada@example.com',
	address1: '1 Main St',
	city: 'Austin',
	state_or_province: 'Texas',
	country_code: 'US',
	postal_code: '78701',
};

/**
 * Every reading of the two questions BigCommerce's docs leave open (does an unfiltered order list
 * show Incomplete orders; may two payments for one order be charged when they overlap), as the
 * emulator's settings: a money test passes under each.
 */
export const READINGS = [
	{ listIncomplete: true, gatewayCommit: 'atomic' },
	{ listIncomplete: false, gatewayCommit: 'atomic' },
	{ listIncomplete: true, gatewayCommit: 'onAnswer' },
	{ listIncomplete: false, gatewayCommit: 'onAnswer' },
] as const;
