import type { Ctx } from './http';
import { isInt, isObject } from './http';
import type { Order, OrderProduct } from './store';
import { toCents } from './store';

const ADDRESS_FIELDS = [
	'first_name',
	'last_name',
	'company',
	'street_1',
	'street_2',
	'city',
	'state',
	'zip',
	'country',
	'country_iso2',
	'phone',
	'email',
];

export function validAddress(value: unknown, field: string): string | undefined {
	if (!isObject(value)) return `The field '${field}' is invalid.`;
	for (const key of Object.keys(value)) {
		if (!ADDRESS_FIELDS.includes(key) && key !== 'shipping_method')
			return `The field '${field}.${key}' cannot be written to. Please remove it from your request before trying again.`;
	}
	const zip = value.zip;
	if (zip !== undefined && (typeof zip !== 'string' || zip.length < 2))
		return `The field '${field}.zip' is invalid.`;
	return undefined;
}

export function price(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
	return undefined;
}

export function buildProducts(
	ctx: Ctx,
	orderId: number,
	products: unknown,
): OrderProduct[] | string {
	if (!Array.isArray(products) || products.length === 0) return "The field 'products' is invalid.";
	const out: OrderProduct[] = [];
	for (const [index, p] of products.entries()) {
		const at = `products[${index}]`;
		if (!isObject(p)) return `The field '${at}' is invalid.`;
		if (!isInt(p.quantity) || p.quantity < 1) return `The field '${at}.quantity' is invalid.`;
		if (p.product_id !== undefined) {
			if (!isInt(p.product_id)) return `The field '${at}.product_id' is invalid.`;
			const product = ctx.store.products.get(p.product_id);
			if (!product) return `The product with id ${p.product_id} does not exist.`;
			const options = Array.isArray(p.product_options) ? p.product_options : [];
			for (const o of options) {
				const def = product.options?.find((d) => isObject(o) && d.id === o.id);
				if (!isObject(o) || !def || !def.values.includes(String(o.value)))
					return `The field '${at}.product_options' is invalid.`;
			}
			if (product.options?.length && options.length === 0 && p.variant_id === undefined) {
				return `The product '${product.name}' requires product_options.`;
			}
			const inc = p.price_inc_tax !== undefined ? price(p.price_inc_tax) : product.price;
			const ex = p.price_ex_tax !== undefined ? price(p.price_ex_tax) : product.price;
			if (inc === undefined || ex === undefined)
				return `The field '${at}.price_inc_tax' is invalid.`;
			out.push({
				id: ctx.store.nextOrderProductId++,
				order_id: orderId,
				product_id: product.id,
				name: typeof p.name === 'string' ? p.name : product.name,
				sku: product.sku,
				quantity: p.quantity,
				price_ex_tax: ex,
				price_inc_tax: inc,
				product_options: options as { id: number; value: string }[],
			});
			continue;
		}
		const name = p.name ?? p.name_customer;
		if (typeof name !== 'string' || name.length < 1 || name.length > 250)
			return `The field '${at}.name' is invalid.`;
		const inc = price(p.price_inc_tax);
		const ex = price(p.price_ex_tax);
		if (inc === undefined) return `The field '${at}.price_inc_tax' is invalid.`;
		if (ex === undefined) return `The field '${at}.price_ex_tax' is invalid.`;
		out.push({
			id: ctx.store.nextOrderProductId++,
			order_id: orderId,
			product_id: 0,
			name,
			sku: typeof p.sku === 'string' ? p.sku : '',
			quantity: p.quantity,
			price_ex_tax: ex,
			price_inc_tax: inc,
			product_options: [],
		});
	}
	return out;
}

export function recomputeTotals(order: Order): void {
	order.total_inc_cents =
		order.shipping_cents +
		order.products.reduce((s, p) => s + toCents(p.price_inc_tax) * p.quantity, 0);
	order.total_ex_cents =
		order.shipping_cents +
		order.products.reduce((s, p) => s + toCents(p.price_ex_tax) * p.quantity, 0);
}
