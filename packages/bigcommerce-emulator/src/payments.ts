import { randomUUID } from 'node:crypto';

import type { Ctx, Reply } from './http';
import { familyError, invalid, isInt, isObject, paymentError } from './http';
import { brandOf, luhnValid } from './cards';
import { verifyJwt } from './jwt';
import type { SeedInstrument, SeedMethod } from './seed';
import { TEST_CARDS } from './seed';
import { commit, recordDecline } from './paymentRecords';
import type { Charge, Order, Pat, StoreState } from './store';

const INSTRUMENT_TYPES = [
	'card',
	'stored_card',
	'stored_paypal_account',
	'stored_bank_account',
	'gift_certificate',
	'store_credit',
	'tokenized_card',
];

/** Which method types accept which instrument types. */
const COMPATIBLE: Record<string, string[]> = {
	card: ['card', 'stored_card', 'tokenized_card'],
	paypal: ['stored_paypal_account'],
	ach: ['stored_bank_account'],
	gift_certificate: ['gift_certificate'],
	store_credit: ['store_credit'],
};

export type Validated =
	| { kind: 'card'; number: string; cardholder: string; month: number; year: number; cvv?: string }
	| { kind: 'token'; type: string; token: string; cvv?: string }
	| { kind: 'gift_certificate'; code: string }
	| { kind: 'store_credit' }
	| { kind: 'tokenized_card'; token: string; last4?: string };

function validateInstrument(instrument: unknown): Validated | Reply {
	if (!isObject(instrument)) return invalid('payments', { 'payment.instrument': 'is required' });
	const type = instrument.type;
	if (typeof type !== 'string' || !INSTRUMENT_TYPES.includes(type)) {
		return invalid('payments', {
			'payment.instrument.type': `must be one of ${INSTRUMENT_TYPES.join(', ')}`,
		});
	}
	const cvv = instrument.verification_value;
	if (cvv !== undefined && (typeof cvv !== 'string' || !/^\d{3,4}$/.test(cvv))) {
		return invalid('payments', {
			'payment.instrument.verification_value': 'must be 3 or 4 digits',
		});
	}
	switch (type) {
		case 'card': {
			const { number, cardholder_name: name, expiry_month: month, expiry_year: year } = instrument;
			if (typeof number !== 'string' || !/^\d{12,19}$/.test(number) || !luhnValid(number)) {
				return invalid('payments', { 'payment.instrument.number': 'is not a valid card number' });
			}
			if (typeof name !== 'string' || name.trim() === '')
				return invalid('payments', { 'payment.instrument.cardholder_name': 'is required' });
			if (!isInt(month) || month < 1 || month > 12)
				return invalid('payments', {
					'payment.instrument.expiry_month': 'must be an integer from 1 to 12',
				});
			if (!isInt(year) || year < 1000 || year > 9999)
				return invalid('payments', {
					'payment.instrument.expiry_year': 'must be a four-digit year',
				});
			return {
				kind: 'card',
				number,
				cardholder: name,
				month,
				year,
				cvv: cvv as string | undefined,
			};
		}
		case 'stored_card':
		case 'stored_paypal_account':
		case 'stored_bank_account': {
			const token = instrument.token;
			if (typeof token !== 'string' || token.length !== 64)
				return invalid('payments', { 'payment.instrument.token': 'must be 64 characters' });
			return { kind: 'token', type, token, cvv: cvv as string | undefined };
		}
		case 'gift_certificate': {
			const code = instrument.gift_certificate_code;
			if (typeof code !== 'string' || code.trim() === '')
				return invalid('payments', { 'payment.instrument.gift_certificate_code': 'is required' });
			return { kind: 'gift_certificate', code };
		}
		case 'store_credit':
			return { kind: 'store_credit' };
		default: {
			const token = instrument.token;
			if (typeof token !== 'string' || token === '')
				return invalid('payments', { 'payment.instrument.token': 'is required' });
			return {
				kind: 'tokenized_card',
				token,
				last4:
					typeof instrument.last_four_digits === 'string' ? instrument.last_four_digits : undefined,
			};
		}
	}
}

export interface Approval {
	amountCents: number;
	status: 'success' | 'pending';
	method: string;
	card?: Charge['card'];
	instrumentToken: string | null;
	giftCertificate?: Record<string, unknown>;
	storeCredit?: Record<string, unknown>;
	/** where the money came from when it is not a gateway */
	kind: 'gateway' | 'gift_certificate' | 'store_credit';
}

