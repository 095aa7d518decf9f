import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('rate limits', () => {
	test('management headers count down; a burst past the quota gets 429 with reset headers', async () => {
		const small = await withEmulator({ rateLimits: { management: { windowMs: 5000, quota: 5 } } });
		try {
			const lefts: number[] = [];
			for (let i = 0; i < 5; i++) {
				const r = await call(small, 'GET', '/v2/time');
				expect(r.headers.get('x-rate-limit-time-window-ms')).toBe('5000');
				expect(r.headers.get('x-rate-limit-requests-quota')).toBe('5');
				expect(Number(r.headers.get('x-rate-limit-time-reset-ms'))).toBeLessThanOrEqual(5000);
				lefts.push(Number(r.headers.get('x-rate-limit-requests-left')));
			}
			expect(lefts).toEqual([4, 3, 2, 1, 0]);
			const limited = await call(small, 'GET', '/v2/time');
			expect(limited.status).toBe(429);
			expect(limited.body).toEqual([{ status: 429, message: expect.any(String) }]);
			expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThanOrEqual(1);
			expect(Number(limited.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(0);
			await new Promise((r) =>
				setTimeout(r, Number(limited.headers.get('x-rate-limit-time-reset-ms')) + 20),
			);
			expect((await call(small, 'GET', '/v2/time')).status).toBe(200);
		} finally {
			await small.stop();
		}
	});

	test('the payments host allows 50 per 4 s by default and a 429 does not spend the PAT', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await mintPat(emulator, id);
		const payment = { payment_method_id: 'stripe.card', instrument: card('4111111111111111') };
		const statuses = [];
		for (let i = 0; i < 50; i++) statuses.push((await pay(emulator, 'not-a-pat', payment)).status);
		expect(new Set(statuses)).toEqual(new Set([401]));
		const limited = await pay(emulator, pat, payment);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-rate-limit-requests-quota')).toBe('50');
		await new Promise((r) =>
			setTimeout(r, Number(limited.headers.get('x-rate-limit-time-reset-ms')) + 20),
		);
		expect((await pay(emulator, pat, payment)).status).toBe(201);
	});
});
