import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type {
	Instrument,
	PaymentMethod,
	StoreConnection,
	StoredInstrument,
	StoredInstrumentType,
} from '../../api';
import {
	BigCommerceApiError,
	getPaymentMethods,
	localFailure,
	requiresStoredCardCvv,
} from '../../api';
import * as validate from '../../helpers/validation';
import { InputError, cardBrand } from '../../helpers/validation';
import { locatorValue } from '../parameters';

/** The instrument types for which the user picks the payment method. */
export const METHOD_PICKED_BY_USER = [
	'card',
	'stored_card',
	'stored_paypal_account',
	'stored_bank_account',
	'tokenized_card',
];

/** What a payment sends, and what outputs show of it. */
export interface Charge {
	readonly paymentMethodId: string;
	readonly instrument: Instrument;
	/** the instrument as outputs show it: a card only as brand, last 4 and expiry */
	readonly summary: IDataObject;
	readonly saveInstrument: boolean;
}

/** How an item pays: with an instrument it names, or with the customer's default, found when paying. */
export type InstrumentChoice =
	| { readonly kind: 'named'; readonly charge: Charge }
	| { readonly kind: 'default'; readonly cvv?: string };

const maskCode = (code: string) => (code.length > 4 ? `…${code.slice(-4)}` : '…');

/**
 * A stored instrument as outputs show it. `withToken` only where the user asked for the token
 * (a card saved by this payment); otherwise its last 4 characters tell instruments apart.
 */
export function summarizeStored(s: StoredInstrument, withToken: boolean): IDataObject {
	const token = withToken ? { token: s.token } : { tokenLast4: String(s.token ?? '').slice(-4) };
	if (s.type === 'stored_card') {
		return {
			type: s.type,
			brand: s.brand ?? null,
			last4: s.last_4 ?? null,
			expiryMonth: s.expiry_month ?? null,
			expiryYear: s.expiry_year ?? null,
			...token,
		};
	}
	if (s.type === 'stored_paypal_account') return { type: s.type, email: s.email ?? null, ...token };
	return {
		type: s.type,
		maskedAccountNumber: s.masked_account_number ?? null,
		issuer: s.issuer ?? null,
		...token,
	};
}

function newCard(this: IExecuteFunctions, i: number, paymentMethodId: string): Charge {
	const card = validate.card({
		number: this.getNodeParameter('cardNumber', i),
		cardholderName: this.getNodeParameter('cardholderName', i),
		expiryMonth: this.getNodeParameter('expiryMonth', i),
		expiryYear: this.getNodeParameter('expiryYear', i),
		cvv: this.getNodeParameter('cvv', i, ''),
	});
	return {
		paymentMethodId,
		instrument: { type: 'card', ...card },
		summary: {
			type: 'card',
			brand: cardBrand(card.number),
			last4: card.number.slice(-4),
			expiryMonth: card.expiryMonth,
			expiryYear: card.expiryYear,
		},
		saveInstrument: this.getNodeParameter('saveInstrument', i, false) as boolean,
	};
}

function storedInstrument(
	this: IExecuteFunctions,
	i: number,
	type: StoredInstrumentType,
	paymentMethodId: string,
): Charge {
	const token = validate.storedToken(
		locatorValue.call(this, 'storedToken', i),
		'Stored Instrument Token',
	);
	const cvv =
		type === 'stored_card' ? validate.cvvOf(this.getNodeParameter('cvv', i, '')) : undefined;
	return {
		paymentMethodId,
		instrument: { type, token, cvv },
		// Outputs name it as the default instrument's do: the token is a secret, its last 4 are not.
		summary: { type, tokenLast4: token.slice(-4) },
		saveInstrument: false,
	};
}

function tokenizedCard(this: IExecuteFunctions, i: number, paymentMethodId: string): Charge {
	const token = validate.required(this.getNodeParameter('tokenizedCardToken', i), 'Card Token');
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const lastFour = validate.textOf(extra.walletCardLastFour, 'Wallet Card Last 4');
	if (lastFour && !/^\d{4}$/.test(lastFour))
		throw new InputError('Wallet Card Last 4', 'must be 4 digits');
	return {
		paymentMethodId,
		instrument: {
			type: 'tokenized_card',
			token,
			iin: validate.textOf(extra.walletCardIin, 'Wallet Card IIN'),
			lastFour,
			expirationMonth: validate.textOf(extra.walletCardExpiryMonth, 'Wallet Card Expiry Month'),
			expirationYear: validate.textOf(extra.walletCardExpiryYear, 'Wallet Card Expiry Year'),
		},
		summary: { type: 'tokenized_card', last4: lastFour || null },
		saveInstrument: false,
	};
}

