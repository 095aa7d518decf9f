import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { rl } from '../../helpers/pickers';
import { json, runNode, withEmulator } from '../../helpers/setup';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const instruments = (customerId: string | ReturnType<typeof rl>) =>
	runNode(emulator, { resource: 'customer', operation: 'getStoredInstruments', customerId });

async function envelope(storedInstrumentsEnvelope: 'array' | 'data') {
	const r = await fetch(`${emulator.url}/__emulator/settings`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ storedInstrumentsEnvelope }),
	});
	expect(r.status).toBeLessThan(300);
}

const ADA = [
	{
		customerId: 1,
		type: 'stored_card',
		token: TOKENS.adaVisa,
		isDefault: true,
		brand: 'VISA',
		last4: '4242',
		expiryMonth: 12,
		expiryYear: 2031,
	},
	{
		type: 'stored_card',
		token: TOKENS.adaMastercard,
		isDefault: false,
		brand: 'MASTERCARD',
		last4: '4444',
	},
	{ type: 'stored_paypal_account', token: TOKENS.adaPaypal, email: 'ada.paypal@example.com' },
	{
		type: 'stored_bank_account',
		token: TOKENS.adaBank,
		maskedAccountNumber: '12XXX56',
		issuer: 'DE001',
	},
];

test.each([
	['a bare array (the spec)', 'array' as const],
	['a data envelope', 'data' as const],
])('one item per instrument, with its token, from %s', async (_name, shape) => {
	await envelope(shape);
	const run = await instruments(rl('1'));
	expect(run.error()).toBeUndefined();
	const out = json(run.out[0]);
	expect(out).toHaveLength(4);
	ADA.forEach((expected, n) => expect(out[n]).toMatchObject(expected));
	// of a card, never more than brand, last 4 and expiry
	expect(JSON.stringify(out)).not.toMatch(/issuer_identification_number|424242/);
});

test('the customer as a plain ID works; a customer without instruments gives no items', async () => {
	const seed = (await (await fetch(`${emulator.url}/__emulator/seed`)).json()) as {
		customers: { id: number; instruments: unknown[] }[];
	};
	const bare = seed.customers.find((c) => c.instruments.length === 0);
	expect(bare).toBeDefined();
	const run = await instruments(String(bare!.id));
	expect(run.error()).toBeUndefined();
	expect(run.out[0]).toEqual([]);
});

test('a customer id that is not a number fails naming the field, and nothing is sent', async () => {
	emulator.clearRequests();
	const run = await runNode(
		emulator,
		{
			resource: 'customer',
			operation: 'getStoredInstruments',
			customerId: rl('={{ $json.customer }}', 'id'),
		},
		[{ customer: 'ada' }],
		{ continueOnFail: true },
	);
	expect(JSON.stringify(run.out[0][0].json)).toMatch(/Customer/);
	expect(emulator.requests().filter((r) => r.path.includes('customers'))).toHaveLength(0);
});