function decline(code: number, title: string, detail?: string): Reply {
	return paymentError(422, code, title, detail);
}

function requireCvv(method: SeedMethod, instrumentType: string): boolean {
	return method.supported.some(
		(s) => s.instrument_type === instrumentType && s.verification_value_required,
	);
}

/** The gateway's answer for `due` cents: an approval, or a decline as BigCommerce reports it. */
function authorize(
	ctx: Ctx,
	order: Order,
	method: SeedMethod,
	v: Validated,
	saveInstrument: boolean,
	due: number,
): Approval | Reply {
	const store = ctx.store;
	const customer = store.customers.get(order.customer_id);
	const nowDate = new Date(ctx.now());
	if (v.kind === 'card') {
		const brand = brandOf(v.number);
		if (!method.supported.some((s) => s.instrument_type === brand))
			return paymentError(
				422,
				10001,
				'Invalid or missing data',
				`${method.name} does not accept ${brand} cards.`,
			);
		if (requireCvv(method, brand) && !v.cvv)
			return invalid('payments', {
				'payment.instrument.verification_value': 'is required by this payment method',
			});
		const test = TEST_CARDS[v.number];
		const expired =
			v.year < nowDate.getUTCFullYear() ||
			(v.year === nowDate.getUTCFullYear() && v.month < nowDate.getUTCMonth() + 1);
		if (expired) return decline(30103, 'Card expired', 'The card has expired.');
		if (test && test.outcome === 'declined')
			return decline(test.code as number, test.title as string, test.detail);
		if (saveInstrument) {
			if (test?.outcome === 'unsavable') return decline(30050, test.title as string, test.detail);
			if (!customer)
				return invalid('payments', {
					'payment.save_instrument': 'a guest order cannot save an instrument',
				});
			const token = randomUUID().replace(/-/g, '').padEnd(64, '0').slice(0, 64);
			customer.instruments.push({
				type: 'stored_card',
				token,
				methodId: method.id,
				isDefault: customer.instruments.length === 0,
				brand,
				expiryMonth: v.month,
				expiryYear: v.year,
				iin: v.number.slice(0, 6),
				last4: v.number.slice(-4),
			});
			if (customer.instruments.length === 1)
				store.events.emit('store/customer/payment/instrument/default/updated', {
					type: 'customer',
					id: customer.id,
				});
		}
		return {
			amountCents: due,
			status: 'success',
			method: 'credit_card',
			card: {
				brand,
				last_4: v.number.slice(-4),
				iin: v.number.slice(0, 6),
				expiry_month: v.month,
				expiry_year: v.year,
			},
			instrumentToken: null,
			kind: 'gateway',
		};
	}
	if (v.kind === 'token') {
		const owned = customer?.instruments.find((i) => i.token === v.token);
		if (!owned || owned.type !== v.type || owned.methodId !== method.id) {
			return paymentError(
				422,
				30051,
				'Stored instrument not found',
				"The stored instrument does not exist or does not belong to the order's customer.",
			);
		}
		if (v.type === 'stored_card') return chargeStoredCard(method, owned, v.cvv, due, nowDate);
		if (v.type === 'stored_paypal_account') {
			if (owned.revoked)
				return decline(
					30107,
					'Authorization revoked',
					'The shopper withdrew the PayPal billing authorization.',
				);
			return {
				amountCents: due,
				status: 'success',
				method: 'electronic_wallet',
				instrumentToken: owned.token,
				kind: 'gateway',
			};
		}
		// ACH settles days later: BigCommerce reports it as pending.
		return {
			amountCents: due,
			status: 'pending',
			method: 'token',
			instrumentToken: owned.token,
			kind: 'gateway',
		};
	}
	if (v.kind === 'gift_certificate') {
		const cert = store.giftCertificates.get(v.code);
		if (!cert || cert.status !== 'active')
			return paymentError(
				422,
				10001,
				'Invalid or missing data',
				'The gift certificate code is invalid or the certificate is not active.',
				{ 'payment.instrument.gift_certificate_code': 'is invalid' },
			);
		if (cert.balanceCents <= 0)
			return decline(30106, 'Insufficient funds', 'The gift certificate has no balance left.');
		const amount = Math.min(due, cert.balanceCents);
		const starting = cert.balanceCents;
		cert.balanceCents -= amount;
		return {
			amountCents: amount,
			status: 'success',
			method: 'gift_certificate',
			instrumentToken: null,
			kind: 'gift_certificate',
			giftCertificate: {
				code: cert.code,
				original_balance: cert.originalCents / 100,
				starting_balance: starting / 100,
				remaining_balance: cert.balanceCents / 100,
				status: 'active',
			},
		};
	}
	if (v.kind === 'store_credit') {
		if (!customer)
			return paymentError(
				422,
				10001,
				'Invalid or missing data',
				'Store credit is not available for guest orders.',
			);
		if (customer.storeCreditCents <= 0)
			return decline(30106, 'Insufficient funds', 'The customer has no store credit.');
		const amount = Math.min(due, customer.storeCreditCents);
		customer.storeCreditCents -= amount;
		return {
			amountCents: amount,
			status: 'success',
			method: 'store_credit',
			instrumentToken: null,
			kind: 'store_credit',
			storeCredit: { remaining_balance: customer.storeCreditCents / 100 },
		};
	}
	return {
		amountCents: due,
		status: 'success',
		method: 'token',
		card: v.last4 ? { brand: 'UNKNOWN', last_4: v.last4 } : undefined,
		instrumentToken: null,
		kind: 'gateway',
	};
}

