/**
 * The sandbox store every emulator starts with. Documented in the README: users point their
 * credentials at it, and tests rely on these exact values.
 */

export const ALL_SCOPES = [
	'store_payments_methods_read',
	'store_payments_access_token_create',
	'store_v2_orders',
	'store_v2_transactions',
	'store_stored_payment_instruments',
	'store_v2_information',
	'store_v2_customers',
	'store_cart',
	'store_checkout',
];

export const READ_ONLY_SCOPES = [
	'store_payments_methods_read',
	'store_v2_orders_read_only',
	'store_v2_transactions_read_only',
	'store_stored_payment_instruments_read_only',
	'store_v2_information_read_only',
	'store_v2_customers_read_only',
	'store_cart_read_only',
	'store_checkout_read_only',
];

export const PAYMENTS_ONLY_SCOPES = [
	'store_payments_methods_read',
	'store_payments_access_token_create',
];

export interface SeedToken {
	token: string;
	clientId: string;
	/** the API account's Client Secret, the key of its webhooks' signatures (empty when absent) */
	clientSecret?: string;
	scopes: string[];
}

export interface SeedMethod {
	id: string;
	name: string;
	type: string;
	gateway: string;
	testMode: boolean;
	/** authorize only: the charge is an authorization that a capture completes later */
	authorizeOnly: boolean;
	vaulting: boolean;
	misconfigured: boolean;
	supported: { instrument_type: string; verification_value_required: boolean }[];
}

export interface SeedInstrument {
	type: 'stored_card' | 'stored_paypal_account' | 'stored_bank_account';
	token: string;
	methodId: string;
	isDefault: boolean;
	brand?: string;
	expiryMonth?: number;
	expiryYear?: number;
	iin?: string;
	last4?: string;
	email?: string;
	maskedAccountNumber?: string;
	issuer?: string;
	/** a PayPal authorization the shopper withdrew: charging it gives 30107 */
	revoked?: boolean;
	/** a stored card the issuer declines with this code (e.g. 30106, insufficient funds) */
	declineCode?: number;
}

export interface SeedCustomer {
	id: number;
	firstName: string;
	lastName: string;
	email: string;
	storeCredit: number;
	instruments: SeedInstrument[];
}

export interface SeedProduct {
	id: number;
	name: string;
	sku: string;
	price: number;
	options?: { id: number; name: string; values: string[] }[];
	/** BigCommerce's order_quantity_maximum: more in one cart is a 409 */
	maxPerOrder?: number;
}

export interface Seed {
	storeHash: string;
	storeId: string;
	storeName: string;
	currency: string;
	tokens: SeedToken[];
	methods: SeedMethod[];
	customers: SeedCustomer[];
	giftCertificates: { code: string; balance: number; status: 'active' | 'disabled' | 'expired' }[];
	products: SeedProduct[];
}

const hex = (seedChar: string) => seedChar.repeat(64).slice(0, 64);

/** Stored-instrument tokens are 64 hex characters, as BigCommerce's are. */
export const TOKENS = {
	adaVisa: hex('a1'),
	adaMastercard: hex('a2'),
	adaPaypal: hex('a3'),
	adaBank: hex('a4'),
	graceVisaExpired: hex('b1'),
	gracePaypalRevoked: hex('b2'),
	linusPaypal: hex('c1'),
	linusVisaCvv: hex('c2'),
	alanVisaNoFunds: hex('d1'),
};

const cards = [
	{ instrument_type: 'VISA', verification_value_required: true },
	{ instrument_type: 'MASTERCARD', verification_value_required: true },
	{ instrument_type: 'AMEX', verification_value_required: true },
	{ instrument_type: 'DISCOVER', verification_value_required: true },
];

