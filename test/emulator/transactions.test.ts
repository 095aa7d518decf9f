import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, withEmulator } from '../helpers/setup';
import { call, card, mintPat, pay } from '../helpers/http';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const CARD_TYPES = [
	'alelo',
	'alia',
	'american_express',
	'cabal',
	'carnet',
	'dankort',
	'diners_club',
	'discover',
	'elo',
	'forbrugsforeningen',
	'jcb',
	'maestro',
	'master',
	'naranja',
	'sodexo',
	'unionpay',
	'visa',
	'vr',
];

/** Fields the spec marks non-nullable: present with a value, or absent. */
const NON_NULLABLE = [
	'id',
	'order_id',
	'event',
	'method',
	'amount',
	'currency',
	'gateway',
	'gateway_transaction_id',
	'date_created',
	'test',
	'status',
	'fraud_review',
	'reference_transaction_id',
	'payment_method_id',
	'credit_card',
];

async function transactions(orderId: number, query = '') {
	return await call(emulator, 'GET', `/v3/orders/${orderId}/transactions${query}`);
}

describe('transactions (GET /v3/orders/{id}/transactions)', () => {
	test('card_type from the spec enum, card_iin the IIN, no null where the spec forbids it', async () => {
		const brands: [string, string][] = [
			['4111111111111111', 'visa'],
			['5555555555554444', 'master'],
			['378282246310005', 'american_express'],
			['6011111111111117', 'discover'],
		];
		for (const [number, type] of brands) {
			const id = await createOrder(emulator, 1);
			await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				instrument: card(number, {
					verification_value: '1234'.slice(0, number.startsWith('3') ? 4 : 3),
				}),
			});
			const [t] = (await transactions(id)).body.data;
			expect(CARD_TYPES).toContain(t.credit_card.card_type);
			expect(t.credit_card).toEqual({
				card_type: type,
				card_iin: number.slice(0, 6),
				card_last4: number.slice(-4),
				card_expiry_month: 12,
				card_expiry_year: 2034,
			});
			for (const field of NON_NULLABLE) expect(t[field]).not.toBeNull();
		}
		const gift = await createOrder(emulator, 1, 5);
		await pay(emulator, await mintPat(emulator, gift), {
			payment_method_id: 'bigcommerce.gift_certificate',
			instrument: { type: 'gift_certificate', gift_certificate_code: 'GIFT-010-DEF' },
		});
		const [g] = (await transactions(gift)).body.data;
		expect(g).toMatchObject({ method: 'gift_certificate', gateway: 'giftcertificate' });
		expect(g).not.toHaveProperty('credit_card');
		expect(g).not.toHaveProperty('reference_transaction_id');
		for (const field of NON_NULLABLE) expect(g[field]).not.toBeNull();
	});

	test('every attempt the gateway saw is listed: declines as status error, then the success', async () => {
		const id = await createOrder(emulator, 1, 12);
		const declined = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4000000000000002'),
		});
		expect(declined.body.code).toBe(30102);
		const noFunds = await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: { type: 'stored_card', token: TOKENS.adaVisa, verification_value: '123' },
		});
		expect(noFunds.status).toBe(201);
		const list = (await transactions(id)).body.data;
		expect(list.map((t: { status: string; event: string }) => [t.event, t.status])).toEqual([
			['purchase', 'error'],
			['purchase', 'ok'],
		]);
		expect(list[0]).toMatchObject({
			amount: 12,
			gateway: 'stripe',
			payment_method_id: 'stripe.card',
			credit_card: { card_type: 'visa', card_last4: '0002' },
		});
		expect(list[1].payment_instrument_token).toBe(TOKENS.adaVisa);
		expect((await call(emulator, 'GET', `/v2/orders/${id}`)).body.status_id).toBe(11);
	});

	test('a charge committed and then dropped is on the list although the client never heard', async () => {
		const id = await createOrder(emulator, 1);
		const pat = await mintPat(emulator, id);
		emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
		await expect(
			pay(emulator, pat, {
				payment_method_id: 'stripe.card',
				instrument: card('4111111111111111'),
			}),
		).rejects.toThrow();
		const list = (await transactions(id)).body.data;
		expect(list).toEqual([
			expect.objectContaining({ event: 'purchase', status: 'ok', amount: 25 }),
		]);
		expect(list[0].gateway_transaction_id).toBe(emulator.charges(id)[0].id);
	});

	test('pages: page and limit with meta.pagination and links a client can follow', async () => {
		const id = await createOrder(emulator, 1);
		for (let i = 0; i < 4; i++)
			await pay(emulator, await mintPat(emulator, id), {
				payment_method_id: 'stripe.card',
				instrument: card('4000000000000002'),
			});
		await pay(emulator, await mintPat(emulator, id), {
			payment_method_id: 'stripe.card',
			instrument: card('4111111111111111'),
		});
		const seen: number[] = [];
		let query = '?limit=2';
		for (;;) {
			const page = await transactions(id, query);
			expect(page.status).toBe(200);
			seen.push(...page.body.data.map((t: { id: number }) => t.id));
			const { pagination } = page.body.meta;
			expect(pagination).toMatchObject({ total: 5, per_page: 2, total_pages: 3 });
			if (!pagination.links.next) break;
			query = pagination.links.next;
		}
		expect(seen).toHaveLength(5);
		expect(new Set(seen).size).toBe(5);
		const second = await transactions(id, '?page=2&limit=2');
		expect(second.body.meta.pagination).toMatchObject({
			count: 2,
			current_page: 2,
			links: { previous: '?page=1&limit=2', current: '?page=2&limit=2', next: '?page=3&limit=2' },
		});
		const none = await createOrder(emulator, 1);
		expect((await transactions(none)).status).toBe(204);
	});
});
