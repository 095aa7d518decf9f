import type { Ctx, Reply } from './http';
import { familyError } from './http';
import { paginate } from './paging';
import type { Customer } from './store';

export function storedInstruments(ctx: Ctx): Reply {
	const customer = ctx.store.customers.get(Number(ctx.params[0]));
	if (!customer) return familyError('v3', 404, 'Customer not found');
	// BigCommerce's spec answers this one endpoint with a bare array, no `data` envelope; a setting
	// wraps it, so clients can be tested against both.
	const list = customer.instruments.map((i) => {
		if (i.type === 'stored_card') {
			return {
				type: i.type,
				token: i.token,
				is_default: i.isDefault,
				brand: i.brand,
				expiry_month: i.expiryMonth,
				expiry_year: i.expiryYear,
				issuer_identification_number: i.iin,
				last_4: i.last4,
				billing_address: {
					first_name: customer.firstName,
					last_name: customer.lastName,
					email: customer.email,
				},
			};
		}
		if (i.type === 'stored_paypal_account')
			return { type: i.type, token: i.token, is_default: i.isDefault, email: i.email };
		return {
			type: i.type,
			token: i.token,
			is_default: i.isDefault,
			masked_account_number: i.maskedAccountNumber,
			issuer: i.issuer,
		};
	});
	if (ctx.settings.storedInstrumentsEnvelope === 'data')
		return { status: 200, body: { data: list, meta: {} } };
	return { status: 200, body: list };
}

/** Seeded customers carry no dates; these are fixed so sorting by them is stable. */
const created = (c: Customer) => Date.UTC(2024, 0, 1) + c.id * 86_400_000;

function customerBody(c: Customer, withCredit: boolean) {
	const date = new Date(created(c)).toISOString();
	const out: Record<string, unknown> = {
		id: c.id,
		email: c.email,
		first_name: c.firstName,
		last_name: c.lastName,
		company: '',
		phone: '',
		registration_ip_address: '',
		notes: '',
		tax_exempt_category: '',
		customer_group_id: 0,
		date_created: date,
		date_modified: date,
		address_count: 0,
		attribute_count: 0,
		authentication: { force_password_reset: false },
		accepts_product_review_abandoned_cart_emails: false,
		origin_channel_id: 1,
	};
	if (withCredit) out.store_credit_amounts = [{ amount: c.storeCreditCents / 100 }];
	return out;
}

const list = (q: URLSearchParams, key: string) =>
	q
		.get(key)
		?.split(',')
		.map((v) => v.trim().toLowerCase())
		.filter(Boolean);

/** GET /v3/customers: `id:in`, `email:in`, `name:in`, `name:like`, sort, page and limit. */
export function listCustomers(ctx: Ctx): Reply {
	const q = ctx.query;
	const ids = list(q, 'id:in');
	if (ids?.some((v) => !/^\d+$/.test(v)))
		return familyError('v3', 422, 'The `id:in` was not valid.', {
			errors: { 'id:in': 'must be integers' },
		});
	const emails = list(q, 'email:in');
	const names = list(q, 'name:in');
	const likes = list(q, 'name:like');
	const fullName = (c: Customer) => `${c.firstName} ${c.lastName}`.toLowerCase();
	const found = [...ctx.store.customers.values()].filter(
		(c) =>
			(!ids || ids.includes(String(c.id))) &&
			(!emails || emails.includes(c.email.toLowerCase())) &&
			(!names || names.includes(fullName(c))) &&
			(!likes || likes.some((part) => fullName(c).includes(part))),
	);
	const [field, direction] = (q.get('sort') ?? 'id:asc').split(':');
	const key: Record<string, (c: Customer) => number | string> = {
		id: (c) => c.id,
		last_name: (c) => c.lastName.toLowerCase(),
		date_created: created,
		date_modified: created,
	};
	if (!key[field] || !['asc', 'desc'].includes(direction ?? ''))
		return familyError('v3', 422, 'The sort parameter is not valid.');
	const sign = direction === 'desc' ? -1 : 1;
	found.sort((a, b) => {
		const x = key[field](a);
		const y = key[field](b);
		return (x < y ? -1 : x > y ? 1 : 0) * sign || a.id - b.id;
	});
	const withCredit = (q.get('include') ?? '').split(',').includes('storecredit');
	const { data, pagination } = paginate(ctx, found);
	return {
		status: 200,
		body: { data: data.map((c) => customerBody(c, withCredit)), meta: { pagination } },
	};
}
