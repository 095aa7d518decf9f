import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { PaymentMethod, StoredInstrument } from '../../helpers/api';
import { createPaymentAccessToken, getPaymentMethods } from '../../helpers/api';
import { BigCommerceApiError } from '../../helpers/errors';
import { decodePat } from '../../helpers/pat';
import * as validate from '../../helpers/validation';
import { InputError, cardBrand } from '../../helpers/validation';
import type { StoreConnection } from '../../transport/connection';
import { paymentsRequest } from '../../transport/request';
import { additionalFields, isRecurringField, orderIdField } from '../common.descriptions';

const show = { resource: ['payment'], operation: ['process'] };

const METHOD_PICKED_BY_USER = [
	'card',
	'stored_card',
	'stored_paypal_account',
	'stored_bank_account',
	'tokenized_card',
];

export const description: INodeProperties[] = [
	{
		displayName:
			"There is no amount: BigCommerce charges the order's total (or what is still due on it). Create the order first, with Order → Create.",
		name: 'amountNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	orderIdField(show, 'The Incomplete order (status 0) to pay'),
	{
		displayName: 'Pay With',
		name: 'instrumentType',
		type: 'options',
		default: 'default_stored_instrument',
		displayOptions: { show },
		options: [
			{
				name: "Customer's Default Stored Instrument",
				value: 'default_stored_instrument',
				description:
					"The card (or PayPal account, or bank account) the order's customer marked as default",
			},
			{ name: 'Gift Certificate', value: 'gift_certificate' },
			{ name: 'New Card', value: 'card' },
			{
				name: 'Store Credit',
				value: 'store_credit',
				description: "The customer's store credit balance",
			},
			{ name: 'Stored Bank Account', value: 'stored_bank_account' },
			{ name: 'Stored Card', value: 'stored_card' },
			{ name: 'Stored PayPal Account', value: 'stored_paypal_account' },
			{
				name: 'Tokenized Card',
				value: 'tokenized_card',
				description: 'A card tokenized by a wallet or provider, such as Bolt',
			},
		],
	},
	{
		displayName: 'Payment Method Name or ID',
		name: 'paymentMethodId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPaymentMethods', loadOptionsDependsOn: ['orderId'] },
		required: true,
		default: '',
		description:
			'The gateway to charge through, such as stripe.card. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { ...show, instrumentType: METHOD_PICKED_BY_USER } },
	},
	// New card
	{
		displayName: 'Card Number',
		name: 'cardNumber',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '4111 1111 1111 1111',
		displayOptions: { show: { ...show, instrumentType: ['card'] } },
	},
	{
		displayName: 'Cardholder Name',
		name: 'cardholderName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { ...show, instrumentType: ['card'] } },
	},
	{
		displayName: 'Expiry Month',
		name: 'expiryMonth',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, maxValue: 12 },
		default: 1,
		displayOptions: { show: { ...show, instrumentType: ['card'] } },
	},
	{
		displayName: 'Expiry Year',
		name: 'expiryYear',
		type: 'number',
		required: true,
		default: 2030,
		description: 'Four digits, such as 2030',
		displayOptions: { show: { ...show, instrumentType: ['card'] } },
	},
	{
		displayName: 'CVV',
		name: 'cvv',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'The 3 or 4 digit security code. Required when the payment method asks for it.',
		displayOptions: {
			show: { ...show, instrumentType: ['card', 'stored_card', 'default_stored_instrument'] },
		},
	},
	{
		displayName: 'Save Instrument',
		name: 'saveInstrument',
		type: 'boolean',
		default: false,
		description:
			"Whether to store the card for the order's customer (the gateway must have stored cards enabled)",
		displayOptions: { show: { ...show, instrumentType: ['card'] } },
	},
	// Stored instruments
	{
		displayName: 'Stored Instrument Token',
		name: 'storedToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The 64-character token of the stored instrument, from Payment Method → Get Many',
		displayOptions: {
			show: {
				...show,
				instrumentType: ['stored_card', 'stored_paypal_account', 'stored_bank_account'],
			},
		},
	},
	{
		displayName: 'Gift Certificate Code',
		name: 'giftCertificateCode',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'ABC-DEF-GXX',
		displayOptions: { show: { ...show, instrumentType: ['gift_certificate'] } },
	},
	// Tokenized card
	{
		displayName: 'Card Token',
		name: 'tokenizedCardToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { ...show, instrumentType: ['tokenized_card'] } },
	},
	{
		displayName: 'Access Token Source',
		name: 'accessTokenSource',
		type: 'options',
		default: 'create',
		description: 'A payment access token pays one order, once',
		displayOptions: { show },
		options: [
			{
				name: 'Create Automatically',
				value: 'create',
				description: 'Create a fresh token for every payment attempt (recommended)',
			},
			{
				name: 'From a Previous Step',
				value: 'input',
				description: 'Use a token from a Payment Access Token → Create step',
			},
		],
	},
	{
		displayName: 'Payment Access Token',
		name: 'paymentAccessToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '={{ $json.paymentAccessToken }}',
		displayOptions: { show: { ...show, accessTokenSource: ['input'] } },
	},
	{
		displayName: 'Route Outcomes',
		name: 'routing',
		type: 'options',
		default: 'split',
		displayOptions: { show },
		options: [
			{
				name: 'Approved / Declined / Failed Outputs',
				value: 'split',
				description: 'Send each payment to the output that matches its outcome',
			},
			{
				name: 'Single Output',
				value: 'single',
				description:
					"Approved payments continue; declines and failures are errors (use the node's error output or Continue On Fail)",
			},
		],
	},
	additionalFields(show, [
		isRecurringField(
			'Whether to tell the gateway the charge is recurring (when the token is created automatically)',
		),
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 60000,
			description:
				"How long to wait for the payment's answer. When it runs out the payment goes to Failed as outcome_unknown and is never retried automatically.",
		},
		{
			displayName: 'Wallet Card Expiry Month',
			name: 'walletCardExpiryMonth',
			type: 'string',
			default: '',
			description: 'For a tokenized card: its expiry month',
		},
		{
			displayName: 'Wallet Card Expiry Year',
			name: 'walletCardExpiryYear',
			type: 'string',
			default: '',
			description: 'For a tokenized card: its expiry year',
		},
		{
			displayName: 'Wallet Card IIN',
			name: 'walletCardIin',
			type: 'string',
			default: '',
			description: 'For a tokenized card: the first 6 digits of the card',
		},
		{
			displayName: 'Wallet Card Last 4',
			name: 'walletCardLastFour',
			type: 'string',
			default: '',
			description: 'For a tokenized card: the last 4 digits of the card',
		},
	]),
];

