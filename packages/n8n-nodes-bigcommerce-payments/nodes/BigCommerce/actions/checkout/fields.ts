import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Checkout, CheckoutAddress, ShippingOption } from '../../api';
import { InputError, required } from '../../helpers/validation';

export const checkoutIdField: INodeProperties = {
	displayName: 'Checkout ID',
	name: 'checkoutId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'd4a2d8b4-6f3e-4b3b-9a9c-2b7d0f9e1c11',
	description: 'The cart ID: a cart and its checkout share one ID',
};

const addressOptions: INodeProperties[] = [
	{ displayName: 'Address Line 1', name: 'address1', type: 'string', default: '' },
	{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
	{
		displayName: 'Country Code',
		name: 'country_code',
		type: 'string',
		default: '',
		placeholder: 'US',
		description: 'Two-letter ISO 3166-1 code (required)',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Required',
	},
	{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Postal Code', name: 'postal_code', type: 'string', default: '' },
	{ displayName: 'State or Province', name: 'state_or_province', type: 'string', default: '' },
	{
		displayName: 'State or Province Code',
		name: 'state_or_province_code',
		type: 'string',
		default: '',
		placeholder: 'TX',
	},
];

/** An address in the Checkout API's own field names. */
export function addressField(
	name: string,
	displayName: string,
	description?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		...(description ? { description } : {}),
		options: addressOptions,
	};
}

/** Email and country code are what BigCommerce requires of every checkout address. */
export function readAddress(
	this: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
): CheckoutAddress {
	const raw = this.getNodeParameter(name, i, {}) as IDataObject;
	const address: IDataObject = {};
	for (const [key, value] of Object.entries(raw)) {
		const text = String(value ?? '').trim();
		if (text) address[key] = text;
	}
	required(address.email, `${label} → Email`);
	const country = required(address.country_code, `${label} → Country Code`).toUpperCase();
	if (!/^[A-Z]{2}$/.test(country))
		throw new InputError(`${label} → Country Code`, 'must be two letters, such as US');
	address.country_code = country;
	return address as CheckoutAddress;
}

/** Every consignment's options, flat, each naming its consignment: what Select Shipping Option asks for. */
export function shippingOptionsOf(checkout: Checkout): IDataObject[] {
	return (checkout.consignments ?? []).flatMap((c) =>
		(c.available_shipping_options ?? []).map((o: ShippingOption) => ({
			consignmentId: c.id,
			id: o.id,
			description: o.description,
			cost: o.cost,
			type: o.type ?? null,
		})),
	);
}

/** The totals a payment step needs, from a checkout. */
export function totalsOf(checkout: Checkout): IDataObject {
	return {
		currency: checkout.cart?.currency?.code ?? null,
		grandTotal: checkout.grand_total ?? null,
		subtotal: checkout.subtotal_inc_tax ?? null,
		taxTotal: checkout.tax_total ?? null,
		shippingTotal: checkout.shipping_cost_total_inc_tax ?? null,
	};
}