export function defaultSeed(): Seed {
	return {
		storeHash: 'sandbox',
		storeId: '1000001',
		storeName: 'BigCommerce Payments Sandbox',
		currency: 'USD',
		tokens: [
			{
				token: 'sandbox-token',
				clientId: 'sandbox-client',
				clientSecret: 'sandbox-client-secret',
				scopes: ALL_SCOPES,
			},
			{
				token: 'payments-only-token',
				clientId: 'payments-client',
				clientSecret: 'payments-client-secret',
				scopes: PAYMENTS_ONLY_SCOPES,
			},
			{
				token: 'read-only-token',
				clientId: 'read-only-client',
				clientSecret: 'read-only-client-secret',
				scopes: READ_ONLY_SCOPES,
			},
		],
		methods: [
			{
				id: 'stripe.card',
				name: 'Stripe',
				type: 'card',
				gateway: 'stripe',
				testMode: true,
				authorizeOnly: false,
				vaulting: true,
				misconfigured: false,
				supported: [
					...cards,
					{ instrument_type: 'STORED_CARD', verification_value_required: false },
				],
			},
			{
				id: 'authorizenet.card',
				name: 'Authorize.Net',
				type: 'card',
				gateway: 'authorizenet',
				testMode: true,
				authorizeOnly: true,
				vaulting: false,
				misconfigured: false,
				supported: cards.map((c) => ({ ...c })),
			},
			{
				id: 'braintree.paypal',
				name: 'PayPal powered by Braintree',
				type: 'paypal',
				gateway: 'braintree',
				testMode: true,
				authorizeOnly: false,
				vaulting: true,
				misconfigured: false,
				supported: [
					{ instrument_type: 'STORED_PAYPAL_ACCOUNT', verification_value_required: false },
				],
			},
			{
				id: 'braintree.ach',
				name: 'ACH powered by Braintree',
				type: 'ach',
				gateway: 'braintree',
				testMode: true,
				authorizeOnly: false,
				vaulting: true,
				misconfigured: false,
				supported: [{ instrument_type: 'STORED_BANK_ACCOUNT', verification_value_required: false }],
			},
			{
				id: 'bigcommerce.gift_certificate',
				name: 'Gift Certificate',
				type: 'gift_certificate',
				gateway: 'giftcertificate',
				testMode: false,
				authorizeOnly: false,
				vaulting: false,
				misconfigured: false,
				supported: [],
			},
			{
				id: 'bigcommerce.store_credit',
				name: 'Store Credit',
				type: 'store_credit',
				gateway: 'storecredit',
				testMode: false,
				authorizeOnly: false,
				vaulting: false,
				misconfigured: false,
				supported: [],
			},
		],
		customers: [
			{
				id: 1,
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada@example.com',
				storeCredit: 50,
				instruments: [
					{
						type: 'stored_card',
						token: TOKENS.adaVisa,
						methodId: 'stripe.card',
						isDefault: true,
						brand: 'VISA',
						expiryMonth: 12,
						expiryYear: 2031,
						iin: '424242',
						last4: '4242',
					},
					{
						type: 'stored_card',
						token: TOKENS.adaMastercard,
						methodId: 'stripe.card',
						isDefault: false,
						brand: 'MASTERCARD',
						expiryMonth: 6,
						expiryYear: 2030,
						iin: '555555',
						last4: '4444',
					},
					{
						type: 'stored_paypal_account',
						token: TOKENS.adaPaypal,
						methodId: 'braintree.paypal',
						isDefault: false,
						email: 'ada.paypal@example.com',
					},
					{
						type: 'stored_bank_account',
						token: TOKENS.adaBank,
						methodId: 'braintree.ach',
						isDefault: false,
						maskedAccountNumber: '12XXX56',
						issuer: 'DE001',
					},
				],
			},
			{
				id: 2,
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.com',
				storeCredit: 5,
				instruments: [
					{
						type: 'stored_paypal_account',
						token: TOKENS.gracePaypalRevoked,
						methodId: 'braintree.paypal',
						isDefault: true,
						email: 'grace.paypal@example.com',
						revoked: true,
					},
					{
						type: 'stored_card',
						token: TOKENS.graceVisaExpired,
						methodId: 'stripe.card',
						isDefault: false,
						brand: 'VISA',
						expiryMonth: 1,
						expiryYear: 2020,
						iin: '400000',
						last4: '0069',
					},
				],
			},
			{
				id: 3,
				firstName: 'Linus',
				lastName: 'Torvalds',
				email: 'linus@example.com',
				storeCredit: 0,
				instruments: [
					{
						type: 'stored_paypal_account',
						token: TOKENS.linusPaypal,
						methodId: 'braintree.paypal',
						isDefault: true,
						email: 'linus.paypal@example.com',
					},
					{
						type: 'stored_card',
						token: TOKENS.linusVisaCvv,
						methodId: 'stripe.card',
						isDefault: false,
						brand: 'VISA',
						expiryMonth: 3,
						expiryYear: 2032,
						iin: '411111',
						last4: '1111',
					},
				],
			},
			{
				id: 5,
				firstName: 'Alan',
				lastName: 'Turing',
				email: 'alan@example.com',
				storeCredit: 0,
				instruments: [
					{
						type: 'stored_card',
						token: TOKENS.alanVisaNoFunds,
						methodId: 'stripe.card',
						isDefault: true,
						brand: 'VISA',
						expiryMonth: 9,
						expiryYear: 2033,
						iin: '400000',
						last4: '9995',
						declineCode: 30106,
					},
				],
			},
			{
				id: 4,
				firstName: 'Margaret',
				lastName: 'Hamilton',
				email: 'margaret@example.com',
				storeCredit: 1000,
				instruments: [],
			},
		],
		giftCertificates: [
			{ code: 'GIFT-100-ABC', balance: 100, status: 'active' },
			{ code: 'GIFT-010-DEF', balance: 10, status: 'active' },
			{ code: 'GIFT-OFF-XYZ', balance: 25, status: 'disabled' },
		],
		products: [
			{ id: 101, name: 'Analytical Engine Poster', sku: 'AEP-1', price: 19.99 },
			{
				id: 102,
				name: 'Difference Engine T-Shirt',
				sku: 'DET-1',
				price: 25,
				options: [{ id: 7, name: 'Size', values: ['S', 'M', 'L'] }],
			},
			{ id: 103, name: 'Punched Card Set', sku: 'PCS-1', price: 4.5, maxPerOrder: 10 },
		],
	};
}

