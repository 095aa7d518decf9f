import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { Emulator, LoggedRequest } from 'bigcommerce-emulator';
import { createOrder, json, runNode, withEmulator } from '../helpers/setup';

/**
 * Parallel Requests: items run several at once, yet the outputs, their pairing and the error modes
 * are what one at a time gives, and two items for one order never overlap. Latency is injected on
 * the two calls of a charge so that items finish out of order and any overlap shows in the log.
 */
const TOKEN_MS = 120;
const PAYMENT_MS = 200;

let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.reset();
	emulator.addFault({
		route: 'POST /v3/payments/access_tokens',
		kind: 'latency',
		latencyMs: TOKEN_MS,
	});
	emulator.addFault({ route: 'POST /payments', kind: 'latency', latencyMs: PAYMENT_MS });
});

const APPROVE = '4111111111111111';
const DECLINE = '4000000000000002';

const pay = (parallelRequests: number, extra: IDataObject = {}) => ({
	resource: 'payment',
	operation: 'process',
	orderId: '={{ $json.order }}',
	instrumentType: 'card',
	paymentMethodId: 'stripe.card',
	cardNumber: '={{ $json.card }}',
	cardholderName: '={{ "Order " + $json.order }}',
	expiryMonth: 12,
	expiryYear: 2034,
	cvv: '123',
	requestOptions: { parallelRequests },
	...extra,
});

/** approved, failed before sending (bad order id), declined, failed at BigCommerce (no such order) */
async function mixedItems(): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (let i = 0; i < 10; i++) {
		const kind = i % 4;
		if (kind === 1) items.push({ order: 'not-a-number', card: APPROVE });
		else if (kind === 3) items.push({ order: 999000 + i, card: APPROVE });
		else
			items.push({ order: await createOrder(emulator, 1), card: kind === 2 ? DECLINE : APPROVE });
	}
	return items;
}

/** The outputs with what differs between two runs (ids of orders and payments) taken out. */
const shape = (outputs: INodeExecutionData[][]) =>
	outputs.map((o) =>
		o.map((item) => {
			const j = JSON.parse(JSON.stringify(item.json)) as IDataObject;
			for (const target of [j, (j.details ?? {}) as IDataObject]) {
				delete target.orderId;
				delete target.paymentId;
				delete target.order; // n8n's error output carries the input item's fields
				if (typeof target.message === 'string')
					target.message = target.message.replace(/\d+/g, '#');
			}
			if (typeof j.error === 'string') j.error = j.error.replace(/\d+/g, '#');
			return { json: j, pairedItem: item.pairedItem };
		}),
	);

/** Requests of one kind whose times in the emulator overlapped: arrival plus latency. */
function overlaps(log: LoggedRequest[], path: string, latencyMs: number): number {
	const starts = log.filter((r) => r.path === path).map((r) => Date.parse(r.at));
	let count = 0;
	for (let a = 0; a < starts.length; a++)
		for (let b = a + 1; b < starts.length; b++)
			if (Math.abs(starts[a] - starts[b]) < latencyMs) count++;
	return count;
}

describe('outputs are those of one at a time', () => {
	test.each<[string, IDataObject, Partial<INode>]>([
		['split outputs', {}, {}],
		[
			'Single Output, continueRegularOutput',
			{ routing: 'single' },
			{ onError: 'continueRegularOutput' },
		],
		[
			'Single Output, continueErrorOutput',
			{ routing: 'single' },
			{ onError: 'continueErrorOutput' },
		],
	])(
		'%s: same items, same order, same pairing',
		async (_name, params, settings) => {
			const one = await runNode(emulator, pay(1, params), await mixedItems(), settings);
			emulator.clearRequests();
			const items = await mixedItems();
			const many = await runNode(emulator, pay(4, params), items, settings);
			// the run did go in parallel, so finishing order differed from item order
			expect(overlaps(emulator.requests(), '/payments', PAYMENT_MS)).toBeGreaterThan(0);
			expect(shape(many.out)).toEqual(shape(one.out));
			expect(many.out.flat()).toHaveLength(items.length);
			const approvedOrders = json(many.out[0])
				.filter((j) => j.outcome === 'approved')
				.map((j) => j.orderId);
			expect(approvedOrders).toEqual([items[0].order, items[4].order, items[8].order]);
			for (const item of items)
				if (typeof item.order === 'number')
					expect(emulator.charges(item.order)).toHaveLength(
						approvedOrders.includes(item.order) ? 1 : 0,
					);
		},
		30000,
	);

	test('split outputs carry each outcome on its own output, in item order', async () => {
		const items = await mixedItems();
		const run = await runNode(emulator, pay(4), items);
		expect(run.out.map((o) => o.map((i) => (i.pairedItem as { item: number }).item))).toEqual([
			[0, 4, 8],
			[2, 6],
			[1, 3, 5, 7, 9],
		]);
		expect(json(run.out[2]).map((j) => j.reason)).toEqual([
			'invalid_input',
			expect.any(String),
			'invalid_input',
			expect.any(String),
			'invalid_input',
		]);
	}, 30000);
});