export interface ProcessState {
	/** tokens spent in this execution; a second use is refused before it is sent */
	spentTokens: Set<string>;
	/** the method the current item was sent to, for its failure record when it was looked up */
	paymentMethodId?: string;
}

interface Plan {
	orderId: number;
	paymentMethodId?: string;
	instrument?: IDataObject;
	summary: IDataObject;
	saveInstrument: boolean;
	cvv?: string;
}

const maskCode = (code: string) => (code.length > 4 ? `…${code.slice(-4)}` : '…');

function summarizeStored(s: StoredInstrument): IDataObject {
	if (s.type === 'stored_card') {
		return {
			type: s.type,
			brand: s.brand ?? null,
			last4: s.last_4 ?? null,
			expiryMonth: s.expiry_month ?? null,
			expiryYear: s.expiry_year ?? null,
			token: s.token,
		};
	}
	if (s.type === 'stored_paypal_account')
		return { type: s.type, email: s.email ?? null, token: s.token };
	return {
		type: s.type,
		maskedAccountNumber: s.masked_account_number ?? null,
		issuer: s.issuer ?? null,
		token: s.token,
	};
}

/** Reads and checks every parameter of the item. Sends nothing. */
function plan(this: IExecuteFunctions, i: number): Plan {
	const orderId = validate.orderId(this.getNodeParameter('orderId', i));
	const type = this.getNodeParameter('instrumentType', i) as string;
	const plan: Plan = { orderId, summary: { type }, saveInstrument: false };
	if (METHOD_PICKED_BY_USER.includes(type)) {
		plan.paymentMethodId = validate.required(
			this.getNodeParameter('paymentMethodId', i),
			'Payment Method',
		);
	}
	switch (type) {
		case 'card': {
			const card = validate.card({
				number: this.getNodeParameter('cardNumber', i),
				cardholderName: this.getNodeParameter('cardholderName', i),
				expiryMonth: this.getNodeParameter('expiryMonth', i),
				expiryYear: this.getNodeParameter('expiryYear', i),
				cvv: this.getNodeParameter('cvv', i, ''),
			});
			plan.instrument = {
				type: 'card',
				number: card.number,
				cardholder_name: card.cardholderName,
				expiry_month: card.expiryMonth,
				expiry_year: card.expiryYear,
				...(card.cvv ? { verification_value: card.cvv } : {}),
			};
			plan.summary = {
				type,
				brand: cardBrand(card.number),
				last4: card.number.slice(-4),
				expiryMonth: card.expiryMonth,
				expiryYear: card.expiryYear,
			};
			plan.saveInstrument = this.getNodeParameter('saveInstrument', i, false) as boolean;
			break;
		}
		case 'stored_card':
		case 'stored_paypal_account':
		case 'stored_bank_account': {
			const token = validate.storedToken(
				this.getNodeParameter('storedToken', i),
				'Stored Instrument Token',
			);
			const cvv =
				type === 'stored_card'
					? validate.cvvOf(this.getNodeParameter('cvv', i, ''), false)
					: undefined;
			plan.instrument = { type, token, ...(cvv ? { verification_value: cvv } : {}) };
			plan.summary = { type, token };
			break;
		}
		case 'gift_certificate': {
			const code = validate.required(
				this.getNodeParameter('giftCertificateCode', i),
				'Gift Certificate Code',
			);
			plan.paymentMethodId = 'bigcommerce.gift_certificate';
			plan.instrument = { type, gift_certificate_code: code };
			plan.summary = { type, code: maskCode(code) };
			break;
		}
		case 'store_credit':
			plan.paymentMethodId = 'bigcommerce.store_credit';
			plan.instrument = { type };
			break;
		case 'tokenized_card': {
			const token = validate.required(this.getNodeParameter('tokenizedCardToken', i), 'Card Token');
			const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
			const lastFour = String(extra.walletCardLastFour ?? '');
			if (lastFour && !/^\d{4}$/.test(lastFour))
				throw new InputError('Wallet Card Last 4', 'must be 4 digits');
			plan.instrument = {
				type,
				token,
				...(extra.walletCardIin ? { iin: String(extra.walletCardIin) } : {}),
				...(lastFour ? { last_four_digits: lastFour } : {}),
				...(extra.walletCardExpiryMonth
					? { expiration_month: String(extra.walletCardExpiryMonth) }
					: {}),
				...(extra.walletCardExpiryYear
					? { expiration_year: String(extra.walletCardExpiryYear) }
					: {}),
			};
			plan.summary = { type, last4: lastFour || null };
			break;
		}
		case 'default_stored_instrument':
			plan.cvv = validate.cvvOf(this.getNodeParameter('cvv', i, ''), false);
			break;
		default:
			throw new InputError('Pay With', `has an unknown value "${type}"`);
	}
	return plan;
}

