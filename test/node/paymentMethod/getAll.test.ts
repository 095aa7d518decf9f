import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import { paymentMethodsParams } from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Payment Method → Get Many', () => {
	test('one item per method, stored instruments included, filter by instrument type', async () => {
		const id = await createOrder(emulator, 1);
		const all = await runNode(emulator, paymentMethodsParams(id));
		expect(json(all.out[0]).map((m) => m.id)).toEqual([
			'stripe.card',
			'authorizenet.card',
			'braintree.paypal',
			'braintree.ach',
			'bigcommerce.gift_certificate',
			'bigcommerce.store_credit',
		]);
		expect(json(all.out[0])[0].stored_instruments).toHaveLength(2);
		expect(json(all.out[0])[0].order_id).toBe(id);
		const paypal = await runNode(
			emulator,
			paymentMethodsParams(id, { options: { instrumentType: 'stored_paypal_account' } }),
		);
		expect(json(paypal.out[0]).map((m) => m.id)).toEqual(['braintree.paypal']);
		const cards = await runNode(
			emulator,
			paymentMethodsParams(id, { options: { instrumentType: 'card' } }),
		);
		expect(json(cards.out[0]).map((m) => m.id)).toEqual(['stripe.card', 'authorizenet.card']);
	});

	test('by checkout ID', async () => {
		const id = await createOrder(emulator, 0);
		const cart = emulator.store().orders.get(id)?.cart_id;
		const run = await runNode(emulator, {
			resource: 'paymentMethod',
			operation: 'getAll',
			lookUpBy: 'checkout',
			checkoutId: cart,
		});
		expect(run.out[0].length).toBe(5);
	});
});
