import {
	errorFromResponse,
	parseErrorBody,
	redact,
} from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api';
import { retryDelayAfter429 } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api/pacer';

describe('parseErrorBody reads every shape BigCommerce uses', () => {
	interface BodyCase {
		name: string;
		/** the error body as it arrives, parsed JSON or text */
		body: unknown;
		code: number | null;
		message: RegExp;
	}
	test.each<BodyCase>([
		{
			name: 'payments spec',
			body: {
				status: 422,
				title: 'Insufficient funds',
				type: 'x',
				detail: 'Declined.',
				code: 30106,
			},
			code: 30106,
			message: /Insufficient funds — Declined\./,
		},
		{
			name: 'errors array',
			body: { errors: [{ code: 30102, message: 'Card details could not be verified' }] },
			code: 30102,
			message: /could not be verified/,
		},
		{
			name: 'string code',
			body: { errors: [{ code: '30103', message: 'Card expired' }] },
			code: 30103,
			message: /Card expired/,
		},
		{
			name: 'v3 field errors',
			body: {
				status: 422,
				title: 'JSON data is missing or invalid',
				type: 'x',
				errors: { 'order.id': 'must be an integer' },
			},
			code: null,
			message: /order\.id: must be an integer/,
		},
		{
			name: 'v2 array',
			body: [{ status: 400, message: "The field 'zip' is invalid." }],
			code: null,
			message: /zip/,
		},
		{
			name: 'refund data array',
			body: {
				data: [
					{ status: 422, title: 'Unable to provide store credit for a guest customer.', type: 'x' },
				],
			},
			code: null,
			message: /guest customer/,
		},
		{
			name: 'JSON text',
			body: '{"status":422,"title":"Order is not valid","code":30101}',
			code: 30101,
			message: /Order is not valid/,
		},
		{ name: 'plain text', body: 'Bad Gateway', code: null, message: /Bad Gateway/ },
		{ name: 'empty', body: undefined, code: null, message: /without a message/ },
	])('$name', ({ body, code, message }) => {
		const parsed = parseErrorBody(body);
		expect(parsed.code).toBe(code);
		expect(parsed.message).toMatch(message);
	});

	test('HTTP status decides auth, scope and rate-limit reasons before the code does', () => {
		expect(errorFromResponse(401, { code: 10001, title: 'Unauthorized' }).details.reason).toBe(
			'unauthorized',
		);
		expect(errorFromResponse(403, [{ status: 403, message: 'Missing scope' }]).details.reason).toBe(
			'missing_scope',
		);
		expect(errorFromResponse(500, { code: 10000, title: 'Temporary' }).details).toMatchObject({
			reason: 'temporary_error',
			retryable: true,
		});
		expect(errorFromResponse(503, {}).details).toMatchObject({ reason: 'server_error' });
		expect(
			errorFromResponse(422, { code: 30102, detail: 'This card needs 3-D Secure' }).details,
		).toMatchObject({ reason: 'three_d_secure_required', outcome: 'declined' });
	});

	test('redact masks card numbers, JWTs and given secrets', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
		const text = redact(
			`card 4111 1111 1111 1111 and 4000000000009995, token ${jwt}, key s3cr3t-key`,
			['s3cr3t-key'],
		);
		expect(text).toBe('card •••• 1111 and •••• 9995, token [redacted token], key [redacted]');
	});
});

describe('the wait after a 429', () => {
	test('the longer of the reset header and X-Retry-After', () => {
		expect(
			retryDelayAfter429({ 'x-rate-limit-time-reset-ms': '1500', 'x-retry-after': '1' }, 0),
		).toBe(1510);
		expect(
			retryDelayAfter429({ 'x-rate-limit-time-reset-ms': '200', 'x-retry-after': '2' }, 0),
		).toBe(2010);
		expect(retryDelayAfter429({ 'X-Rate-Limit-Time-Reset-Ms': '300' }, 0)).toBe(310);
	});

	test('exponential back-off when neither header came (load shedding), never at once', () => {
		expect([0, 1, 2, 3, 10].map((attempt) => retryDelayAfter429({}, attempt))).toEqual([
			1000, 2000, 4000, 8000, 30000,
		]);
		expect(retryDelayAfter429({ 'x-retry-after': 'soon' }, 0)).toBe(1000);
	});
});
