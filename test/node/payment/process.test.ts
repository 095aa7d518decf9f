import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../../helpers/setup';
import {
	AUTHORIZE_ONLY_CARD,
	accessTokenParams,
	newCard,
	processParams,
} from '../../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Payment → Process, every instrument type', () => {
	test('new card, with Save Instrument: approved, order paid, the saved card shown', async () => {
		const id = await createOrder(emulator, 4, 30);
		const run = await runNode(
			emulator,
			processParams(
				id,
				newCard('4111 1111 1111 1111', {
					cardholderName: 'Margaret Hamilton',
					expiryMonth: 4,
					expiryYear: 2032,
					saveInstrument: true,
				}),
			),
		);
		const [ok] = json(run.out[0]);
		expect(ok).toMatchObject({
			outcome: 'approved',
			orderId: id,
			status: 'success',
			transactionType: 'purchase',
			paymentMethodId: 'stripe.card',
			instrument: { type: 'card', brand: 'VISA', last4: '1111', expiryMonth: 4, expiryYear: 2032 },
		});
		expect(ok.savedInstrument).toMatchObject({
			type: 'stored_card',
			brand: 'VISA',
			last4: '1111',
			expiryMonth: 4,
			expiryYear: 2032,
		});
		expect(String((ok.savedInstrument as { token: string }).token)).toHaveLength(64);
		expect(emulator.store().orders.get(id)?.status_id).toBe(11);
		expect(emulator.charges(id)).toHaveLength(1);
	});

	interface StoredCase {
		instrumentType: string;
		paymentMethodId: string;
		storedToken: string;
		/** what the gateway answers: ACH settles later, so it is pending */
		status: 'success' | 'pending';
	}
	test.each<StoredCase>([
		{
			instrumentType: 'stored_card',
			paymentMethodId: 'stripe.card',
			storedToken: TOKENS.adaVisa,
			status: 'success',
		},
		{
			instrumentType: 'stored_paypal_account',
			paymentMethodId: 'braintree.paypal',
			storedToken: TOKENS.adaPaypal,
			status: 'success',
		},
		{
			instrumentType: 'stored_bank_account',
			paymentMethodId: 'braintree.ach',
			storedToken: TOKENS.adaBank,
			status: 'pending',
		},
	])('$instrumentType', async ({ instrumentType, paymentMethodId, storedToken, status }) => {
		const id = await createOrder(emulator, 1);
		const run = await runNode(
			emulator,
			processParams(id, { instrumentType, paymentMethodId, storedToken }),
		);
		expect(json(run.out[0])[0]).toMatchObject({
			outcome: 'approved',
			status,
			paymentMethodId,
			// named by the token's last 4, as the default instrument is: never the token itself
			instrument: { type: instrumentType, tokenLast4: storedToken.slice(-4) },
		});
		expect(JSON.stringify(run.out)).not.toContain(storedToken);
		expect(emulator.charges(id)).toHaveLength(1);
	});

	test('gift certificate covering part, then store credit for the rest', async () => {
		const id = await createOrder(emulator, 1, 30);
		const gift = await runNode(
			emulator,
			processParams(id, {
				instrumentType: 'gift_certificate',
				giftCertificateCode: 'GIFT-010-DEF',
			}),
		);
		expect(json(gift.out[0])[0]).toMatchObject({
			outcome: 'approved',
			paymentMethodId: 'bigcommerce.gift_certificate',
			instrument: { type: 'gift_certificate', code: '…-DEF' },
		});
		expect(emulator.store().orders.get(id)?.status_id).toBe(1);
		const credit = await runNode(emulator, processParams(id, { instrumentType: 'store_credit' }));
		expect(json(credit.out[0])[0]).toMatchObject({
			outcome: 'approved',
			paymentMethodId: 'bigcommerce.store_credit',
		});
		expect(emulator.store().orders.get(id)?.status_id).toBe(11);
		expect(emulator.charges(id).map((c) => c.amount)).toEqual([10, 20]);
	});

	test("the customer's default stored instrument, looked up through the order", async () => {
		const ada = await createOrder(emulator, 1);
		const linus = await createOrder(emulator, 3);
		const run = await runNode(
			emulator,
			processParams(0, {
				orderId: '={{ $json.order }}',
				instrumentType: 'default_stored_instrument',
			}),
			[{ order: ada }, { order: linus }],
		);
		expect(json(run.out[0])).toMatchObject([
			{
				orderId: ada,
				paymentMethodId: 'stripe.card',
				instrument: { type: 'stored_card', last4: '4242' },
			},
			{
				orderId: linus,
				paymentMethodId: 'braintree.paypal',
				instrument: { type: 'stored_paypal_account', email: 'linus.paypal@example.com' },
			},
		]);
	});

	test('tokenized card', async () => {
		const id = await createOrder(emulator, 0);
		const run = await runNode(
			emulator,
			processParams(id, {
				instrumentType: 'tokenized_card',
				paymentMethodId: 'stripe.card',
				tokenizedCardToken: 'K7KW-M9GX-6PQ3',
				additionalFields: { walletCardLastFour: '4242' },
			}),
		);
		expect(json(run.out[0])[0]).toMatchObject({
			outcome: 'approved',
			instrument: { type: 'tokenized_card', last4: '4242' },
		});
	});

	test('authorize-only gateway: an authorization', async () => {
		const id = await createOrder(emulator, 1);
		const run = await runNode(emulator, processParams(id, AUTHORIZE_ONLY_CARD));
		expect(json(run.out[0])[0]).toMatchObject({ transactionType: 'authorization' });
		expect(emulator.store().orders.get(id)?.payment_status).toBe('authorized');
	});

	test('a token from a Create step: the claim, one payment, the PAT never in output', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await runNode(emulator, accessTokenParams(id));
		const token = String(json(pat.out[0])[0].paymentAccessToken);
		emulator.clearRequests();
		const run = await runNode(
			emulator,
			processParams(id, {
				instrumentType: 'stored_card',
				paymentMethodId: 'stripe.card',
				storedToken: TOKENS.adaVisa,
				accessTokenSource: 'input',
			}),
			[{ paymentAccessToken: token }],
		);
		expect(json(run.out[0])[0].outcome).toBe('approved');
		expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /v3/orders/${id}/metafields`,
			'POST /payments',
		]);
		expect(JSON.stringify(run.out)).not.toContain(token);
	});
});
