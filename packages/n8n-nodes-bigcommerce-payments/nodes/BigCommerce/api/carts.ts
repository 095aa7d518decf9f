import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';

/** A catalog product to put in the cart; a product with options needs its variant. */
export interface CartProduct {
	productId: number;
	quantity: number;
	variantId?: number;
	/** option ID and the value's ID (or text, for a text option) */
	options: { optionId: number; value: number | string }[];
}

export interface CartCustomItem {
	name: string;
	sku: string;
	quantity: number;
	listPrice: number;
}

/** A new cart in the node's own terms; cartBody spells it as BigCommerce's. */
export interface NewCart {
	customerId?: number;
	products: CartProduct[];
	customItems: CartCustomItem[];
	channelId?: number;
	/** ISO 4217 */
	currency?: string;
	locale?: string;
}

const lineItem = (p: CartProduct): IDataObject => ({
	product_id: p.productId,
	quantity: p.quantity,
	...(p.variantId !== undefined ? { variant_id: p.variantId } : {}),
	...(p.options.length
		? {
				option_selections: p.options.map((o) => ({ option_id: o.optionId, option_value: o.value })),
			}
		: {}),
});

const customItem = (c: CartCustomItem): IDataObject => ({
	name: c.name,
	sku: c.sku,
	quantity: c.quantity,
	list_price: c.listPrice,
});

/** The body of POST /v3/carts: an empty list or an unset option is left out. */
function cartBody(cart: NewCart): IDataObject {
	const body: IDataObject = {};
	if (cart.customerId !== undefined) body.customer_id = cart.customerId;
	if (cart.products.length) body.line_items = cart.products.map(lineItem);
	if (cart.customItems.length) body.custom_items = cart.customItems.map(customItem);
	if (cart.channelId !== undefined) body.channel_id = cart.channelId;
	if (cart.currency) body.currency = { code: cart.currency };
	if (cart.locale) body.locale = cart.locale;
	return body;
}

/** A cart as BigCommerce returns it; its id is also the checkout id. */
export interface Cart extends IDataObject {
	id: string;
	customer_id: number;
	line_items: {
		physical_items: IDataObject[];
		digital_items: IDataObject[];
		custom_items: IDataObject[];
	};
	cart_amount: number;
}

/**
 * POST /v3/carts, 201 `{data: Cart}`. Not repeated after a lost answer: a second cart is only
 * clutter, but the caller would not know which one the customer's items are in.
 */
export async function createCart(
	this: ApiContext,
	connection: StoreConnection,
	cart: NewCart,
): Promise<Cart> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: '/v3/carts',
		body: cartBody(cart),
		idempotent: false,
	});
	return (response.body as { data: Cart }).data;
}

/** The physical items of a cart, by the ids a consignment names them with. */
export function physicalItems(cart: { line_items?: Cart['line_items'] }): IDataObject[] {
	return cart.line_items?.physical_items ?? [];
}