/** Reads and checks every parameter of the item's instrument. Sends nothing. */
export function readInstrument(this: IExecuteFunctions, i: number): InstrumentChoice {
	const type = validate.textOf(this.getNodeParameter('instrumentType', i), 'Pay With');
	const method = () =>
		validate.required(locatorValue.call(this, 'paymentMethodId', i), 'Payment Method');
	const named = (charge: Charge): InstrumentChoice => ({ kind: 'named', charge });
	switch (type) {
		case 'card':
			return named(newCard.call(this, i, method()));
		case 'stored_card':
		case 'stored_paypal_account':
		case 'stored_bank_account':
			return named(storedInstrument.call(this, i, type, method()));
		case 'tokenized_card':
			return named(tokenizedCard.call(this, i, method()));
		case 'gift_certificate': {
			const code = validate.required(
				this.getNodeParameter('giftCertificateCode', i),
				'Gift Certificate Code',
			);
			return named({
				paymentMethodId: 'bigcommerce.gift_certificate',
				instrument: { type, code },
				summary: { type, code: maskCode(code) },
				saveInstrument: false,
			});
		}
		case 'store_credit':
			return named({
				paymentMethodId: 'bigcommerce.store_credit',
				instrument: { type },
				summary: { type },
				saveInstrument: false,
			});
		case 'default_stored_instrument':
			return { kind: 'default', cvv: validate.cvvOf(this.getNodeParameter('cvv', i, '')) };
		default:
			throw new InputError('Pay With', `has an unknown value "${type}"`);
	}
}

/** The charge with the customer's default instrument, once it has been looked up. */
export function defaultCharge(
	orderId: number,
	chosen: { method: PaymentMethod; instrument: StoredInstrument } | undefined,
	cvv: string | undefined,
): Charge {
	if (!chosen) {
		throw localFailure(
			'no_default_instrument',
			`The customer of order ${orderId} has no default stored instrument that this store can charge (a guest order has none)`,
			'Pay with a specific instrument instead, or have the customer save a default card at checkout.',
		);
	}
	const { method, instrument } = chosen;
	const isCard = instrument.type === 'stored_card';
	if (isCard && requiresStoredCardCvv(method) && !cvv) {
		throw localFailure(
			'verification_value_required',
			`Payment method ${method.id} requires the CVV of the stored card ending ${String(instrument.last_4 ?? '')}`,
			'Fill in CVV, or pay with another instrument.',
		);
	}
	return {
		paymentMethodId: method.id,
		// A CVV goes with a stored card only.
		instrument: {
			type: instrument.type as StoredInstrumentType,
			token: instrument.token,
			cvv: isCard ? cvv : undefined,
		},
		// The user never saw this token: the output names the instrument without it.
		summary: summarizeStored(instrument, false),
		saveInstrument: false,
	};
}

/**
 * The card this payment saved, read back for its token. The charge already succeeded, so a failed
 * read-back must not turn it into a failure.
 */
export async function savedCard(
	this: IExecuteFunctions,
	connection: StoreConnection,
	orderId: number,
	charge: Charge,
): Promise<IDataObject> {
	try {
		const methods = await getPaymentMethods.call(this, connection, { order_id: orderId });
		const saved = methods
			.find((m) => m.id === charge.paymentMethodId)
			?.stored_instruments?.find(
				(s) =>
					s.type === 'stored_card' &&
					s.last_4 === charge.summary.last4 &&
					s.expiry_month === charge.summary.expiryMonth &&
					s.expiry_year === charge.summary.expiryYear,
			);
		return { savedInstrument: saved ? summarizeStored(saved, true) : null };
	} catch (error) {
		return {
			savedInstrument: null,
			savedInstrumentError:
				error instanceof BigCommerceApiError ? error.details.message : 'lookup failed',
		};
	}
}
