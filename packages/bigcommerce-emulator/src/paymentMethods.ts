import type { Ctx, Reply } from './http';
import { familyError, invalid } from './http';
import type { SeedInstrument } from './seed';

function instrumentForMethodList(i: SeedInstrument) {
	if (i.type === 'stored_card') {
		return {
			type: 'stored_card',
			brand: i.brand,
			expiry_month: i.expiryMonth,
			expiry_year: i.expiryYear,
			issuer_identification_number: i.iin,
			last_4: i.last4,
			token: i.token,
			is_default: i.isDefault,
		};
	}
	if (i.type === 'stored_paypal_account')
		return { type: i.type, email: i.email, token: i.token, is_default: i.isDefault };
	return {
		type: i.type,
		masked_account_number: i.maskedAccountNumber,
		issuer: i.issuer,
		token: i.token,
		is_default: i.isDefault,
	};
}

export function getPaymentMethods(ctx: Ctx): Reply {
	const allowed = new Set(['order_id', 'checkout_id']);
	const unknown = [...ctx.query.keys()].filter((k) => !allowed.has(k));
	if (unknown.length) {
		return familyError(
			'v3',
			422,
			`The filter(s): ${unknown.join(', ')} are not valid filter parameter(s).`,
		);
	}
	const orderIdRaw = ctx.query.get('order_id');
	const checkoutId = ctx.query.get('checkout_id');
	let customerId: number;
	if (orderIdRaw !== null) {
		if (!/^\d+$/.test(orderIdRaw)) return invalid('v3', { order_id: 'must be an integer' });
		const order = ctx.store.orders.get(Number(orderIdRaw));
		if (!order) return familyError('v3', 404, `Order ${orderIdRaw} not found`);
		customerId = order.customer_id;
	} else if (checkoutId !== null) {
		// Before the checkout has an order, its cart says whose instruments to list.
		const cart = ctx.store.carts.get(checkoutId);
		const order = [...ctx.store.orders.values()].find((o) => o.cart_id === checkoutId);
		if (!order && !cart) return familyError('v3', 404, `Checkout ${checkoutId} not found`);
		customerId = cart?.customer_id ?? order?.customer_id ?? 0;
	} else {
		return invalid('v3', { order_id: 'order_id or checkout_id is required' });
	}
	const customer = ctx.store.customers.get(customerId);
	const data = [];
	for (const m of ctx.store.methods.values()) {
		if (m.type === 'store_credit' && (!customer || customer.storeCreditCents <= 0)) continue;
		data.push({
			id: m.id,
			name: m.name,
			test_mode: m.testMode,
			type: m.type,
			supported_instruments: m.supported.map((s) => ({ ...s })),
			stored_instruments: (customer?.instruments ?? [])
				.filter((i) => i.methodId === m.id)
				.map(instrumentForMethodList),
		});
	}
	return { status: 200, body: { data, meta: {} } };
}
