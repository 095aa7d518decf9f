import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Cart, Checkout, CheckoutAddress, ShippingOption, StoreConnection } from '../../api';
import {
	BigCommerceApiError,
	addConsignments,
	createCart,
	localFailure,
	physicalItems,
	postCheckoutOrderOnce,
	selectShippingOption,
	setBillingAddress,
} from '../../api';
import { cartProperties, readCart } from '../cart/fields';
import type { OperationContext } from '../node.type';
import { orderOutput } from './createOrder.operation';
import { addressField, readAddress } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['toOrder'] } },
	[
		...cartProperties,
		{
			...addressField('billingAddress', 'Billing Address', 'Email and Country Code are required'),
			required: true,
		},
		{
			...addressField(
				'shippingAddress',
				'Shipping Address',
				'Where the physical items go; the billing address when empty',
			),
		},
		{
			displayName: 'Shipping Option',
			name: 'shippingChoice',
			type: 'options',
			default: 'cheapest',
			options: [
				{ name: 'Cheapest', value: 'cheapest' },
				{ name: 'Named', value: 'named' },
			],
		},
		{
			displayName: 'Shipping Option Name or ID',
			name: 'shippingOptionName',
			type: 'string',
			default: '',
			placeholder: 'Flat Rate',
			description: "The option's ID or its description, as the store names it",
			displayOptions: { show: { shippingChoice: ['named'] } },
		},
	],
);

function chooseOption(
	this: IExecuteFunctions,
	i: number,
	options: ShippingOption[],
): ShippingOption | undefined {
	if (this.getNodeParameter('shippingChoice', i) === 'named') {
		const wanted = String(this.getNodeParameter('shippingOptionName', i, ''))
			.trim()
			.toLowerCase();
		return options.find(
			(o) => o.id.toLowerCase() === wanted || o.description.toLowerCase() === wanted,
		);
	}
	return [...options].sort((a, b) => Number(a.cost) - Number(b.cost))[0];
}

/**
 * Cart → billing address → one consignment → a shipping option → the order, for the common case.
 * A failure after the cart exists names the checkout, so the steps can be finished one by one
 * with the Checkout operations instead of making a second cart.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const cartInput = readCart.call(this, i);
	const billing = readAddress.call(this, i, 'billingAddress', 'Billing Address');
	const shippingRaw = this.getNodeParameter('shippingAddress', i, {}) as IDataObject;
	const shipping = Object.values(shippingRaw).some((v) => String(v ?? '').trim())
		? readAddress.call(this, i, 'shippingAddress', 'Shipping Address')
		: billing;
	const cart = await createCart.call(this, connection, cartInput);
	const checkoutId = cart.id;
	const done = await finish.call(this, i, connection, checkoutId, cart, billing, shipping).then(
		(output) => ({ output }),
		(error: unknown) => ({ error }),
	);
	if ('output' in done) return done.output;
	const { error } = done;
	if (error instanceof BigCommerceApiError && !error.details.message.includes(checkoutId)) {
		error.details.message = `${error.details.message} (checkout ${checkoutId})`;
		error.message = error.details.message;
	}
	throw error;
}

async function finish(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
	checkoutId: string,
	cart: Cart,
	billing: CheckoutAddress,
	shipping: CheckoutAddress,
): Promise<IDataObject> {
	let option: ShippingOption | undefined;
	let checkout: Checkout = await setBillingAddress.call(this, connection, checkoutId, billing);
	const items = physicalItems(cart);
	if (items.length) {
		checkout = await addConsignments.call(this, connection, checkoutId, [
			{ address: shipping, items },
		]);
		const consignment = checkout.consignments?.[0];
		const options = consignment?.available_shipping_options ?? [];
		option = chooseOption.call(this, i, options);
		if (!consignment || !option) {
			throw localFailure(
				'no_shipping_option',
				options.length
					? `No shipping option of checkout ${checkoutId} matches "${String(this.getNodeParameter('shippingOptionName', i, ''))}" (offered: ${options.map((o) => o.description).join(', ')})`
					: `BigCommerce offered no shipping option for checkout ${checkoutId}`,
				'Check the shipping address, or choose an offered option; then finish with Checkout → Select Shipping Option and Create Order.',
			);
		}
		checkout = await selectShippingOption.call(
			this,
			connection,
			checkoutId,
			consignment.id,
			option.id,
		);
	}
	// The cart was made by this run a moment ago: nobody else knows it to make an order of it, and
	// Process claims the order before paying it.
	const made = await postCheckoutOrderOnce.call(this, connection, checkoutId);
	const result = { ...made, existing: false, checkout };
	return {
		...orderOutput(checkoutId, result),
		shippingOption: option
			? { id: option.id, description: option.description, cost: option.cost }
			: null,
	};
}
