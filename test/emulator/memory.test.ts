import v8 from 'node:v8';
import vm from 'node:vm';

import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('memory', () => {
	test('10 000 orders and charges stay bounded', async () => {
		const big = await withEmulator({ rateLimits: { management: false, payments: false } });
		try {
			const store = big.store();
			// A real collection before each reading, so the figure is what the emulator retains.
			v8.setFlagsFromString('--expose_gc');
			const gc = vm.runInNewContext('gc') as () => void;
			gc();
			const before = process.memoryUsage().heapUsed;
			for (let i = 0; i < 10000; i++) {
				const id = await createOrder(big, 1, 10);
				const r = await pay(big, await mintPat(big, id), {
					payment_method_id: 'stripe.card',
					instrument: card('4111111111111111'),
				});
				if (r.status !== 201) throw new Error(JSON.stringify(r.body));
			}
			gc();
			const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
			expect(store.orders.size).toBe(10000);
			expect(big.charges()).toHaveLength(10000);
			// The request log is a ring; orders, charges and spent PATs are what remain.
			expect(big.requests().length).toBeLessThanOrEqual(5000);
			expect(grown).toBeLessThan(100);
			console.log(`emulator heap growth for 10000 orders + 10000 charges: ${grown.toFixed(1)} MiB`);
		} finally {
			await big.stop();
		}
		// A safety net, not a speed target: 30 000 requests take minutes on a busy 2-core machine.
	}, 600000);
});
