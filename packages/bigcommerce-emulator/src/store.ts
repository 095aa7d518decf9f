import { randomBytes, randomUUID } from 'node:crypto';

import { StoreEvents } from './events';
import type { OrderMetafield } from './metafields';
import type { Seed, SeedInstrument, SeedMethod } from './seed';

export interface Address {
	[key: string]: unknown;
}

export interface OrderProduct {
	id: number;
	order_id: number;
	product_id: number;
	name: string;
	sku: string;
	quantity: number;
	price_ex_tax: number;
	price_inc_tax: number;
	product_options: { id: number; value: string }[];
}

export interface Transaction {
	id: number;
	order_id: string;
	event: 'purchase' | 'authorization' | 'capture' | 'refund' | 'void' | 'pending';
	method: string;
	amount: number;
	currency: string;
	gateway: string;
	gateway_transaction_id: string;
	payment_method_id: string;
	test: boolean;
	status: 'ok' | 'error';
	fraud_review: boolean;
	/** non-nullable in the spec: absent when nothing is referenced */
	reference_transaction_id?: number;
	date_created: string;
	payment_instrument_token: string | null;
	/** non-nullable in the spec: absent for instruments that are not cards */
	credit_card?: CreditCard;
	gift_certificate: Record<string, unknown> | null;
	store_credit: Record<string, unknown> | null;
	custom: null;
	offline: null;
}

export interface CreditCard {
	card_type?: string;
	card_iin?: string;
	card_last4?: string;
	card_expiry_month?: number;
	card_expiry_year?: number;
}

/** Our brand names → the spec's `card_type` enum (visa, master, american_express, …). */
const CARD_TYPES: Record<string, string> = {
	VISA: 'visa',
	MASTERCARD: 'master',
	AMEX: 'american_express',
	DISCOVER: 'discover',
	JCB: 'jcb',
	DINERS: 'diners_club',
	MAESTRO: 'maestro',
	UNIONPAY: 'unionpay',
};

/** The transaction's `credit_card`, leaving out what is unknown: none of its fields is nullable. */
export function creditCardOf(card: Charge['card']): CreditCard | undefined {
	if (!card) return undefined;
	const out: CreditCard = {};
	const type = CARD_TYPES[card.brand.toUpperCase()];
	if (type) out.card_type = type;
	if (card.iin) out.card_iin = card.iin;
	if (card.last_4) out.card_last4 = card.last_4;
	if (card.expiry_month) out.card_expiry_month = card.expiry_month;
	if (card.expiry_year) out.card_expiry_year = card.expiry_year;
	return out;
}

export interface CartLine {
	id: string;
	/** 0 for a custom item */
	product_id: number;
	variant_id?: number;
	name: string;
	sku: string;
	quantity: number;
	list_cents: number;
	options: { name: string; nameId: number; value: string; valueId: number }[];
	custom: boolean;
}

export interface ShippingOption {
	id: string;
	type: string;
	description: string;
	image_url: string;
	cost: number;
	transit_time: string;
	additional_description: string;
}

export interface Consignment {
	id: string;
	address: Address;
	line_item_ids: string[];
	available: ShippingOption[];
	selected?: ShippingOption;
}

/** A server-to-server cart; its id is also its checkout's id. */
export interface Cart {
	id: string;
	customer_id: number;
	channel_id: number;
	email: string;
	locale: string;
	created: number;
	updated: number;
	lines: CartLine[];
	billing_address?: Address;
	consignments: Consignment[];
	/** the last order POST /v3/checkouts/{id}/orders made, as BigCommerce reports it */
	order_id: string | null;
	version: number;
}

