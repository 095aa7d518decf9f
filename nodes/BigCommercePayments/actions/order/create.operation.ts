import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, parseJson } from '../../helpers/validation';
import type { StoreConnection } from '../../transport/connection';
import { managementRequest } from '../../transport/request';

const show = { resource: ['order'], operation: ['create'] };

const addressFields: INodeProperties[] = [
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'United States',
	},
	{
		displayName: 'Country Code',
		name: 'country_iso2',
		type: 'string',
		default: '',
		placeholder: 'US',
		description: 'Two-letter ISO 3166-1 code',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Street 1', name: 'street_1', type: 'string', default: '' },
	{ displayName: 'Street 2', name: 'street_2', type: 'string', default: '' },
	{ displayName: 'ZIP', name: 'zip', type: 'string', default: '' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'JSON Parameters',
		name: 'jsonParameters',
		type: 'boolean',
		default: false,
		description: "Whether to send the whole order body as JSON (BigCommerce's V2 order format)",
		displayOptions: { show },
	},
	{
		displayName: 'Order (JSON)',
		name: 'bodyJson',
		type: 'json',
		default:
			'{\n  "status_id": 0,\n  "customer_id": 0,\n  "billing_address": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "zip": "78701", "country_iso2": "US"},\n  "products": [{"name": "Invoice #1001", "quantity": 1, "price_inc_tax": 25, "price_ex_tax": 25}]\n}',
		description:
			"An order in BigCommerce's V2 format. status_id defaults to 0 (Incomplete) so the order can be paid.",
		displayOptions: { show: { ...show, jsonParameters: [true] } },
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'number',
		default: 0,
		description:
			'The BigCommerce customer. 0 makes a guest order (guests have no stored instruments or store credit).',
		displayOptions: { show: { ...show, jsonParameters: [false] } },
	},
	{
		displayName: 'Billing Address',
		name: 'billingAddress',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		required: true,
		displayOptions: { show: { ...show, jsonParameters: [false] } },
		options: addressFields,
	},
	{
		displayName: 'Line Items',
		name: 'lineItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line Item',
		default: {},
		description: 'What the order charges for: the payment takes the total of these',
		displayOptions: { show: { ...show, jsonParameters: [false] } },
		options: [
			{
				displayName: 'Custom Item',
				name: 'customItems',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'Invoice #1001',
					},
					{
						displayName: 'Price',
						name: 'price',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
						description: "Unit price in the store's currency (not cents)",
					},
					{
						displayName: 'Price Includes Tax',
						name: 'priceIncludesTax',
						type: 'boolean',
						default: true,
						description: 'Whether Price is the tax-inclusive price',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
					},
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
					{
						displayName: 'Tax Per Unit',
						name: 'tax',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
					},
				],
			},
			{
				displayName: 'Catalog Product',
				name: 'catalogProducts',
				values: [
					{ displayName: 'Product ID', name: 'productId', type: 'number', default: 0 },
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
					},
					{
						displayName: 'Options',
						name: 'options',
						type: 'string',
						default: '',
						placeholder: '7=M, 9=Blue',
						description: 'Product options as option ID = value, separated by commas',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...show, jsonParameters: [false] } },
		options: [
			{ displayName: 'Customer Message', name: 'customer_message', type: 'string', default: '' },
			{
				displayName: 'External Source',
				name: 'external_source',
				type: 'string',
				default: '',
				description: 'A label for the system that created the order',
			},
			{
				displayName: 'Shipping Address',
				name: 'shippingAddress',
				type: 'collection',
				placeholder: 'Add Address Field',
				default: {},
				options: [
					...addressFields,
					{ displayName: 'Shipping Method', name: 'shipping_method', type: 'string', default: '' },
				],
			},
			{ displayName: 'Staff Notes', name: 'staff_notes', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status_id',
				type: 'options',
				default: 0,
				description: 'Only an Incomplete order can be paid through the Payments API',
				options: [
					{ name: 'Incomplete (to Be Paid Here)', value: 0 },
					{ name: 'Pending', value: 1 },
					{ name: 'Awaiting Payment', value: 7 },
				],
			},
		],
	},
];

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

function bodyFromFields(this: IExecuteFunctions, i: number): IDataObject {
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

function bodyFromJson(this: IExecuteFunctions, i: number): IDataObject {
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

export async function execute(
	this: IExecuteFunctions,
	i: number,
	connection: StoreConnection,
): Promise<IDataObject> {
	const body = (this.getNodeParameter('jsonParameters', i, false) as boolean)
		? bodyFromJson.call(this, i)
		: bodyFromFields.call(this, i);
	// Not idempotent: a lost answer could mean a created order, and a retry would make a second one.
	const response = await managementRequest.call(this, connection, {
		method: 'POST',
		path: '/v2/orders',
		body,
		idempotent: false,
	});
	return response.body as IDataObject;
}
