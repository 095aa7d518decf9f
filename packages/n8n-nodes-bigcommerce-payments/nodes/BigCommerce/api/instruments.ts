import type { IDataObject } from 'n8n-workflow';

/** The stored instrument types, as BigCommerce names them. */
export type StoredInstrumentType = 'stored_card' | 'stored_paypal_account' | 'stored_bank_account';

/**
 * What a payment charges, in the node's own terms; instrumentBody spells it as the `instrument` of
 * POST /payments. `type` keeps BigCommerce's instrument type names: they are also the values of the
 * Pay With field and of the outputs.
 */
export type Instrument =
	| {
			type: 'card';
			number: string;
			cardholderName: string;
			expiryMonth: number;
			expiryYear: number;
			cvv?: string;
	  }
	| { type: StoredInstrumentType; token: string; cvv?: string }
	| {
			type: 'tokenized_card';
			token: string;
			/** what the wallet tells of the card, for the gateway's checks */
			iin?: string;
			lastFour?: string;
			expirationMonth?: string;
			expirationYear?: string;
	  }
	| { type: 'gift_certificate'; code: string }
	| { type: 'store_credit' };

/** A field left unset is left out of the body, never sent empty. */
const ifSet = (key: string, value: string | undefined): IDataObject =>
	value ? { [key]: value } : {};

export function instrumentBody(instrument: Instrument): IDataObject {
	switch (instrument.type) {
		case 'card':
			return {
				type: instrument.type,
				number: instrument.number,
				cardholder_name: instrument.cardholderName,
				expiry_month: instrument.expiryMonth,
				expiry_year: instrument.expiryYear,
				...ifSet('verification_value', instrument.cvv),
			};
		case 'tokenized_card':
			return {
				type: instrument.type,
				token: instrument.token,
				...ifSet('iin', instrument.iin),
				...ifSet('last_four_digits', instrument.lastFour),
				...ifSet('expiration_month', instrument.expirationMonth),
				...ifSet('expiration_year', instrument.expirationYear),
			};
		case 'gift_certificate':
			return { type: instrument.type, gift_certificate_code: instrument.code };
		case 'store_credit':
			return { type: instrument.type };
		default:
			return {
				type: instrument.type,
				token: instrument.token,
				...ifSet('verification_value', instrument.cvv),
			};
	}
}
