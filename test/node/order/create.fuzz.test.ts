import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { createOrderParams } from '../../helpers/params';
import { ADDRESS, json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());

/**
 * Thousands of generated bad values, each in one field of one item, all in one execution with
 * Continue On Fail: every item must fail before sending, naming its field, and BigCommerce must
 * receive nothing at all.
 */
const GOOD: IDataObject = {
	customer_id: 1,
	name: 'Annual plan',
	quantity: 1,
	price: 99,
	product_id: 101,
	key: 'D-1',
};

const junk = fc.oneof(
	fc.constant(null),
	fc.constant(''),
	fc.boolean(),
	fc.constant([]),
	fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { minKeys: 1, maxKeys: 3 }),
);
const notNumeric = fc
	.string({ minLength: 1, maxLength: 12 })
	.filter((s) => !/^\s*-?\d+(\.\d+)?\s*$/.test(s));
const badWhole = (min: number, max: number) =>
	fc.oneof(
		junk,
		notNumeric,
		fc.integer({ min: -1e6, max: min - 1 }),
		fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
		fc.constant(1e20),
		fc
			.double({ min: min + 0.01, max: Math.min(max, 1e6) - 0.01, noNaN: true })
			.filter((n) => !Number.isInteger(n)),
	);
const badMoney = fc.oneof(
	junk,
	notNumeric,
	fc.double({ max: -0.01, noNaN: true }),
	fc.constant(1e20),
);
const badText = fc.oneof(
	fc.boolean(),
	fc.constant([]),
	fc.dictionary(fc.string(), fc.integer(), { minKeys: 1 }),
);

/** field in the item → the field name the error must name, and its bad values */
const CASES: Array<[string, string, fc.Arbitrary<unknown>]> = [
	['customer_id', 'Customer ID', badWhole(0, 2147483647)],
	['quantity', 'Quantity', badWhole(1, 1e6)],
	['price', 'Price', badMoney],
	['name', 'Name', fc.oneof(badText, fc.constant(''))],
	['product_id', 'Product ID', badWhole(1, 2147483647)],
	[
		'key',
		'Idempotency Key',
		fc.oneof(
			badText,
			fc.string({ minLength: 256, maxLength: 300 }).filter((s) => s.trim().length > 255),
		),
	],
];

const sample = fc.sample(
	fc
		.tuple(fc.integer({ min: 0, max: CASES.length - 1 }), fc.nat())
		.chain(([c]) => CASES[c][2].map((value) => ({ c, value }))),
	{ numRuns: 2000, seed: 20261125 },
);

test('2 000 generated bad inputs to Order → Create: each names its field, none is sent', async () => {
	emulator.reset();
	const items = sample.map(({ c, value }) => ({ ...GOOD, [CASES[c][0]]: value }) as IDataObject);
	const run = await runNode(
		emulator,
		createOrderParams({
			customerId: '={{ $json.customer_id }}',
			billingAddress: ADDRESS,
			lineItems: {
				customItems: [
					{
						name: '={{ $json.name }}',
						quantity: '={{ $json.quantity }}',
						price: '={{ $json.price }}',
					},
				],
				catalogProducts: [{ productId: '={{ $json.product_id }}', quantity: 1 }],
			},
			idempotencyKey: '={{ $json.key }}',
		}),
		items,
		{ continueOnFail: true },
	);
	const out = json(run.out[0]);
	expect(out).toHaveLength(items.length);
	const wrong = out
		.map((o, i) => ({ i, o, field: CASES[sample[i].c][1] }))
		.filter(({ o, field }) => {
			const details = o.details as IDataObject | undefined;
			return details?.reason !== 'invalid_input' || !String(details.field ?? '').includes(field);
		});
	expect(wrong.slice(0, 5).map(({ i, o }) => ({ value: sample[i].value, o }))).toEqual([]);
	expect(emulator.requests()).toEqual([]);
});
