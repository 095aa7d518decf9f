import type { IDataObject } from 'n8n-workflow';

/**
 * A new order in the node's own terms, checked by the caller; orderBody spells it as BigCommerce's
 * V2 order body. Addresses and the further text fields keep the names the editor gives them, which
 * are V2's own (first_name, zip, staff_notes), so they pass as they are.
 */
export interface NewOrder {
	statusId: number;
	customerId: number;
	billingAddress: IDataObject;
	lines: OrderLine[];
	/** further V2 text fields, such as staff_notes, in the order the user gave them */
	moreFields: IDataObject;
	shippingAddress?: IDataObject;
}

/** A line the store does not sell, priced here: both prices per unit, in the store's currency. */
export interface CustomLine {
	name: string;
	quantity: number;
	priceIncTax: number;
	priceExTax: number;
	sku?: string;
}

/** A catalog product, at the store's price; options by option ID. */
export interface CatalogLine {
	productId: number;
	quantity: number;
	options: { id: number; value: string }[];
}

export type OrderLine = CustomLine | CatalogLine;

function product(line: OrderLine): IDataObject {
	if ('productId' in line)
		return {
			product_id: line.productId,
			quantity: line.quantity,
			...(line.options.length ? { product_options: line.options } : {}),
		};
	return {
		name: line.name,
		quantity: line.quantity,
		price_inc_tax: line.priceIncTax,
		price_ex_tax: line.priceExTax,
		...(line.sku ? { sku: line.sku } : {}),
	};
}

/** The body of POST /v2/orders. */
export function orderBody(order: NewOrder): IDataObject {
	return {
		status_id: order.statusId,
		customer_id: order.customerId,
		billing_address: order.billingAddress,
		products: order.lines.map(product),
		...order.moreFields,
		...(order.shippingAddress ? { shipping_addresses: [order.shippingAddress] } : {}),
	};
}
