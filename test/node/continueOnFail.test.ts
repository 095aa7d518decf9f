import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../helpers/setup';
import { newCard, processParams } from '../helpers/params';

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

/** n8n's error settings, on Payment → Process with good, invalid and declined items mixed. */
describe('Continue On Fail, the error output and paired items with mixed items', () => {
	async function mixed(
		settings: Record<string, unknown>,
		routing = 'single',
		extra: Record<string, unknown> = {},
	) {
		const good1 = await createOrder(emulator, 1);
		const good2 = await createOrder(emulator, 3);
		const declined = await createOrder(emulator, 1);
		const items = [
			{ order: good1, card: '4111111111111111' },
			{ order: 'not-a-number', card: '4111111111111111' },
			{ order: declined, card: '4000000000000002' },
			{ order: good2, card: '5555555555554444' },
		];
		const params = processParams(
			'={{ $json.order }}',
			newCard('={{ $json.card }}', { routing, ...extra }),
		);
		return { run: await runNode(emulator, params, items, settings), good1, good2, declined };
	}

	test('continueRegularOutput: items in order, paired; errors as {error, details}', async () => {
		const { run, good1, good2, declined } = await mixed({ onError: 'continueRegularOutput' });
		const out = json(run.out[0]);
		expect(run.out[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(out[0]).toMatchObject({ outcome: 'approved', orderId: good1 });
		expect(out[1]).toMatchObject({
			error: expect.stringMatching(/^Order ID/),
			details: { reason: 'invalid_input' },
		});
		expect(out[2]).toMatchObject({
			details: { code: 30102, reason: 'card_not_verified', orderId: declined },
		});
		expect(out[3]).toMatchObject({ outcome: 'approved', orderId: good2 });
		expect(emulator.charges()).toHaveLength(2);
	});

	test('continueErrorOutput: successes on main, failures on the error output, paired', async () => {
		const { run } = await mixed({ onError: 'continueErrorOutput' });
		expect(run.out[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(run.out[1].map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(json(run.out[1]).map((j) => (j.details as { reason: string }).reason)).toEqual([
			'invalid_input',
			'card_not_verified',
		]);
	});

	test('legacy continueOnFail behaves like continueRegularOutput', async () => {
		const { run } = await mixed({ continueOnFail: true });
		expect(run.out[0]).toHaveLength(4);
	});

	test('one at a time, without Continue On Fail, a failure stops the node; nothing after is charged', async () => {
		const { run, good1, good2 } = await mixed({}, 'single', {
			requestOptions: { parallelRequests: 1 },
		});
		const error = run.error() as Error & { description?: string; context?: IDataObject };
		expect(error.message).toMatch(/^Order ID must be a positive whole number/);
		expect(emulator.charges(good2)).toHaveLength(0);
		const [charge] = emulator.charges(good1);
		expect(error.description).toContain(`order ${good1} (payment ${charge.id})`);
		expect(error.context?.doneInThisRun).toEqual([
			{ item: 0, orderId: good1, paymentId: charge.id },
		]);
	});

	test('in parallel, the stop lets running items finish and names every charge in the error', async () => {
		const { run } = await mixed({}, 'single', { requestOptions: { parallelRequests: 4 } });
		const error = run.error() as Error & { description?: string; context?: IDataObject };
		expect(error.message).toMatch(/^Order ID must be a positive whole number/);
		const charges = emulator.charges();
		expect(charges.length).toBeGreaterThan(0);
		for (const charge of charges)
			expect(error.description).toContain(`order ${charge.order_id} (payment ${charge.id})`);
		expect(error.context?.doneInThisRun).toHaveLength(charges.length);
	});

	test('split mode: three outputs, each item on one, paired', async () => {
		const { run } = await mixed({}, 'split');
		expect(run.out.map((o) => o.map((i) => i.pairedItem))).toEqual([
			[{ item: 0 }, { item: 3 }],
			[{ item: 2 }],
			[{ item: 1 }],
		]);
	});
});
