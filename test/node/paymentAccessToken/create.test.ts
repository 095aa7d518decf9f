import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { accessTokenParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Payment Access Token → Create', () => {
	test('outputs the token, its expiry (from the JWT) and the order', async () => {
		const id = await createOrder(emulator, 1);
		const before = Date.now();
		const run = await runNode(
			emulator,
			accessTokenParams(id, { additionalFields: { isRecurring: true } }),
		);
		const [out] = json(run.out[0]);
		expect(out).toMatchObject({ orderId: id, isRecurring: true });
		expect(String(out.paymentAccessToken).split('.')).toHaveLength(3);
		const expires = Date.parse(String(out.expiresAt));
		expect(expires - before).toBeGreaterThan(3590 * 1000);
		expect(expires - before).toBeLessThan(3610 * 1000);
	});

	test('on a paid order: code 30101 like the payment would give', async () => {
		const orderId = await createOrder(emulator, 1, 10, { status_id: 11 });
		const run = await runNode(emulator, accessTokenParams(orderId), [{}], {
			onError: 'continueRegularOutput',
		});
		expect(json(run.out[0])[0].details).toMatchObject({
			code: 30101,
			reason: 'order_not_payable',
			httpStatus: 422,
		});
	});
});