export interface Order {
	id: number;
	customer_id: number;
	status_id: number;
	created_via: 'api' | 'control_panel';
	date_created: number;
	date_modified: number;
	billing_address: Address;
	shipping_addresses: Address[];
	products: OrderProduct[];
	/** all money in cents, so sums never drift */
	total_ex_cents: number;
	total_inc_cents: number;
	/** included in the totals; a checkout's selected shipping, 0 for V2-created orders */
	shipping_cents: number;
	paid_cents: number;
	refunded_cents: number;
	store_credit_cents: number;
	gift_certificate_cents: number;
	payment_method: string;
	payment_provider_id: string;
	payment_status: string;
	/** when an async capture/void settles, on the emulator clock */
	settles_at?: number;
	settles_to?: string;
	customer_message: string;
	staff_notes: string;
	external_source: string | null;
	/** set on create only; BigCommerce refuses it on update */
	external_id: string | null;
	/** writable on create and update, and a list filter */
	external_order_id: string | null;
	/** archived (DELETE /v2/orders/{id}): still readable, gone from lists and counts */
	is_deleted: boolean;
	/** 'external' for V2-created orders, 'checkout_api' for ones a checkout made */
	order_source: string;
	cart_id: string;
	transactions: Transaction[];
	/** bumped on every change that alters what a payment would charge */
	version: number;
}

export interface Charge {
	id: string;
	order_id: number;
	amount: number;
	currency: string;
	payment_method_id: string;
	instrument_type: string;
	/** brand and last 4 only: the emulator never keeps a full card number or a CVV */
	card?: {
		brand: string;
		last_4: string;
		/** the first 6 digits, which BigCommerce shows as `card_iin` */
		iin?: string;
		expiry_month?: number;
		expiry_year?: number;
	};
	status: 'success' | 'pending';
	transaction_type: 'purchase' | 'authorization';
	at: string;
}

export interface Attempt {
	order_id: number;
	payment_method_id: string;
	instrument_type: string;
	result: 'approved' | 'declined' | 'rejected';
	code?: number;
	at: string;
}

export interface Pat {
	jti: string;
	orderId: number;
	amountCents: number;
	orderVersion: number;
	exp: number;
	used: boolean;
}

export interface Hook {
	id: number;
	client_id: string;
	store_hash: string;
	scope: string;
	destination: string;
	is_active: boolean;
	headers: Record<string, string> | null;
	created_at: number;
	updated_at: number;
}

export interface Refund {
	id: number;
	order_id: number;
	user_id: number;
	created: string;
	reason: string;
	total_amount: number;
	total_tax: number;
	uses_merchant_override_values: boolean;
	items: unknown[];
	payments: unknown[];
}

export const ORDER_STATUSES: Record<number, string> = {
	0: 'Incomplete',
	1: 'Pending',
	2: 'Shipped',
	3: 'Partially Shipped',
	4: 'Refunded',
	5: 'Cancelled',
	6: 'Declined',
	7: 'Awaiting Payment',
	8: 'Awaiting Pickup',
	9: 'Awaiting Shipment',
	10: 'Completed',
	11: 'Awaiting Fulfillment',
	12: 'Manual Verification Required',
	13: 'Disputed',
	14: 'Partially Refunded',
};

export interface Customer {
	id: number;
	firstName: string;
	lastName: string;
	email: string;
	storeCreditCents: number;
	instruments: SeedInstrument[];
}

/** Everything one emulated store holds. Plain data, so `reset` is a new instance. */
export class StoreState {
	readonly hash: string;
	readonly storeId: string;
	readonly name: string;
	readonly currency: string;
	readonly patSecret = randomBytes(32).toString('hex');
	readonly tokens = new Map<
		string,
		{ clientId: string; clientSecret: string; scopes: Set<string> }
	>();
	readonly methods = new Map<string, SeedMethod>();
	readonly customers = new Map<number, Customer>();
	readonly giftCertificates = new Map<
		string,
		{ code: string; balanceCents: number; originalCents: number; status: string }
	>();
	readonly products = new Map<number, Seed['products'][number]>();
	readonly orders = new Map<number, Order>();
	readonly carts = new Map<string, Cart>();
	readonly pats = new Map<string, Pat>();
	readonly hooks = new Map<number, Hook>();
	/** order metafields by id; ids increase in creation order across the store */
	readonly metafields = new Map<number, OrderMetafield>();
	readonly refunds: Refund[] = [];
	readonly charges: Charge[] = [];
	readonly attempts: Attempt[] = [];
	nextOrderId = 100;
	nextTransactionId = 1;
	nextHookId = 1;
	nextMetafieldId = 1;
	nextRefundId = 1;
	nextRefundPaymentId = 1;
	nextOrderProductId = 1;

