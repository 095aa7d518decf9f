/**
 * Order metafields as BigCommerce's Orders v3 spec documents them: per order
 * (`/v3/orders/{order_id}/metafields[/{metafield_id}]`) and in batches (`/v3/orders/metafields`).
 * A metafield is unique per (API account, namespace, key, order): a second one is a 409, the one
 * compare-and-set BigCommerce documents on an order. At most 250 per order per API account.
 *
 * Choices where the spec is silent (README, "Order metafields"): the order is not looked up (the
 * metafields service does not check that its resource exists); the 250 limit answers 422; a batch
 * item's failure is one `Error` of its own, keyed by the item's 0-based position in the request.
 */
import type { Ctx, Reply } from './http';
import { ERROR_TYPE, familyError, isInt, isObject, isReply } from './http';
import { paginate } from './paging';
import type { StoreState } from './store';

export const PERMISSION_SETS = [
	'app_only',
	'read',
	'write',
	'read_and_sf_access',
	'write_and_sf_access',
] as const;

/** The spec's limit, per order and per API account. */
export const METAFIELDS_PER_ORDER = 250;

export interface OrderMetafield {
	id: number;
	resource_id: number;
	permission_set: (typeof PERMISSION_SETS)[number];
	namespace: string;
	key: string;
	value: string;
	description: string;
	owner_client_id: string;
	date_created: number;
	date_modified: number;
}

type Fields = Pick<OrderMetafield, 'permission_set' | 'namespace' | 'key' | 'value'> & {
	description?: string;
};

/** A metafield's writable fields (MetafieldBase_Post): all but `description` are required. */
function validateFields(b: unknown): Fields | Record<string, string> {
	if (!isObject(b)) return { body: 'must be a metafield object' };
	const errors: Record<string, string> = {};
	const text = (name: string, min: number, max: number, required: boolean) => {
		const v = b[name];
		if (v === undefined) {
			if (required) errors[name] = 'is required';
		} else if (typeof v !== 'string') errors[name] = 'must be a string';
		else if (v.length < min || v.length > max)
			errors[name] = `must be ${min} to ${max} characters long`;
	};
	if (!PERMISSION_SETS.includes(b.permission_set as Fields['permission_set']))
		errors.permission_set = `must be one of ${PERMISSION_SETS.join(', ')}`;
	text('namespace', 1, 64, true);
	text('key', 1, 64, true);
	text('value', 1, 65535, true);
	text('description', 0, 255, false);
	if (Object.keys(errors).length) return errors;
	return {
		permission_set: b.permission_set as Fields['permission_set'],
		namespace: b.namespace as string,
		key: b.key as string,
		value: b.value as string,
		description: b.description as string | undefined,
	};
}

const isFields = (v: Fields | Record<string, string>): v is Fields =>
	PERMISSION_SETS.includes((v as Fields).permission_set) && typeof v.value === 'string';

/** `2022-06-16T18:39:00+00:00`, the spec's date-time form. */
const dateTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

const FIELDS = [
	'resource_id',
	'key',
	'value',
	'namespace',
	'permission_set',
	'resource_type',
	'description',
	'owner_client_id',
	'date_created',
	'date_modified',
];

function metafieldBody(m: OrderMetafield, include?: Set<string>): Record<string, unknown> {
	const full: Record<string, unknown> = {
		id: m.id,
		key: m.key,
		value: m.value,
		namespace: m.namespace,
		permission_set: m.permission_set,
		resource_type: 'order',
		resource_id: m.resource_id,
		description: m.description,
		date_created: dateTime(m.date_created),
		date_modified: dateTime(m.date_modified),
		owner_client_id: m.owner_client_id,
	};
	if (!include) return full;
	// `include_fields` narrows the answer; the id always comes.
	return Object.fromEntries(Object.entries(full).filter(([k]) => k === 'id' || include.has(k)));
}

/** app_only metafields are private to the API account that made them; the others are visible. */
const visible = (m: OrderMetafield, clientId: string) =>
	m.owner_client_id === clientId || m.permission_set !== 'app_only';

/** What one metafield write would answer: the reply a single endpoint sends, or the metafield. */
type Outcome = OrderMetafield | Reply;

const notFound = (): Reply => ({
	status: 404,
	body: {
		status: 404,
		title: 'A metafield was not found with this query.',
		type: ERROR_TYPE,
		errors: [],
	},
});

const conflict = (orderId: number, f: Fields): Reply =>
	familyError(
		'v3',
		409,
		`A metafield with namespace "${f.namespace}" and key "${f.key}" already exists on order ${orderId} for this API account.`,
		{ errors: {} },
	);

const unprocessable = (errors: Record<string, string>): Reply =>
	familyError('v3', 422, 'The metafield is not valid.', { errors });

