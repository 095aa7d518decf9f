import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getStoredInstruments } from '../../api';
import { orderId } from '../../helpers/validation';
import { customerIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { locatorValue } from '../parameters';

const properties: INodeProperties[] = [
	customerIdField('The customer whose stored cards, PayPal accounts and bank accounts to list'),
	{
		displayName:
			"The output carries each instrument's token: it is what Payment → Process charges. Treat it like a card number.",
		name: 'tokenNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getStoredInstruments'] } },
	properties,
);

/**
 * One item per instrument. This operation exists to hand out tokens, so the token is in the
 * output; of a card, only its brand, last 4 and expiry.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject[]> {
	const customerId = orderId(locatorValue.call(this, 'customerId', i), 'Customer');
	const instruments = await getStoredInstruments.call(this, connection, customerId);
	return instruments.map((s) => ({
		customerId,
		type: s.type,
		token: s.token,
		isDefault: s.is_default === true,
		...(s.type === 'stored_card'
			? {
					brand: s.brand ?? null,
					last4: s.last_4 ?? null,
					expiryMonth: s.expiry_month ?? null,
					expiryYear: s.expiry_year ?? null,
				}
			: {}),
		...(s.type === 'stored_paypal_account' ? { email: s.email ?? null } : {}),
		...(s.type === 'stored_bank_account'
			? { maskedAccountNumber: s.masked_account_number ?? null, issuer: s.issuer ?? null }
			: {}),
		...(s.billing_address ? { billingAddress: s.billing_address } : {}),
	}));
}