	/** `events` is passed in so that listeners survive a reset, which builds a new store. */
	constructor(
		seed: Seed,
		readonly events: StoreEvents = new StoreEvents(),
	) {
		this.hash = seed.storeHash;
		this.storeId = seed.storeId;
		this.name = seed.storeName;
		this.currency = seed.currency;
		for (const t of seed.tokens)
			this.tokens.set(t.token, {
				clientId: t.clientId,
				clientSecret: t.clientSecret ?? '',
				scopes: new Set(t.scopes),
			});
		for (const m of seed.methods)
			this.methods.set(m.id, { ...m, supported: m.supported.map((s) => ({ ...s })) });
		for (const c of seed.customers) {
			this.customers.set(c.id, {
				id: c.id,
				firstName: c.firstName,
				lastName: c.lastName,
				email: c.email,
				storeCreditCents: Math.round(c.storeCredit * 100),
				instruments: c.instruments.map((i) => ({ ...i })),
			});
		}
		for (const g of seed.giftCertificates) {
			const cents = Math.round(g.balance * 100);
			this.giftCertificates.set(g.code, {
				code: g.code,
				balanceCents: cents,
				originalCents: cents,
				status: g.status,
			});
		}
		for (const p of seed.products) this.products.set(p.id, p);
	}

	newCartId(): string {
		return randomUUID();
	}

	dueCents(order: Order): number {
		return Math.max(0, order.total_inc_cents - order.paid_cents);
	}

	/** Incomplete orders made through the API, or ones a partial payment left Pending with a balance. */
	isPayable(order: Order): boolean {
		if (order.created_via !== 'api' || order.is_deleted) return false;
		if (order.status_id === 0) return true;
		return order.status_id === 1 && order.paid_cents > 0 && this.dueCents(order) > 0;
	}

	/** Every status change goes through here, so `store/order/statusUpdated` never misses one. */
	setStatus(order: Order, statusId: number): void {
		const previous = order.status_id;
		if (previous === statusId) return;
		order.status_id = statusId;
		this.events.emit('store/order/statusUpdated', {
			type: 'order',
			id: order.id,
			status: { previous_status_id: previous, new_status_id: statusId },
		});
		this.events.emit('store/order/updated', { type: 'order', id: order.id });
	}

	addTransaction(
		order: Order,
		t: Omit<
			Transaction,
			'id' | 'order_id' | 'currency' | 'test' | 'fraud_review' | 'custom' | 'offline'
		>,
		now: number,
	): Transaction {
		const full: Transaction = {
			id: this.nextTransactionId++,
			order_id: String(order.id),
			currency: this.currency,
			test: true,
			fraud_review: false,
			custom: null,
			offline: null,
			...t,
			date_created: new Date(now).toISOString(),
		};
		order.transactions.push(full);
		this.events.emit('store/order/transaction/created', {
			type: 'transaction',
			order_id: String(order.id),
			transaction_id: String(full.id),
			transaction_status: full.status === 'ok' ? 'complete' : 'failed',
			transaction_type: full.event,
			result: {
				code: full.status === 'ok' ? '0' : 'declined',
				message: full.status === 'ok' ? 'Success' : 'Declined',
				type: full.status === 'ok' ? 'success' : 'failure',
			},
			platform_transaction_id: String(full.id),
			provider_transaction_id: full.gateway_transaction_id,
		});
		return full;
	}
}

export const money = (cents: number) => (cents / 100).toFixed(4);
export const toCents = (value: unknown): number => Math.round(Number(value) * 100);

/** Capture and void are asynchronous at BigCommerce: `capture pending` until the gateway answers. */
export function settle(order: Order, now: number): void {
	if (order.settles_to && order.settles_at !== undefined && now >= order.settles_at) {
		order.payment_status = order.settles_to;
		order.settles_to = undefined;
		order.settles_at = undefined;
	}
}