function duplicateOf(
	store: StoreState,
	clientId: string,
	orderId: number,
	f: Fields,
	except?: number,
): OrderMetafield | undefined {
	for (const m of store.metafields.values())
		if (
			m.id !== except &&
			m.owner_client_id === clientId &&
			m.resource_id === orderId &&
			m.namespace === f.namespace &&
			m.key === f.key
		)
			return m;
	return undefined;
}

function announce(ctx: Ctx, what: 'created' | 'updated' | 'deleted', m: OrderMetafield): void {
	ctx.store.events.emit(`store/order/metafield/${what}`, {
		metafield_id: m.id,
		resource_id: String(m.resource_id),
		namespace: m.namespace,
	});
}

function create(ctx: Ctx, orderId: number, body: unknown): Outcome {
	const clientId = ctx.clientId ?? '';
	const f = validateFields(body);
	if (!isFields(f)) return unprocessable(f);
	if (duplicateOf(ctx.store, clientId, orderId, f)) return conflict(orderId, f);
	const mine = [...ctx.store.metafields.values()].filter(
		(m) => m.owner_client_id === clientId && m.resource_id === orderId,
	);
	// The spec states the limit but no status for it: 422, its status for a metafield it refuses.
	if (mine.length >= METAFIELDS_PER_ORDER)
		return familyError(
			'v3',
			422,
			`The maximum number of metafields allowed on each order is ${METAFIELDS_PER_ORDER} per client ID.`,
			{ errors: {} },
		);
	const now = ctx.now();
	const m: OrderMetafield = {
		id: ctx.store.nextMetafieldId++,
		resource_id: orderId,
		permission_set: f.permission_set,
		namespace: f.namespace,
		key: f.key,
		value: f.value,
		description: f.description ?? '',
		owner_client_id: clientId,
		date_created: now,
		date_modified: now,
	};
	ctx.store.metafields.set(m.id, m);
	announce(ctx, 'created', m);
	return m;
}

/** The metafield `id` of this order (any order when `orderId` is undefined) the caller may see. */
function find(ctx: Ctx, id: number, orderId?: number): Outcome {
	const m = ctx.store.metafields.get(id);
	if (!m || !visible(m, ctx.clientId ?? '') || (orderId !== undefined && m.resource_id !== orderId))
		return notFound();
	return m;
}

/**
 * Another account may write a `write` metafield's value and description but not its namespace, key
 * or permission set (the brands spec's rule); a `read` one not at all.
 */
function mayWrite(m: OrderMetafield, clientId: string, f?: Fields): Reply | undefined {
	if (m.owner_client_id === clientId) return undefined;
	const forbidden = (detail: string) =>
		familyError('v3', 403, 'You do not have permission to modify this metafield.', { detail });
	if (!m.permission_set.startsWith('write'))
		return forbidden(`Its permission_set is ${m.permission_set}.`);
	if (
		f &&
		(f.namespace !== m.namespace || f.key !== m.key || f.permission_set !== m.permission_set)
	)
		return forbidden(
			'Only the API account that created it may change namespace, key or permission_set.',
		);
	return undefined;
}

function update(ctx: Ctx, id: number, body: unknown, orderId?: number): Outcome {
	const m = find(ctx, id, orderId);
	if (isReply(m)) return m;
	const f = validateFields(body);
	if (!isFields(f)) return unprocessable(f);
	const refused = mayWrite(m, ctx.clientId ?? '', f);
	if (refused) return refused;
	// The uniqueness the 409 guards on create holds on update too.
	if (duplicateOf(ctx.store, m.owner_client_id, m.resource_id, f, m.id))
		return conflict(m.resource_id, f);
	m.permission_set = f.permission_set;
	m.namespace = f.namespace;
	m.key = f.key;
	m.value = f.value;
	if (f.description !== undefined) m.description = f.description;
	m.date_modified = ctx.now();
	announce(ctx, 'updated', m);
	return m;
}

function remove(ctx: Ctx, id: number, orderId?: number): Outcome {
	const m = find(ctx, id, orderId);
	if (isReply(m)) return m;
	const refused = mayWrite(m, ctx.clientId ?? '');
	if (refused) return refused;
	ctx.store.metafields.delete(m.id);
	announce(ctx, 'deleted', m);
	return m;
}

/**
 * The filters both GETs share: key, key:in, namespace, namespace:in; `direction` orders by id;
 * `include_fields` narrows each metafield. The date and cursor parameters are not modelled.
 */
