import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PaymentMethod, StoredInstrument } from '../../api';
import { localFailure, requiresStoredCardCvv } from '../../api';
import * as validate from '../../helpers/validation';
import { InputError, cardBrand } from '../../helpers/validation';
import { locatorValue, orderIdOf } from '../parameters';

/** The instrument types for which the user picks the payment method. */
export const METHOD_PICKED_BY_USER = [
	'card',
	'stored_card',
	'stored_paypal_account',
	'stored_bank_account',
	'tokenized_card',
];

/** What one item will pay with: the instrument to send and the summary the output shows of it. */
export interface Plan {
	orderId: number;
	paymentMethodId?: string;
	/** absent until the customer's default instrument is looked up */
	instrument?: IDataObject;
	summary: IDataObject;
	saveInstrument: boolean;
	cvv?: string;
}

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

function newCard(this: IExecuteFunctions, i: number, plan: Plan): void {
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
		type: 'card',
		brand: cardBrand(card.number),
		last4: card.number.slice(-4),
		expiryMonth: card.expiryMonth,
		expiryYear: card.expiryYear,
	};
	plan.saveInstrument = this.getNodeParameter('saveInstrument', i, false) as boolean;
}

function tokenizedCard(this: IExecuteFunctions, i: number, plan: Plan): void {
	const token = validate.required(this.getNodeParameter('tokenizedCardToken', i), 'Card Token');
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const lastFour = validate.textOf(extra.walletCardLastFour, 'Wallet Card Last 4');
	if (lastFour && !/^\d{4}$/.test(lastFour))
		throw new InputError('Wallet Card Last 4', 'must be 4 digits');
	const optional = (value: unknown, field: string, key: string) => {
		const text = validate.textOf(value, field);
		return text ? { [key]: text } : {};
	};
	plan.instrument = {
		type: 'tokenized_card',
		token,
		...optional(extra.walletCardIin, 'Wallet Card IIN', 'iin'),
		...(lastFour ? { last_four_digits: lastFour } : {}),
		...optional(extra.walletCardExpiryMonth, 'Wallet Card Expiry Month', 'expiration_month'),
		...optional(extra.walletCardExpiryYear, 'Wallet Card Expiry Year', 'expiration_year'),
	};
	plan.summary = { type: 'tokenized_card', last4: lastFour || null };
}

/** Reads and checks every parameter of the item's instrument. Sends nothing. */
export function readInstrument(this: IExecuteFunctions, i: number): Plan {
	const orderId = orderIdOf.call(this, i);
	const type = validate.textOf(this.getNodeParameter('instrumentType', i), 'Pay With');
	const plan: Plan = { orderId, summary: { type }, saveInstrument: false };
	if (METHOD_PICKED_BY_USER.includes(type)) {
		plan.paymentMethodId = validate.required(
			locatorValue.call(this, 'paymentMethodId', i),
			'Payment Method',
		);
	}
	switch (type) {
		case 'card':
			newCard.call(this, i, plan);
			break;
		case 'stored_card':
		case 'stored_paypal_account':
		case 'stored_bank_account': {
			const token = validate.storedToken(
				locatorValue.call(this, 'storedToken', i),
				'Stored Instrument Token',
			);
			const cvv =
				type === 'stored_card' ? validate.cvvOf(this.getNodeParameter('cvv', i, '')) : undefined;
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
		case 'tokenized_card':
			tokenizedCard.call(this, i, plan);
			break;
		case 'default_stored_instrument':
			plan.cvv = validate.cvvOf(this.getNodeParameter('cvv', i, ''));
			break;
		default:
			throw new InputError('Pay With', `has an unknown value "${type}"`);
	}
	return plan;
}

/** Completes a plan with the customer's default instrument, once it has been looked up. */
export function useDefaultInstrument(
	plan: Plan,
	chosen: { method: PaymentMethod; instrument: StoredInstrument } | undefined,
): void {
	if (!chosen) {
		throw localFailure(
			'no_default_instrument',
			`The customer of order ${plan.orderId} has no default stored instrument that this store can charge (a guest order has none)`,
			'Pay with a specific instrument instead, or have the customer save a default card at checkout.',
		);
	}
	const { method, instrument } = chosen;
	const isCard = instrument.type === 'stored_card';
	if (isCard && requiresStoredCardCvv(method) && !plan.cvv) {
		throw localFailure(
			'verification_value_required',
			`Payment method ${method.id} requires the CVV of the stored card ending ${String(instrument.last_4 ?? '')}`,
			'Fill in CVV, or pay with another instrument.',
		);
	}
	plan.paymentMethodId = method.id;
	plan.instrument = {
		type: instrument.type,
		token: instrument.token,
		...(plan.cvv && isCard ? { verification_value: plan.cvv } : {}),
	};
	// The user never saw this token: the output names the instrument without it.
	plan.summary = summarizeStored(instrument, false);
}
