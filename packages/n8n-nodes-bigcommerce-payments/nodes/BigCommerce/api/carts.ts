import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from './request';
import { managementRequest } from './request';
import type { StoreConnection } from './store';

export interface CartLineItem extends IDataObject {
	product_id: number;
	quantity: number;
	variant_id?: number;
	option_selections?: { option_id: number; option_value: number | string }[];
	list_price?: number;
	name?: string;
}

export interface CartCustomItem extends IDataObject {
	sku: string;
	name: string;
	quantity: number;
	list_price: number;
}

export interface CartInput extends IDataObject {
	customer_id?: number;
	line_items?: CartLineItem[];
	custom_items?: CartCustomItem[];
	channel_id?: number;
	currency?: { code: string };
	locale?: string;
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
	cart: CartInput,
): Promise<Cart> {
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: '/v3/carts',
		body: cart,
		idempotent: false,
	});
	return (response.body as { data: Cart }).data;
}

/** The physical items of a cart, by the ids a consignment names them with. */
export function physicalItems(cart: { line_items?: Cart['line_items'] }): IDataObject[] {
	return cart.line_items?.physical_items ?? [];
}