function list(ctx: Ctx, orderId?: number): Reply {
	const q = ctx.query;
	const direction = q.get('direction') ?? 'asc';
	if (direction !== 'asc' && direction !== 'desc')
		return familyError('v3', 400, 'Input is invalid', {
			detail: 'direction must be asc or desc.',
		});
	const oneOf = (name: string): Set<string> | undefined => {
		const values = [q.get(name), ...(q.get(`${name}:in`)?.split(',') ?? [])].filter(
			(v): v is string => v !== null && v !== '',
		);
		return values.length ? new Set(values) : undefined;
	};
	const keys = oneOf('key');
	const namespaces = oneOf('namespace');
	const include = q.get('include_fields');
	const fields = include
		? new Set(include.split(',').filter((f) => FIELDS.includes(f)))
		: undefined;
	const clientId = ctx.clientId ?? '';
	const all = [...ctx.store.metafields.values()]
		.filter(
			(m) =>
				visible(m, clientId) &&
				(orderId === undefined || m.resource_id === orderId) &&
				(!keys || keys.has(m.key)) &&
				(!namespaces || namespaces.has(m.namespace)),
		)
		.sort((a, b) => (direction === 'desc' ? b.id - a.id : a.id - b.id));
	const { data, pagination } = paginate(ctx, all);
	return {
		status: 200,
		body: { data: data.map((m) => metafieldBody(m, fields)), meta: { pagination } },
	};
}

const orderIdOf = (ctx: Ctx) => Number(ctx.params[0]);
const single = (o: Outcome): Reply =>
	isReply(o) ? o : { status: 200, body: { data: metafieldBody(o), meta: {} } };

export const listOrderMetafields = (ctx: Ctx): Reply => list(ctx, orderIdOf(ctx));

/** The spec's answer to a created metafield is 200, not 201. */
export const createOrderMetafield = (ctx: Ctx): Reply =>
	single(create(ctx, orderIdOf(ctx), ctx.body));

export const getOrderMetafield = (ctx: Ctx): Reply =>
	single(find(ctx, Number(ctx.params[1]), orderIdOf(ctx)));

export const updateOrderMetafield = (ctx: Ctx): Reply =>
	single(update(ctx, Number(ctx.params[1]), ctx.body, orderIdOf(ctx)));

export function deleteOrderMetafield(ctx: Ctx): Reply {
	const o = remove(ctx, Number(ctx.params[1]), orderIdOf(ctx));
	return isReply(o) ? o : { status: 204 };
}

export const listAllOrderMetafields = (ctx: Ctx): Reply => list(ctx);

/**
 * A batch is not atomic: each item is done or refused on its own, in order. All done: 200; any
 * refused: 422 with what was done in `data` and one `Error` per refused item in `errors`, its
 * `status` what the item alone would have got and its `errors` keyed by its position in the request.
 */
function batch<T>(
	ctx: Ctx,
	each: (item: unknown) => Outcome,
	done: (m: OrderMetafield) => T,
): Reply {
	if (!Array.isArray(ctx.body))
		return familyError('v3', 400, 'Input is invalid', {
			detail: 'The request body must be a JSON array.',
		});
	const data: T[] = [];
	const errors: Record<string, unknown>[] = [];
	ctx.body.forEach((item, index) => {
		const o = each(item);
		if (!isReply(o)) {
			data.push(done(o));
			return;
		}
		const body = o.body as { title?: string; detail?: string; errors?: unknown };
		const fields =
			isObject(body.errors) && Object.keys(body.errors).length
				? `: ${Object.entries(body.errors)
						.map(([k, v]) => `${k} ${String(v)}`)
						.join('; ')}`
				: '';
		errors.push({
			status: o.status,
			title: 'Bulk operation has failed',
			type: ERROR_TYPE,
			errors: { [String(index)]: `${body.title ?? 'Failed'}${fields}` },
		});
	});
	const meta = { total: ctx.body.length, success: data.length, failed: errors.length };
	return { status: errors.length ? 422 : 200, body: { data, errors, meta } };
}

export const createOrderMetafields = (ctx: Ctx): Reply =>
	batch(
		ctx,
		(item) =>
			isObject(item) && isInt(item.resource_id) && item.resource_id > 0
				? create(ctx, item.resource_id, item)
				: unprocessable({ resource_id: 'is required: the ID of the order' }),
		(m) => metafieldBody(m),
	);

export const updateOrderMetafields = (ctx: Ctx): Reply =>
	batch(
		ctx,
		(item) =>
			isObject(item) && isInt(item.id)
				? update(ctx, item.id, item)
				: unprocessable({ id: 'is required: the ID of the metafield' }),
		(m) => metafieldBody(m),
	);

export const deleteOrderMetafields = (ctx: Ctx): Reply =>
	batch(
		ctx,
		(item) => (isInt(item) ? remove(ctx, item) : unprocessable({ id: 'must be an integer' })),
		(m) => m.id,
	);
