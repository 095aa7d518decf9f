import type { Ctx, Reply } from './http';
import { familyError } from './http';
import { orderBody } from './orders';
import type { Order } from './store';
import { ORDER_STATUSES, settle, toCents } from './store';

const SORT_FIELDS: Record<string, (o: Order) => number | string> = {
	id: (o) => o.id,
	customer_id: (o) => o.customer_id,
	date_created: (o) => o.date_created,
	date_modified: (o) => o.date_modified,
	status_id: (o) => o.status_id,
	channel_id: () => 1,
	external_id: (o) => o.external_id ?? '',
};

type Filter = (o: Order) => boolean;

/**
 * The filters GET /v2/orders and /v2/orders/count share; a string is the field that is invalid.
 * Without a `status_id`, Incomplete orders are left out when the settings say so (`listIncomplete`).
 */
function filters(q: URLSearchParams, listIncomplete: boolean): Filter[] | string {
	const out: Filter[] = [(o) => !o.is_deleted];
	if (!listIncomplete && q.get('status_id') === null) out.push((o) => o.status_id !== 0);
	const int = (name: string, test: (o: Order, v: number) => boolean) => {
		const raw = q.get(name);
		if (raw === null) return undefined;
		if (!/^\d+$/.test(raw)) return name;
		out.push((o) => test(o, Number(raw)));
		return undefined;
	};
	const money = (name: string, test: (o: Order, cents: number) => boolean) => {
		const raw = q.get(name);
		if (raw === null) return undefined;
		if (!/^\d+(\.\d+)?$/.test(raw)) return name;
		out.push((o) => test(o, toCents(raw)));
		return undefined;
	};
	const date = (name: string, test: (o: Order, ms: number) => boolean) => {
		const raw = q.get(name);
		if (raw === null) return undefined;
		// RFC-2822 or ISO-8601, as the spec allows; both parse here.
		const ms = Date.parse(raw);
		if (Number.isNaN(ms)) return name;
		out.push((o) => test(o, ms));
		return undefined;
	};
	const text = (name: string, test: (o: Order, v: string) => boolean) => {
		const raw = q.get(name);
		if (raw !== null) out.push((o) => test(o, raw));
	};
	const bad =
		int('min_id', (o, v) => o.id >= v) ??
		int('max_id', (o, v) => o.id <= v) ??
		int('customer_id', (o, v) => o.customer_id === v) ??
		int('status_id', (o, v) => o.status_id === v) ??
		int('channel_id', (_o, v) => v === 1) ??
		money('min_total', (o, c) => o.total_inc_cents >= c) ??
		money('max_total', (o, c) => o.total_inc_cents <= c) ??
		date('min_date_created', (o, ms) => o.date_created >= ms) ??
		date('max_date_created', (o, ms) => o.date_created <= ms) ??
		date('min_date_modified', (o, ms) => o.date_modified >= ms) ??
		date('max_date_modified', (o, ms) => o.date_modified <= ms);
	if (bad) return bad;
	text('email', (o, v) => String(o.billing_address.email ?? '').toLowerCase() === v.toLowerCase());
	text('cart_id', (o, v) => o.cart_id === v);
	text('payment_method', (o, v) => o.payment_method === v);
	text('external_order_id', (o, v) => o.external_order_id === v);
	return out;
}

function matching(ctx: Ctx, listIncomplete = ctx.settings.listIncomplete): Order[] | Reply {
	const f = filters(ctx.query, listIncomplete);
	if (typeof f === 'string') return familyError('v2', 400, `The field '${f}' is invalid.`);
	return [...ctx.store.orders.values()].filter((o) => f.every((test) => test(o)));
}

/** GET /v2/orders: a bare array, ordered by id unless `sort=field[:asc|:desc]`; 204 when empty. */
export function listOrders(ctx: Ctx): Reply {
	const all = matching(ctx);
	if (!Array.isArray(all)) return all;
	const limit = Math.min(250, Math.max(1, Number(ctx.query.get('limit') ?? 50) || 50));
	const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
	const [field, direction = 'asc'] = (ctx.query.get('sort') ?? 'id').split(':');
	const key = SORT_FIELDS[field];
	if (!key || !['asc', 'desc'].includes(direction.toLowerCase()))
		return familyError('v2', 400, "The field 'sort' is invalid.");
	const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
	all.sort((a, b) => {
		const x = key(a);
		const y = key(b);
		return (x < y ? -1 : x > y ? 1 : 0) * sign || a.id - b.id;
	});
	const slice = all.slice((page - 1) * limit, page * limit);
	// v2 answers an empty page with 204 and no body, not an empty array.
	if (slice.length === 0) return { status: 204 };
	for (const o of slice) settle(o, ctx.now());
	return { status: 200, body: slice.map((o) => orderBody(ctx, o)) };
}

/**
 * GET /v2/orders/count: the same filters; a count per status and in total. The total is what the
 * same query to GET /v2/orders pages through, so it follows `listIncomplete`; each status's row counts
 * as `status_id` would, and the spec's own example counts Incomplete orders there, so status 0's row
 * counts them under either setting.
 */
export function countOrders(ctx: Ctx): Reply {
	const listed = matching(ctx);
	if (!Array.isArray(listed)) return listed;
	const byStatus = matching(ctx, true);
	if (!Array.isArray(byStatus)) return byStatus;
	const statuses = Object.entries(ORDER_STATUSES).map(([id, name], index) => ({
		id: Number(id),
		name,
		system_label: name,
		custom_label: name,
		system_description: name,
		count: byStatus.filter((o) => o.status_id === Number(id)).length,
		sort_order: index,
	}));
	return { status: 200, body: { statuses, count: listed.length } };
}
