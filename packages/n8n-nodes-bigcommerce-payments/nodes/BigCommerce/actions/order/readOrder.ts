import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CatalogLine, CustomLine, NewOrder, OrderLine } from '../../api';
import { InputError, numberOf, optionPairs, parseJson, textOf } from '../../helpers/validation';

/**
 * Reads the order from the editor's fields (the API room spells it as BigCommerce's body) or takes
 * the user's own V2 body from JSON, checking every value's type and range before anything is sent:
 * an expression that yields an object, a list or a boolean is refused with the field named, never
 * sent as `null` or "[object Object]".
 */
const INT_MAX = 2147483647;
const MONEY_MAX = 1e9;
const QUANTITY_MAX = 1e6;

const money = (n: number) => Math.round(n * 100) / 100;
const wholeNumber = (value: unknown, field: string, min: number, max = INT_MAX) =>
	numberOf(value, field, { min, max, integer: true });
const amount = (value: unknown, field: string) =>
	numberOf(value, field, { min: 0, max: MONEY_MAX });

function customItem(item: IDataObject, label: string): CustomLine {
	const name = textOf(item.name, `${label} → Name`, { maxLength: 255 });
	if (name === '') throw new InputError(`${label} → Name`, 'is required');
	const quantity = wholeNumber(item.quantity, `${label} → Quantity`, 1, QUANTITY_MAX);
	const price = amount(item.price, `${label} → Price`);
	const tax = amount(item.tax ?? 0, `${label} → Tax Per Unit`);
	const inc = item.priceIncludesTax === false ? price + tax : price;
	const ex = item.priceIncludesTax === false ? price : price - tax;
	if (ex < 0)
		throw new InputError(`${label} → Tax Per Unit`, 'is larger than the tax-inclusive price');
	const sku = item.sku === undefined || item.sku === '' ? '' : textOf(item.sku, `${label} → SKU`);
	return {
		name,
		quantity,
		priceIncTax: money(inc),
		priceExTax: money(ex),
		...(sku ? { sku } : {}),
	};
}

function catalogProduct(item: IDataObject, label: string): CatalogLine {
	const productId = wholeNumber(item.productId, `${label} → Product ID`, 1);
	const quantity = wholeNumber(item.quantity, `${label} → Quantity`, 1, QUANTITY_MAX);
	const field = `${label} → Options`;
	const options = optionPairs(
		textOf(item.options ?? '', field, { maxLength: 2000 }),
		field,
		'write option ID = value, such as 7=M',
	);
	return { productId, quantity, options };
}

function lineItems(raw: IDataObject): OrderLine[] {
	const lines = [
		...((raw.customItems as IDataObject[]) ?? []).map((item, index) =>
			customItem(item, `Line Items → Custom Item ${index + 1}`),
		),
		...((raw.catalogProducts as IDataObject[]) ?? []).map((item, index) =>
			catalogProduct(item, `Line Items → Catalog Product ${index + 1}`),
		),
	];
	if (lines.length === 0)
		throw new InputError('Line Items', 'needs at least one custom item or catalog product');
	return lines;
}

/** Every address field is text; an object or a list in one is a mistake in an expression. */
function address(raw: IDataObject, label: string): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(raw)) {
		if (value === undefined || value === null || value === '') continue;
		// BigCommerce's own list of custom form answers rides along as it is.
		if (key === 'form_fields' && Array.isArray(value)) {
			out[key] = value;
			continue;
		}
		out[key] = textOf(value, `${label} → ${key}`, { maxLength: 255 });
	}
	if (out.country_iso2 !== undefined && !/^[A-Za-z]{2}$/.test(String(out.country_iso2)))
		throw new InputError(`${label} → Country Code`, 'must be two letters, such as US');
	return out;
}

export function orderFromFields(this: IExecuteFunctions, i: number): NewOrder {
	const customerId = wholeNumber(this.getNodeParameter('customerId', i, 0), 'Customer ID', 0);
	const billing = this.getNodeParameter('billingAddress', i, {}) as IDataObject;
	if (Object.keys(billing).length === 0)
		throw new InputError('Billing Address', 'is required: add at least the name, email and ZIP');
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const { shippingAddress, status_id: statusId, ...moreFields } = extra;
	for (const [key, value] of Object.entries(moreFields))
		moreFields[key] = textOf(value, key, { maxLength: 65535 });
	const order: NewOrder = {
		statusId: (statusId as number | undefined) ?? 0,
		customerId,
		billingAddress: address(billing, 'Billing Address'),
		lines: lineItems(this.getNodeParameter('lineItems', i, {}) as IDataObject),
		moreFields,
	};
	if (shippingAddress && Object.keys(shippingAddress as IDataObject).length)
		order.shippingAddress = address(shippingAddress as IDataObject, 'Shipping Address');
	return order;
}

/** A V2 product line from JSON: a catalog product, or a custom line with its prices. */
function jsonProduct(p: unknown, index: number): IDataObject {
	const label = `Order (JSON) → products[${index}]`;
	if (typeof p !== 'object' || p === null || Array.isArray(p))
		throw new InputError(label, 'must be an object');
	const product = { ...(p as IDataObject) };
	product.quantity = wholeNumber(product.quantity, `${label}.quantity`, 1, QUANTITY_MAX);
	if (product.product_id !== undefined) {
		product.product_id = wholeNumber(product.product_id, `${label}.product_id`, 1);
		return product;
	}
	if (textOf(product.name ?? '', `${label}.name`) === '')
		throw new InputError(`${label}.name`, 'is required for a product without product_id');
	for (const key of ['price_inc_tax', 'price_ex_tax'])
		product[key] = amount(product[key], `${label}.${key}`);
	return product;
}

export function bodyFromJson(this: IExecuteFunctions, i: number): IDataObject {
	const raw = this.getNodeParameter('bodyJson', i);
	const body = typeof raw === 'string' ? parseJson(raw) : raw;
	if (body === undefined) throw new InputError('Order (JSON)', 'is not valid JSON');
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw new InputError('Order (JSON)', 'must be a JSON object');
	const order = { ...(body as IDataObject) };
	order.status_id = wholeNumber(order.status_id ?? 0, 'Order (JSON) → status_id', 0, 14);
	order.customer_id = wholeNumber(order.customer_id ?? 0, 'Order (JSON) → customer_id', 0);
	if (typeof order.billing_address !== 'object' || order.billing_address === null)
		throw new InputError('Order (JSON)', 'needs a billing_address object');
	order.billing_address = address(
		order.billing_address as IDataObject,
		'Order (JSON) → billing_address',
	);
	if (!Array.isArray(order.products) || order.products.length === 0)
		throw new InputError('Order (JSON)', 'needs a non-empty products array');
	order.products = order.products.map(jsonProduct);
	return order;
}

/** The optional idempotency key: text or a number, at most 255 characters; empty means none. */
export function idempotencyKey(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const key = textOf(value, 'Idempotency Key', { maxLength: 255 });
	return key === '' ? undefined : key;
}