function chargeStoredCard(
	method: SeedMethod,
	card: SeedInstrument,
	cvv: string | undefined,
	due: number,
	now: Date,
): Approval | Reply {
	if (requireCvv(method, 'STORED_CARD') && !cvv)
		return invalid('payments', {
			'payment.instrument.verification_value': 'is required by this payment method',
		});
	const y = card.expiryYear ?? 0;
	const m = card.expiryMonth ?? 0;
	if (y < now.getUTCFullYear() || (y === now.getUTCFullYear() && m < now.getUTCMonth() + 1))
		return decline(30103, 'Card expired', 'The stored card has expired.');
	if (card.declineCode === 30106)
		return decline(30106, 'Insufficient funds', 'The card was declined due to insufficient funds.');
	return {
		amountCents: due,
		status: 'success',
		method: 'credit_card',
		card: {
			brand: card.brand ?? 'UNKNOWN',
			last_4: card.last4 ?? '',
			iin: card.iin,
			expiry_month: m,
			expiry_year: y,
		},
		instrumentToken: card.token,
		kind: 'gateway',
	};
}

/** Resolves the PAT in `Authorization: PAT <token>`; every failure is a 401 on this host. */
function authenticatePat(ctx: Ctx): Pat | Reply {
	const header = ctx.req.headers.authorization;
	const match = typeof header === 'string' ? /^PAT ([A-Za-z0-9_\-.]+)$/.exec(header) : null;
	if (!match)
		return paymentError(
			401,
			10001,
			'Unauthorized',
			'Send the payment access token as "Authorization: PAT <token>".',
		);
	const claims = verifyJwt(match[1], ctx.store.patSecret);
	const pat = claims && typeof claims.jti === 'string' ? ctx.store.pats.get(claims.jti) : undefined;
	if (!claims || !pat || claims.sub !== ctx.store.hash)
		return paymentError(
			401,
			10001,
			'Unauthorized',
			'The payment access token is not valid for this store.',
		);
	ctx.orderId = pat.orderId;
	if (ctx.now() >= pat.exp)
		return paymentError(
			401,
			10001,
			'Unauthorized',
			'The payment access token has expired. Create a new one.',
		);
	if (pat.used)
		return paymentError(
			401,
			10001,
			'Unauthorized',
			'The payment access token has already been used. Create a new one.',
		);
	return pat;
}

/** A payment that passed BigCommerce's own checks: what its gateway is asked to charge. */
export interface CheckedPayment {
	order: Order;
	method: SeedMethod;
	instrument: Validated;
	instrumentType: string;
	saveInstrument: boolean;
	/** the amount due when the checks ran: what the gateway charges */
	dueCents: number;
	/** notes the attempt's result in `store.attempts` */
	record: (result: 'approved' | 'declined' | 'rejected', code?: number) => void;
}

/**
 * BigCommerce's side of a payment: the request, the token (spent from here on, whatever the
 * outcome), the order's payability, version and amount due, the method. No gateway is asked yet.
 */
