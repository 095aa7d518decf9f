/**
 * JSON Schemas of BigCommerce's order-metafield answers, written here from what `orders.v3.yml`
 * says (bigcommerce/docs; its text has no licence, so it is paraphrased, not copied). Where the spec
 * leaves a field optional but the sandbox always sends it, the schema requires it, and no answer may
 * carry a field the spec does not name: the sandbox must neither drop nor invent anything.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';

/** RFC 3339 date-time, as the spec's `format: date-time` (example `2022-06-16T18:39:00+00:00`). */
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';

const metafield = {
	type: 'object',
	additionalProperties: false,
	required: [
		'id',
		'permission_set',
		'namespace',
		'key',
		'value',
		'description',
		'resource_type',
		'resource_id',
		'date_created',
		'date_modified',
		'owner_client_id',
	],
	properties: {
		id: { type: 'integer' },
		permission_set: {
			enum: ['app_only', 'read', 'write', 'read_and_sf_access', 'write_and_sf_access'],
		},
		namespace: { type: 'string', minLength: 1, maxLength: 64 },
		key: { type: 'string', minLength: 1, maxLength: 64 },
		value: { type: 'string', minLength: 1, maxLength: 65535 },
		description: { type: 'string', maxLength: 255 },
		// The spec's enum is order, brand, product, variant, category; on an order it is order.
		resource_type: { const: 'order' },
		resource_id: { type: 'integer' },
		date_created: { type: 'string', pattern: DATE_TIME },
		date_modified: { type: 'string', pattern: DATE_TIME },
		owner_client_id: { type: 'string' },
	},
};

const pagination = {
	type: 'object',
	additionalProperties: false,
	required: ['total', 'count', 'per_page', 'current_page', 'total_pages', 'links'],
	properties: {
		total: { type: 'integer' },
		count: { type: 'integer' },
		per_page: { type: 'integer' },
		current_page: { type: 'integer' },
		total_pages: { type: 'integer' },
		links: {
			type: 'object',
			additionalProperties: false,
			properties: {
				previous: { type: 'string' },
				current: { type: 'string' },
				next: { type: 'string' },
			},
		},
	},
};

/** An error in a batch answer: status, title, type and a free map of details. */
const batchError = {
	type: 'object',
	additionalProperties: false,
	required: ['status', 'title', 'type', 'errors'],
	properties: {
		status: { type: 'integer' },
		title: { type: 'string' },
		type: { type: 'string' },
		errors: { type: 'object', additionalProperties: { type: 'string' } },
	},
};

const batchMeta = {
	type: 'object',
	additionalProperties: false,
	required: ['total', 'success', 'failed'],
	properties: {
		total: { type: 'integer' },
		success: { type: 'integer' },
		failed: { type: 'integer' },
	},
};

const batch = (item: object, errors: object) => ({
	type: 'object',
	additionalProperties: false,
	required: ['data', 'errors', 'meta'],
	properties: { data: { type: 'array', items: item }, errors, meta: batchMeta },
});

export const schemas = {
	/** MetafieldResponse: one metafield and an open `meta` */
	single: {
		type: 'object',
		additionalProperties: false,
		required: ['data', 'meta'],
		properties: { data: metafield, meta: { type: 'object' } },
	},
	/** MetaFieldCollectionResponse: `meta` is CollectionMeta (pagination; cursor_pagination optional) */
	collection: {
		type: 'object',
		additionalProperties: false,
		required: ['data', 'meta'],
		properties: {
			data: { type: 'array', items: metafield },
			meta: {
				type: 'object',
				additionalProperties: false,
				required: ['pagination'],
				properties: { pagination, cursor_pagination: { type: 'object' } },
			},
		},
	},
	/** MetaFieldCollectionResponse_POST_PUT: 200, `errors` empty */
	batchWritten: batch(metafield, { type: 'array', maxItems: 0 }),
	/** MetaFieldCollectionResponsePartialSuccess_POST_PUT: 422, what was done and what failed */
	batchWrittenInPart: batch(metafield, { type: 'array', minItems: 1, items: batchError }),
	/** MetaFieldCollectionDeleteResponseSuccess: the deleted ids */
	batchDeleted: batch({ type: 'integer' }, { type: 'array', maxItems: 0 }),
	/** MetaFieldCollectionResponsePartialSuccess_DELETE */
	batchDeletedInPart: batch({ type: 'integer' }, { type: 'array', minItems: 1, items: batchError }),
	/** ErrorResponse (409, 422): error_Base plus an open `errors` object */
	error: {
		type: 'object',
		required: ['status', 'title', 'type', 'errors'],
		properties: {
			status: { type: 'integer' },
			title: { type: 'string' },
			type: { type: 'string' },
			errors: { type: 'object' },
		},
	},
	/** NotFound (404): its `errors` is an array */
	notFound: {
		type: 'object',
		additionalProperties: false,
		required: ['status', 'title', 'type', 'errors'],
		properties: {
			status: { const: 404 },
			title: { type: 'string' },
			type: { type: 'string' },
			errors: { type: 'array' },
		},
	},
	/** the 400 the spec spells out inline: status, title, type, detail */
	badRequest: {
		type: 'object',
		additionalProperties: false,
		required: ['status', 'title', 'type', 'detail'],
		properties: {
			status: { const: 400 },
			title: { type: 'string', minLength: 1 },
			type: { type: 'string', minLength: 1 },
			detail: { type: 'string', minLength: 1 },
		},
	},
};

export type SchemaName = keyof typeof schemas;

const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = Object.fromEntries(
	Object.entries(schemas).map(([name, schema]) => [name, ajv.compile(schema)]),
) as Record<SchemaName, ValidateFunction>;

/** The schema's complaints about `body`, one line each; empty when it conforms. */
export function violations(name: SchemaName, body: unknown): string[] {
	const validate = compiled[name];
	if (validate(body)) return [];
	return (validate.errors ?? []).map(
		(e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
	);
}
