import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CartCustomItem, CartProduct, NewCart } from '../../api';
import { InputError, optionPairs, orderId } from '../../helpers/validation';
import { customerIdField } from '../common.descriptions';
import { locatorValue } from '../parameters';

/** The cart's fields, shared by Cart → Create and Checkout → Checkout to Order. */
export const cartProperties: INodeProperties[] = [
	{
		...customerIdField(
			'The shopper. Needed to charge a stored instrument later: an instrument belongs to its customer. Empty or 0 makes a guest cart.',
		),
		required: false,
	},
	{
		displayName: 'Line Items',
		name: 'cartItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line Item',
		default: {},
		options: [
			{
				displayName: 'Catalog Product',
				name: 'products',
				values: [
					{ displayName: 'Product ID', name: 'productId', type: 'number', default: 0 },
					{
						displayName: 'Variant ID',
						name: 'variantId',
						type: 'number',
						default: 0,
						description: 'The variant to buy; required when the product has options',
					},
					{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1 },
					{
						displayName: 'Option Selections',
						name: 'options',
						type: 'string',
						default: '',
						placeholder: '12=104, 13=110',
						description: 'Option ID = option value ID (or text) pairs, separated by commas',
					},
				],
			},
			{
				displayName: 'Custom Item',
				name: 'customItems',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1 },
					{
						displayName: 'List Price',
						name: 'listPrice',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
					},
				],
			},
		],
	},
	{
		displayName: 'Cart Options',
		name: 'cartOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Channel ID',
				name: 'channelId',
				type: 'number',
				default: 1,
				description: 'The storefront channel; 1 is the default storefront',
			},
			{
				displayName: 'Currency Code',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'USD',
				description: "ISO 4217 code; the store's default currency when empty",
			},
			{ displayName: 'Locale', name: 'locale', type: 'string', default: '', placeholder: 'en-US' },
		],
	},
];

const positive = (value: unknown, field: string) => {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1)
		throw new InputError(field, 'must be a whole number of at least 1');
	return n;
};

/** The cart from the editor's fields, checked before anything is sent. */
export function readCart(this: IExecuteFunctions, i: number): NewCart {
	const given = locatorValue.call(this, 'customerId', i);
	const customer = typeof given === 'string' ? given.trim() : given;
	const customerId =
		customer !== '' && customer !== undefined && customer !== null && String(customer) !== '0'
			? orderId(customer, 'Customer')
			: undefined;
	const items = this.getNodeParameter('cartItems', i, {}) as {
		products?: IDataObject[];
		customItems?: IDataObject[];
	};
	const products: CartProduct[] = (items.products ?? []).map((p, n) => {
		const at = `Line Items → Catalog Product ${n + 1}`;
		// A value that is a number is the option value's ID; anything else is text the shopper typed.
		const options = optionPairs(
			String(p.options ?? ''),
			`${at} → Option Selections`,
			'write option ID = value ID (or text), such as 12=104',
		).map(({ id, value }) => ({
			optionId: id,
			value: /^\d+$/.test(value) ? Number(value) : value,
		}));
		return {
			productId: positive(p.productId, `${at} → Product ID`),
			quantity: positive(p.quantity, `${at} → Quantity`),
			variantId: Number(p.variantId) > 0 ? positive(p.variantId, `${at} → Variant ID`) : undefined,
			options,
		};
	});
	const customItems: CartCustomItem[] = (items.customItems ?? []).map((c, n) => {
		const at = `Line Items → Custom Item ${n + 1}`;
		const name = String(c.name ?? '').trim();
		if (!name) throw new InputError(`${at} → Name`, 'is required');
		const price = Number(c.listPrice);
		if (!Number.isFinite(price) || price < 0)
			throw new InputError(`${at} → List Price`, 'must be zero or more');
		return {
			name,
			sku: String(c.sku ?? '').trim() || name,
			quantity: positive(c.quantity, `${at} → Quantity`),
			listPrice: price,
		};
	});
	if (!products.length && !customItems.length)
		throw new InputError('Line Items', 'needs at least one catalog product or custom item');
	const options = this.getNodeParameter('cartOptions', i, {}) as IDataObject;
	const channelId =
		options.channelId !== undefined
			? positive(options.channelId, 'Cart Options → Channel ID')
			: undefined;
	const currency = String(options.currency ?? '')
		.trim()
		.toUpperCase();
	if (currency && !/^[A-Z]{3}$/.test(currency))
		throw new InputError('Cart Options → Currency Code', 'must be three letters, such as USD');
	const locale = options.locale ? String(options.locale) : undefined;
	return { customerId, products, customItems, channelId, currency, locale };
}