const PREFERENCE = ['stored_card', 'stored_paypal_account', 'stored_bank_account'];

/** The order customer's default instrument, found through the order's own payment methods. */
export function pickDefault(
	methods: PaymentMethod[],
): { method: PaymentMethod; instrument: StoredInstrument } | undefined {
	const candidates = methods.flatMap((method) =>
		(method.stored_instruments ?? [])
			.filter((s) => s.is_default)
			.map((instrument) => ({ method, instrument })),
	);
	candidates.sort(
		(a, b) => PREFERENCE.indexOf(a.instrument.type) - PREFERENCE.indexOf(b.instrument.type),
	);
	return candidates[0];
}

function noDefault(orderId: number): BigCommerceApiError {
	return new BigCommerceApiError({
		outcome: 'failed',
		code: null,
		reason: 'no_default_instrument',
		message: `The customer of order ${orderId} has no default stored instrument that this store can charge (a guest order has none)`,
		remedy:
			'Pay with a specific instrument instead, or have the customer save a default card at checkout.',
		retryable: false,
		httpStatus: null,
	});
}

function localFailure(reason: string, message: string, remedy: string): BigCommerceApiError {
	return new BigCommerceApiError({
		outcome: 'failed',
		code: null,
		reason,
		message,
		remedy,
		retryable: false,
		httpStatus: null,
	});
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
	state: ProcessState,
): Promise<IDataObject> {
	const p = plan.call(this, i);
	const options = this.getNodeParameter('additionalFields', i, {}) as {
		isRecurring?: boolean;
		timeout?: number;
	};
	const source = this.getNodeParameter('accessTokenSource', i) as string;
	let providedToken: string | undefined;
	if (source === 'input') {
		providedToken = validate.required(
			this.getNodeParameter('paymentAccessToken', i),
			'Payment Access Token',
		);
		const claims = decodePat(providedToken);
		if (claims.orderId !== undefined && claims.orderId !== p.orderId) {
			throw new InputError(
				'Payment Access Token',
				`was created for order ${claims.orderId}, not order ${p.orderId}`,
			);
		}
		if (claims.exp !== undefined && claims.exp * 1000 <= DateTime.utc().toMillis()) {
			throw localFailure(
				'token_expired',
				`The payment access token for order ${p.orderId} expired at ${claims.expiresAt}`,
				'Create a new payment access token, or use Access Token Source: Create Automatically.',
			);
		}
		if (state.spentTokens.has(providedToken)) {
			throw localFailure(
				'token_already_used',
				`This payment access token was already used in this execution (order ${p.orderId})`,
				'A payment access token pays once: create a new one for each attempt.',
			);
		}
	}

	// Everything above sent nothing. From here on requests go out.
	if (!p.instrument) {
		const methods = await getPaymentMethods.call(this, connection, { order_id: p.orderId });
		const chosen = pickDefault(methods);
		if (!chosen) throw noDefault(p.orderId);
		const needsCvv =
			chosen.instrument.type === 'stored_card' &&
			(chosen.method.supported_instruments ?? []).some(
				(s) => s.instrument_type === 'STORED_CARD' && s.verification_value_required,
			);
		if (needsCvv && !p.cvv) {
			throw localFailure(
				'verification_value_required',
				`Payment method ${chosen.method.id} requires the CVV of the stored card ending ${String(chosen.instrument.last_4 ?? '')}`,
				'Fill in CVV, or pay with another instrument.',
			);
		}
		p.paymentMethodId = chosen.method.id;
		p.instrument = {
			type: chosen.instrument.type,
			token: chosen.instrument.token,
			...(p.cvv && chosen.instrument.type === 'stored_card' ? { verification_value: p.cvv } : {}),
		};
		p.summary = summarizeStored(chosen.instrument);
	}
	const paymentMethodId = p.paymentMethodId as string;

	const token =
		providedToken ??
		(await createPaymentAccessToken.call(
			this,
			connection,
			p.orderId,
			options.isRecurring === true,
		));
	state.spentTokens.add(token);
	state.paymentMethodId = paymentMethodId;
	const result = await paymentsRequest.call(
		this,
		connection,
		token,
		{
			payment: {
				instrument: p.instrument,
				payment_method_id: paymentMethodId,
				...(p.saveInstrument ? { save_instrument: true } : {}),
			},
		},
		options.timeout,
	);

	const json: IDataObject = {
		outcome: 'approved',
		orderId: p.orderId,
		paymentId: result.id,
		status: result.status,
		transactionType: result.transactionType,
		paymentMethodId,
		instrument: p.summary,
	};
	if (p.saveInstrument) {
		// The charge succeeded; failing to read back the saved card must not turn it into a failure.
		try {
			const methods = await getPaymentMethods.call(this, connection, { order_id: p.orderId });
			const saved = methods
				.find((m) => m.id === paymentMethodId)
				?.stored_instruments?.find(
					(s) =>
						s.type === 'stored_card' &&
						s.last_4 === p.summary.last4 &&
						s.expiry_month === p.summary.expiryMonth &&
						s.expiry_year === p.summary.expiryYear,
				);
			json.savedInstrument = saved ? summarizeStored(saved) : null;
		} catch (error) {
			json.savedInstrument = null;
			json.savedInstrumentError =
				error instanceof BigCommerceApiError ? error.details.message : 'lookup failed';
		}
	}
	return json;
}