/**
 * Test card numbers (all pass the Luhn check). Any other valid number is approved.
 * Documented in the README so workflow builders can try every branch.
 */
export const TEST_CARDS: Record<
	string,
	{ outcome: string; code?: number; title?: string; detail?: string }
> = {
	'4111111111111111': { outcome: 'approved' },
	'4242424242424242': { outcome: 'approved' },
	'5555555555554444': { outcome: 'approved' },
	'4000000000000002': {
		outcome: 'declined',
		code: 30102,
		title: 'Card details could not be verified',
		detail: 'The card issuer could not verify the card details.',
	},
	'4000000000000069': {
		outcome: 'declined',
		code: 30103,
		title: 'Card expired',
		detail: 'The card has expired.',
	},
	'4000000000000119': {
		outcome: 'declined',
		code: 30104,
		title: 'There was a problem processing the card',
		detail: 'The card could not be processed. Contact the card issuer.',
	},
	'4000000000000259': {
		outcome: 'declined',
		code: 30105,
		title: 'Duplicate transaction',
		detail: 'The payment was declined as a duplicate of a previous transaction.',
	},
	'4000000000009995': {
		outcome: 'declined',
		code: 30106,
		title: 'Insufficient funds',
		detail: 'The card was declined due to insufficient funds.',
	},
	'4000000000003220': {
		outcome: 'declined',
		code: 30102,
		title: 'Card details could not be verified',
		detail:
			'The card requires 3-D Secure authentication, which a server-to-server payment cannot complete. Save the card in a shopper session, then charge it as a stored card.',
	},
	'4000000000000341': {
		outcome: 'unsavable',
		code: 30050,
		title: 'Instrument could not be saved',
		detail: 'The payment instrument could not be stored.',
	},
};
