import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { TOKENS } from 'bigcommerce-emulator';
import { createOrder, runNode, sandboxCredentials, withEmulator } from '../helpers/setup';
import {
	accessTokenParams,
	newCard,
	orderParams,
	paymentMethodsParams,
	processParams,
} from '../helpers/params';

/**
 * Runs every scenario the node has (each operation, each outcome, each failure mode, each error
 * setting) and searches everything a user or an operator could see — output items, error
 * messages and descriptions, and every console line n8n's logger wrote — for card numbers, CVVs,
 * the store's access token, any payment access token and any stored-instrument token.
 * (leak.parameters.test.ts sweeps every parameter of every operation the same way.)
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			rateLimits: {
				management: { quota: 100_000, windowMs: 30_000 },
				payments: { quota: 100_000, windowMs: 4_000 },
			},
		})),
);
afterAll(async () => await emulator.stop());

const CARDS = [
	'4111111111111111',
	'4000000000000002',
	'4000000000000069',
	'4000000000000119',
	'4000000000000259',
	'4000000000009995',
	'4000000000003220',
	'4000000000000341',
	'5555555555554444',
	'4111111111111112',
];
const CVVS = ['7319', '8642'];
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

test('no card number, CVV, access token, PAT or stored token in any output, error or log line', async () => {
	const logged: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
		jest
			.spyOn(console, level)
			.mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
	);
	const stdout = jest
		.spyOn(process.stdout, 'write')
		.mockImplementation((chunk: string | Uint8Array) => (logged.push(String(chunk)), true));
	const seen: string[] = [];
	const record = (run: Awaited<ReturnType<typeof runNode>>, outputs = true) => {
		if (outputs) seen.push(JSON.stringify(run.out));
		const error = run.error() as (Error & { description?: string }) | undefined;
		if (error)
			seen.push(
				JSON.stringify({
					...error,
					message: error.message,
					description: error.description,
					stack: error.stack,
				}),
			);
	};
	try {
		const card = (orderId: number | string, number: string, cvv: string, extra: IDataObject) =>
			processParams(orderId, newCard(number, { cardholderName: 'Ada', cvv, ...extra }));
		const settings = [
			{},
			{ onError: 'continueRegularOutput' as const },
			{ onError: 'continueErrorOutput' as const },
		];
		for (const routing of ['split', 'single']) {
			for (const setting of settings) {
				for (const [i, number] of CARDS.entries()) {
					const orderId = await createOrder(emulator, 1);
					const cvv = CVVS[i % 2];
					record(
						await runNode(
							emulator,
							card(orderId, number, cvv, {
								saveInstrument: number === '4000000000000341',
								routing,
							}),
							[{}],
							setting,
						),
					);
				}
				// bad CVV and bad expiry fail validation; their values must not be echoed
				record(
					await runNode(
						emulator,
						card('100', '4111111111111111', '73190', { routing }),
						[{}],
						setting,
					),
				);
				// failures after sending: dropped, 5xx, reset
				for (const kind of ['commitThenDrop', 'reset', 'status'] as const) {
					const orderId = await createOrder(emulator, 1);
					emulator.addFault({ route: 'POST /payments', kind, status: 502, times: 1 });
					// after a reset the order cannot be read either: the outcome stays unknown
					if (kind === 'reset')
						emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 403, times: 1 });
					record(
						await runNode(
							emulator,
							card(orderId, '4111111111111111', '7319', {
								routing,
								additionalFields: { reconcileFor: 0 },
							}),
							[{}],
							setting,
						),
					);
				}
				// stored instruments, default instrument, a spent PAT from a previous step
				const orderId = await createOrder(emulator, 1);
				const pat = await runNode(emulator, accessTokenParams(orderId));
				const token = String(pat.out[0][0].json.paymentAccessToken);
				expect(token).toMatch(JWT);
				for (let attempt = 0; attempt < 2; attempt++) {
					record(
						await runNode(
							emulator,
							processParams(orderId, {
								instrumentType: 'stored_card',
								paymentMethodId: 'stripe.card',
								storedToken: TOKENS.adaVisa,
								cvv: '8642',
								accessTokenSource: 'input',
								paymentAccessToken: token,
								routing,
							}),
							[{}],
							setting,
						),
					);
				}
				// With the token in the input item, n8n's error output merges that input into the error
				// item (engine behaviour, as for any node); what the node itself adds must stay clean.
				const fromInput = await runNode(
					emulator,
					processParams(orderId, {
						instrumentType: 'stored_card',
						paymentMethodId: 'stripe.card',
						storedToken: TOKENS.adaVisa,
						accessTokenSource: 'input',
						routing,
					}),
					[{ paymentAccessToken: token }],
					setting,
				);
				seen.push(
					JSON.stringify(
						fromInput.out.flat().map((item) => ({ ...item.json, paymentAccessToken: undefined })),
					),
				);
				const other = await createOrder(emulator, 2);
				record(
					await runNode(
						emulator,
						processParams(other, { instrumentType: 'default_stored_instrument', routing }),
						[{}],
						setting,
					),
				);
				record(
					await runNode(
						emulator,
						processParams(other, {
							instrumentType: 'gift_certificate',
							giftCertificateCode: 'GIFT-OFF-XYZ',
							routing,
						}),
						[{}],
						setting,
					),
				);
			}
		}
		// the other operations, succeeding and failing, with a bad token too
		for (const setting of settings) {
			record(await runNode(emulator, orderParams('get', '999999'), [{}], setting));
			// Payment Method → Get Many exists to hand out stored-instrument tokens: its errors only
			record(await runNode(emulator, paymentMethodsParams('100'), [{}], setting), false);
			record(await runNode(emulator, accessTokenParams('100'), [{}], setting));
			record(
				await runNode(
					emulator,
					orderParams('get', '100'),
					[{}],
					setting,
					sandboxCredentials(emulator, 'wrong-secret-token'),
				),
			);
		}
	} finally {
		for (const spy of spies) spy.mockRestore();
		stdout.mockRestore();
	}
	// Payment IDs are random UUIDs; one can hold a CVV-like group of digits by chance.
	const everything = [...seen, ...logged]
		.join('\n')
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
	expect(seen.length).toBeGreaterThan(100);
	expect(everything).toContain('approved');
	expect(everything).toContain('outcome_unknown');
	for (const number of CARDS) expect(everything).not.toContain(number);
	for (const cvv of CVVS) expect(everything).not.toMatch(new RegExp(`\\b${cvv}\\b`));
	expect(everything).not.toContain('73190');
	expect(everything).not.toContain('sandbox-token');
	expect(everything).not.toContain('wrong-secret-token');
	expect(everything).not.toMatch(JWT);
	expect(everything).not.toContain('GIFT-OFF-XYZ');
	// the stored instruments typed By Token, and the default ones the node looked up
	for (const token of Object.values(TOKENS)) expect(everything).not.toContain(token);
	expect(everything).toContain(`"tokenLast4":"${TOKENS.adaVisa.slice(-4)}"`);
}, 60000);
