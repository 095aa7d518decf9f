import type { Ctx, Reply } from './http';
import { familyError } from './http';

export function storedInstruments(ctx: Ctx): Reply {
	const customer = ctx.store.customers.get(Number(ctx.params[0]));
	if (!customer) return familyError('v3', 404, 'Customer not found');
	// BigCommerce answers this one endpoint with a bare array, no `data` envelope.
	return {
		status: 200,
		body: customer.instruments.map((i) => {
			if (i.type === 'stored_card') {
				return {
					type: i.type,
					token: i.token,
					is_default: i.isDefault,
					brand: i.brand,
					expiry_month: i.expiryMonth,
					expiry_year: i.expiryYear,
					issuer_identification_number: i.iin,
					last_4: i.last4,
					billing_address: {
						first_name: customer.firstName,
						last_name: customer.lastName,
						email: customer.email,
					},
				};
			}
			if (i.type === 'stored_paypal_account')
				return { type: i.type, token: i.token, is_default: i.isDefault, email: i.email };
			return {
				type: i.type,
				token: i.token,
				is_default: i.isDefault,
				masked_account_number: i.maskedAccountNumber,
				issuer: i.issuer,
			};
		}),
	};
}