describe('one order at a time', () => {
	/** The order each logged request was about, from its body or its path. */
	function orderOf(r: LoggedRequest): number | undefined {
		const body = r.body as
			| { order?: { id?: number }; payment?: { instrument?: { cardholder_name?: string } } }
			| undefined;
		if (body?.order?.id) return body.order.id;
		const name = body?.payment?.instrument?.cardholder_name;
		if (name) return Number(name.replace('Order ', ''));
		const inPath = /\/orders\/(\d+)/.exec(r.path);
		return inPath ? Number(inPath[1]) : undefined;
	}

	const latencyOf = (r: LoggedRequest) =>
		r.path === '/payments' ? PAYMENT_MS : r.path === '/v3/payments/access_tokens' ? TOKEN_MS : 0;

	test('items naming the same order never overlap, and run in item order', async () => {
		const [a, b, c] = [
			await createOrder(emulator, 1),
			await createOrder(emulator, 1),
			await createOrder(emulator, 1),
		];
		const orders = [a, a, b, a, c, b, a, c];
		const run = await runNode(
			emulator,
			pay(8),
			orders.map((order) => ({ order, card: APPROVE })),
		);
		const log = emulator.requests();
		// different orders did run together …
		expect(overlaps(log, '/payments', PAYMENT_MS)).toBeGreaterThan(0);
		// … but each order's requests (logged as they finish) arrived after the one before finished
		for (const order of [a, b, c]) {
			const mine = log.filter((r) => orderOf(r) === order);
			expect(mine.length).toBeGreaterThanOrEqual(3);
			for (let k = 1; k < mine.length; k++) {
				const finished = Date.parse(mine[k - 1].at) + latencyOf(mine[k - 1]);
				expect(Date.parse(mine[k].at)).toBeGreaterThanOrEqual(finished - 1);
			}
		}
		// the first item for each order is the one that paid it
		for (const order of [a, b, c]) {
			const charges = emulator.charges(order);
			expect(charges).toHaveLength(1);
			const first = orders.indexOf(order);
			const approved = run.out[0].find(
				(item) => (item.pairedItem as { item: number }).item === first,
			);
			expect(approved?.json).toMatchObject({ orderId: order, paymentId: charges[0].id });
		}
	}, 30000);
});

describe('a failure that stops the node', () => {
	test('nothing new starts, running items finish, every charge made is named in the error', async () => {
		const items: IDataObject[] = [];
		for (let i = 0; i < 12; i++)
			items.push({ order: await createOrder(emulator, 1), card: i === 1 ? DECLINE : APPROVE });
		const run = await runNode(emulator, pay(3, { routing: 'single' }), items);
		const error = run.error() as Error & { description?: string; context?: IDataObject };
		expect(error.message).toMatch(/30102/);
		expect(run.out.flat()).toHaveLength(0);
		const charges = emulator.charges();
		// item 0 ran beside the declined item 1; the last items never started
		expect(charges.map((c) => c.order_id)).toContain(items[0].order);
		for (const item of items.slice(6))
			expect(emulator.charges(item.order as number)).toHaveLength(0);
		for (const charge of charges)
			expect(error.description).toContain(`order ${charge.order_id} (payment ${charge.id})`);
		expect(error.context?.doneInThisRun).toEqual(
			expect.arrayContaining(
				charges.map((c) => expect.objectContaining({ orderId: c.order_id, paymentId: c.id })),
			),
		);
	}, 30000);
});
