import { errorFromResponse } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/api';

/**
 * BigCommerce declines a card that needs 3-D Secure as 30102 and says so only in the detail text.
 * The code decides: other errors that merely mention 3-D Secure keep their own reason.
 */
test('30102 whose detail names 3-D Secure is three_d_secure_required', () => {
	const body = { code: 30102, detail: 'The card requires 3-D Secure authentication.' };
	expect(errorFromResponse(422, body).details).toMatchObject({
		reason: 'three_d_secure_required',
		outcome: 'declined',
	});
});

test.each([
	{ name: 'insufficient funds', code: 30106, reason: 'insufficient_funds' },
	{ name: 'invalid data', code: 10001, reason: 'invalid_request' },
	{ name: 'temporary error', code: 10000, reason: 'temporary_error' },
])('$name that mentions 3DS keeps its own reason', ({ code, reason }) => {
	const body = { code, title: 'Declined', detail: 'Gateway note: 3DS was not attempted.' };
	expect(errorFromResponse(422, body).details.reason).toBe(reason);
});
