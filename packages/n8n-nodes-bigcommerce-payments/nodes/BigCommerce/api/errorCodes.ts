/**
 * What each BigCommerce error means for the merchant: the table follows BigCommerce's payments
 * error codes, then the HTTP statuses; `remedy` is what the merchant should do.
 */

export type Outcome = 'declined' | 'failed';

export interface CodeInfo {
	reason: string;
	outcome: Outcome;
	retryable: boolean;
	remedy: string;
}

export const PAYMENT_CODES: Record<number, CodeInfo> = {
	10000: {
		reason: 'temporary_error',
		outcome: 'failed',
		retryable: true,
		remedy:
			'BigCommerce had a temporary problem. Retry the payment later with a new payment access token.',
	},
	10001: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'Fix the invalid or missing data named in the message, then retry.',
	},
	30000: {
		reason: 'payment_method_not_configured',
		outcome: 'failed',
		retryable: false,
		remedy:
			'Set up this payment method in the BigCommerce control panel, or pick another Payment Method ID.',
	},
	30001: {
		reason: 'payment_method_misconfigured',
		outcome: 'failed',
		retryable: false,
		remedy:
			"The gateway rejects the store's configuration of this method: check its settings in the BigCommerce control panel.",
	},
	30002: {
		reason: 'vaulting_unavailable',
		outcome: 'failed',
		retryable: false,
		remedy:
			'Stored cards are not enabled for this payment method: turn them on in the control panel, or turn off Save Instrument.',
	},
	30003: {
		reason: 'order_not_found',
		outcome: 'failed',
		retryable: false,
		remedy: 'Check the Order ID: no such order exists.',
	},
	30004: {
		reason: 'order_changed',
		outcome: 'failed',
		retryable: true,
		remedy:
			"The order's line items or total changed after the payment access token was created. Create a new token (automatic mode does) and retry.",
	},
	30050: {
		reason: 'instrument_not_saved',
		outcome: 'failed',
		retryable: false,
		remedy:
			'The card could not be saved: check its details (two-digit month, four-digit year) or pay without Save Instrument.',
	},
	30051: {
		reason: 'stored_instrument_not_found',
		outcome: 'failed',
		retryable: false,
		remedy:
			"The stored instrument does not exist or does not belong to the order's customer: use one listed by Payment Method → Get Many for this order.",
	},
	30100: {
		reason: 'token_not_created',
		outcome: 'failed',
		retryable: true,
		remedy: 'BigCommerce could not create a payment access token. Retry later.',
	},
	30101: {
		reason: 'order_not_payable',
		outcome: 'failed',
		retryable: false,
		remedy:
			'Only an Incomplete order (status_id 0) created through the API can be paid: it may already be paid. Check the order before charging again.',
	},
	30102: {
		reason: 'card_not_verified',
		outcome: 'declined',
		retryable: false,
		remedy:
			'The card details could not be verified: ask the customer to check the card or use another.',
	},
	30103: {
		reason: 'card_expired',
		outcome: 'declined',
		retryable: false,
		remedy: 'The card has expired: ask the customer for a current card.',
	},
	30104: {
		reason: 'processing_error',
		outcome: 'declined',
		retryable: false,
		remedy: 'The card could not be processed: the customer should contact their card issuer.',
	},
	30105: {
		reason: 'duplicate',
		outcome: 'declined',
		retryable: false,
		remedy:
			"The gateway saw this as a duplicate of an earlier payment: do not retry; check the order's transactions.",
	},
	30106: {
		reason: 'insufficient_funds',
		outcome: 'declined',
		retryable: true,
		remedy:
			'Declined for insufficient funds: retry later (for example in a nightly run) or ask for another payment method.',
	},
	30107: {
		reason: 'authorization_revoked',
		outcome: 'declined',
		retryable: false,
		remedy:
			'The customer withdrew the stored PayPal authorization: ask them to pay again at checkout.',
	},
};

export const THREE_D_SECURE: CodeInfo = {
	reason: 'three_d_secure_required',
	outcome: 'declined',
	retryable: false,
	remedy:
		'The card needs 3-D Secure, which a server-to-server payment cannot complete: have the shopper save the card at checkout, then charge it as a stored card.',
};

export const BY_STATUS: Record<number, CodeInfo> = {
	400: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce rejected the request as malformed: check the fields named in the message.',
	},
	401: {
		reason: 'unauthorized',
		outcome: 'failed',
		retryable: false,
		remedy:
			'The access token (or the payment access token) was rejected: check the credential, or create a new payment access token.',
	},
	403: {
		reason: 'missing_scope',
		outcome: 'failed',
		retryable: false,
		remedy:
			'The API account lacks the OAuth scope this operation needs: add it to the API account in BigCommerce (see the README for the list).',
	},
	404: {
		reason: 'not_found',
		outcome: 'failed',
		retryable: false,
		remedy:
			"Nothing exists at that ID for this store: check the ID and the credential's store hash.",
	},
	405: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce does not allow this method here.',
	},
	406: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce refused the Accept header.',
	},
	409: {
		reason: 'conflict',
		outcome: 'failed',
		retryable: false,
		remedy: "The request conflicts with the resource's current state.",
	},
	415: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'BigCommerce refused the Content-Type.',
	},
	422: {
		reason: 'invalid_request',
		outcome: 'failed',
		retryable: false,
		remedy: 'Fix the invalid or missing data named in the message, then retry.',
	},
	429: {
		reason: 'rate_limited',
		outcome: 'failed',
		retryable: true,
		remedy:
			'BigCommerce kept answering "too many requests": run fewer workflows against this store at once, or retry later.',
	},
};

/** A metafield's 409: the account already has one with this namespace and key on this resource. */
export const ALREADY_EXISTS: CodeInfo = {
	reason: 'already_exists',
	outcome: 'failed',
	retryable: false,
	remedy:
		'This API account already has a metafield with this namespace and key on the order: read it instead of creating another.',
};

export const SERVER_ERROR: CodeInfo = {
	reason: 'server_error',
	outcome: 'failed',
	retryable: true,
	remedy: 'BigCommerce had a server error. Retry later.',
};

export const OUTCOME_UNKNOWN: CodeInfo = {
	reason: 'outcome_unknown',
	outcome: 'failed',
	retryable: false,
	remedy:
		"The payment request was sent but no answer arrived, so it may have been charged. Do not retry blindly: check the order's status and transactions in BigCommerce first.",
};

export const CONNECTION_ERROR: CodeInfo = {
	reason: 'connection_error',
	outcome: 'failed',
	retryable: true,
	remedy:
		"BigCommerce could not be reached, and nothing was sent. Check the network and the credential's base URLs, then retry.",
};