export function checkPayment(ctx: Ctx): CheckedPayment | Reply {
	const accept = ctx.req.headers.accept ?? '';
	if (!accept.split(',').some((a) => a.trim().startsWith('application/vnd.bc.v1+json'))) {
		return familyError('payments', 406, 'Not Acceptable', {
			detail: 'Send Accept: application/vnd.bc.v1+json.',
		});
	}
	const pat = authenticatePat(ctx);
	if ('status' in pat) return pat;
	const store: StoreState = ctx.store;
	const body = ctx.body;
	if (!isObject(body) || !isObject(body.payment))
		return invalid('payments', { payment: 'is required' });
	const p = body.payment;
	if (p.amount !== undefined || p.currency_code !== undefined)
		return invalid('payments', {
			'payment.amount': 'is not accepted; the amount comes from the order',
		});
	if (typeof p.payment_method_id !== 'string' || p.payment_method_id === '')
		return invalid('payments', { 'payment.payment_method_id': 'is required' });
	if (p.save_instrument !== undefined && typeof p.save_instrument !== 'boolean')
		return invalid('payments', { 'payment.save_instrument': 'must be a boolean' });
	const v = validateInstrument(p.instrument);
	if ('status' in v) return v;

	// From here the request is processed: the token is spent whatever the outcome.
	pat.used = true;
	const order = store.orders.get(pat.orderId);
	const record = (result: 'approved' | 'declined' | 'rejected', code?: number) =>
		store.attempts.push({
			order_id: pat.orderId,
			payment_method_id: p.payment_method_id as string,
			instrument_type: (p.instrument as { type: string }).type,
			result,
			code,
			at: new Date(ctx.now()).toISOString(),
		});
	const fail = (reply: Reply): Reply => {
		const code = (reply.body as { code?: number }).code;
		record(code !== undefined && code >= 30102 && code <= 30107 ? 'declined' : 'rejected', code);
		return reply;
	};
	if (!order)
		return fail(
			paymentError(422, 30003, 'Order not found', `Order ${pat.orderId} does not exist.`),
		);
	if (!store.isPayable(order))
		return fail(
			paymentError(
				422,
				30101,
				'Order is not valid for payment',
				'The order is not Incomplete (status_id 0), was created in the control panel, or is already paid.',
			),
		);
	if (order.version !== pat.orderVersion || store.dueCents(order) !== pat.amountCents) {
		return fail(
			paymentError(
				422,
				30004,
				'Order line items and grand total do not match',
				'The order changed after the payment access token was created. Create a new payment access token.',
			),
		);
	}
	const method = store.methods.get(p.payment_method_id);
	if (!method)
		return fail(
			paymentError(
				422,
				30000,
				'Merchant payment configuration not found',
				`No payment method "${p.payment_method_id}" is configured for this store.`,
			),
		);
	if (method.misconfigured)
		return fail(
			paymentError(
				422,
				30001,
				'Merchant payment configuration incorrect',
				`The gateway rejected the configuration of "${method.id}".`,
			),
		);
	const instrumentType = (p.instrument as { type: string }).type;
	if (!(COMPATIBLE[method.type] ?? []).includes(instrumentType)) {
		return fail(
			paymentError(
				422,
				10001,
				'Invalid or missing data',
				`Payment method "${method.id}" does not accept instrument type "${instrumentType}".`,
			),
		);
	}
	if (p.save_instrument === true && (!method.vaulting || instrumentType !== 'card')) {
		return fail(
			paymentError(
				422,
				30002,
				'Vaulting service unavailable',
				`Stored instruments are not enabled for "${method.id}".`,
			),
		);
	}
	return {
		order,
		method,
		instrument: v,
		instrumentType,
		saveInstrument: p.save_instrument === true,
		dueCents: store.dueCents(order),
		record,
	};
}

/**
 * The gateway's side: it charges what the checks saw due and the store commits it, without
 * looking at the order again. Run right after `checkPayment` that is one atomic step; run later
 * (settings.gatewayCommit 'onAnswer') two payments checked before either commits are both charged.
 */
export function chargePayment(ctx: Ctx, c: CheckedPayment): Reply {
	const { order, method, instrument: v, record } = c;
	const outcome = authorize(ctx, order, method, v, c.saveInstrument, c.dueCents);
	if ('status' in outcome && !('amountCents' in outcome)) {
		const code = ((outcome as Reply).body as { code?: number }).code ?? 0;
		const declined = code >= 30102 && code <= 30107;
		if (declined) recordDecline(ctx, order, method, v, c.dueCents);
		record(declined ? 'declined' : 'rejected', code);
		return outcome as Reply;
	}
	record('approved');
	return commit(ctx, order, method, outcome as Approval, c.instrumentType);
}

export const isCheckedPayment = (v: CheckedPayment | Reply): v is CheckedPayment => 'order' in v;

/** A payment checked and charged in one step. */
export function processPayment(ctx: Ctx): Reply {
	const checked = checkPayment(ctx);
	return isCheckedPayment(checked) ? chargePayment(ctx, checked) : checked;
}
