import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError, parseJson } from '../../helpers/validation';

/** Builds the V2 order body from the editor's fields or from JSON, checking it before anything is sent. */
const money = (n: number) => Math.round(n * 100) / 100;

function lineItems(raw: IDataObject): IDataObject[] {
	const products: IDataObject[] = [];
	for (const [index, item] of ((raw.customItems as IDataObject[]) ?? []).entries()) {
		const name = String(item.name ?? '').trim();
		if (name === '')
			throw new InputError(`Line Items → Custom Item ${index + 1} → Name`, 'is required');
		const quantity = Number(item.quantity);
		if (!Number.isInteger(quantity) || quantity < 1)
			throw new InputError(
				`Line Items → Custom Item ${index + 1} → Quantity`,
				'must be a whole number of at least 1',
			);
		const price = Number(item.price);
		const tax = Number(item.tax ?? 0);
		if (!Number.isFinite(price) || price < 0)
			throw new InputError(`Line Items → Custom Item ${index + 1} → Price`, 'must be zero or more');
		if (!Number.isFinite(tax) || tax < 0)
			throw new InputError(
				`Line Items → Custom Item ${index + 1} → Tax Per Unit`,
				'must be zero or more',
			);
		const inc = item.priceIncludesTax === false ? price + tax : price;
		const ex = item.priceIncludesTax === false ? price : price - tax;
		if (ex < 0)
			throw new InputError(
				`Line Items → Custom Item ${index + 1} → Tax Per Unit`,
				'is larger than the tax-inclusive price',
			);
		products.push({
			name,
			quantity,
			price_inc_tax: money(inc),
			price_ex_tax: money(ex),
			...(item.sku ? { sku: item.sku } : {}),
		});
	}
	for (const [index, item] of ((raw.catalogProducts as IDataObject[]) ?? []).entries()) {
		const productId = Number(item.productId);
		if (!Number.isInteger(productId) || productId < 1)
			throw new InputError(
				`Line Items → Catalog Product ${index + 1} → Product ID`,
				'must be a positive whole number',
			);
		const quantity = Number(item.quantity);
		if (!Number.isInteger(quantity) || quantity < 1)
			throw new InputError(
				`Line Items → Catalog Product ${index + 1} → Quantity`,
				'must be a whole number of at least 1',
			);
		const options = String(item.options ?? '')
			.split(',')
			.map((pair) => pair.trim())
			.filter(Boolean)
			.map((pair) => {
				const match = /^(\d+)\s*=\s*(.+)$/.exec(pair);
				if (!match)
					throw new InputError(
						`Line Items → Catalog Product ${index + 1} → Options`,
						`has "${pair}"; write option ID = value, such as 7=M`,
					);
				return { id: Number(match[1]), value: match[2].trim() };
			});
		products.push({
			product_id: productId,
			quantity,
			...(options.length ? { product_options: options } : {}),
		});
	}
	if (products.length === 0)
		throw new InputError('Line Items', 'needs at least one custom item or catalog product');
	return products;
}

export function bodyFromFields(this: IExecuteFunctions, i: number): IDataObject {
	const customerId = Number(this.getNodeParameter('customerId', i, 0) || 0);
	if (!Number.isInteger(customerId) || customerId < 0)
		throw new InputError('Customer ID', 'must be 0 (guest) or a positive whole number');
	const billing = this.getNodeParameter('billingAddress', i, {}) as IDataObject;
	if (Object.keys(billing).length === 0)
		throw new InputError('Billing Address', 'is required: add at least the name, email and ZIP');
	if (billing.country_iso2 && !/^[A-Za-z]{2}$/.test(String(billing.country_iso2)))
		throw new InputError('Billing Address → Country Code', 'must be two letters, such as US');
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const { shippingAddress, status_id: statusId, ...rest } = extra;
	const body: IDataObject = {
		status_id: statusId ?? 0,
		customer_id: customerId,
		billing_address: billing,
		products: lineItems(this.getNodeParameter('lineItems', i, {}) as IDataObject),
		...rest,
	};
	if (shippingAddress && Object.keys(shippingAddress as IDataObject).length)
		body.shipping_addresses = [shippingAddress];
	return body;
}

export function bodyFromJson(this: IExecuteFunctions, i: number): IDataObject {
	const raw = this.getNodeParameter('bodyJson', i);
	const body = typeof raw === 'string' ? parseJson(raw) : raw;
	if (body === undefined) throw new InputError('Order (JSON)', 'is not valid JSON');
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw new InputError('Order (JSON)', 'must be a JSON object');
	const order = { ...(body as IDataObject) };
	if (order.status_id === undefined) order.status_id = 0;
	if (typeof order.billing_address !== 'object' || order.billing_address === null)
		throw new InputError('Order (JSON)', 'needs a billing_address object');
	if (!Array.isArray(order.products) || order.products.length === 0)
		throw new InputError('Order (JSON)', 'needs a non-empty products array');
	return order;
}
