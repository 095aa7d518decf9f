import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';
import { orderParams, processParams } from '../../helpers/params';
import { writesSince } from '../../helpers/tools';

/**
 * Order → Refund with an Idempotency Key: one refund per key, found again by the key written into
 * its reason, and claimed first with an order metafield (BigCommerce's one compare-and-set on an
 * order) so that calls at the same moment make one refund.
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			seed: (s) => ({
				...s,
				tokens: [
					...s.tokens,
					// may refund (Order Transactions: modify) and read orders, but not write metafields
					{
						token: 'refunds-only-token',
						clientId: 'refunds-client',
						scopes: ['store_v2_transactions', 'store_v2_orders_read_only'],
					},
				],
			}),
		})),
);
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const NAMESPACE = 'n8n-nodes-bigcommerce-payments';

async function paidOrder(amount = 40) {
	const id = await createOrder(emulator, 1, amount);
	await runNode(emulator, processParams(id, { instrumentType: 'default_stored_instrument' }));
	return id;
}

const refund = (id: number, amount: number, key: string, extra: IDataObject = {}) =>
	orderParams('refund', id, { amount, reason: 'damaged', idempotencyKey: key, ...extra });

const refundsOf = (id: number) => emulator.store().refunds.filter((r) => r.order_id === id);
const claimsOf = (id: number) =>
	[...emulator.store().metafields.values()].filter(
		(m) => m.resource_id === id && m.namespace === NAMESPACE,
	);

const onError = { onError: 'continueRegularOutput' as const };

test('three calls with one key at the same moment make one refund, each answering with it', async () => {
	const id = await paidOrder();
	// Every refund POST waits, so all three are past their first look before any refund exists.
	emulator.addFault({
		route: 'POST /v3/orders/*/payment_actions/refunds',
		kind: 'latency',
		latencyMs: 300,
		times: 3,
	});
	const runs = await Promise.all([0, 1, 2].map(() => runNode(emulator, refund(id, 10, 'RMA-1'))));
	const answers = runs.map((r) => json(r.out[0])[0]);
	expect(refundsOf(id)).toHaveLength(1);
	expect(emulator.store().orders.get(id)?.refunded_cents).toBe(1000);
	expect(new Set(answers.map((a) => a.id))).toEqual(new Set([refundsOf(id)[0].id]));
	expect(answers.map((a) => a.repeat).sort()).toEqual([false, true, true]);
	// the claim names the refund, private to this API account
	expect(claimsOf(id)).toEqual([
		expect.objectContaining({ key: 'refund:RMA-1', permission_set: 'app_only' }),
	]);
	expect(JSON.parse(claimsOf(id)[0].value)).toMatchObject({
		state: 'done',
		refundId: refundsOf(id)[0].id,
	});
});

test('a refund BigCommerce refuses gives the key back: the same key works afterwards', async () => {
	const id = await paidOrder(40);
	const over = await runNode(emulator, refund(id, 50, 'RMA-2'), [{}], onError);
	expect(json(over.out[0])[0].details).toMatchObject({ httpStatus: 422 });
	expect(refundsOf(id)).toHaveLength(0);
	expect(claimsOf(id)).toEqual([]);
	const ok = await runNode(emulator, refund(id, 5, 'RMA-2'));
	expect(json(ok.out[0])[0]).toMatchObject({ total_amount: 5, repeat: false });
	expect(refundsOf(id)).toHaveLength(1);
});

test('a lost answer is found by the key in the refund, never sent again', async () => {
	const id = await paidOrder();
	emulator.addFault({
		route: 'POST /v3/orders/*/payment_actions/refunds',
		kind: 'commitThenDrop',
		times: 1,
	});
	const run = await runNode(emulator, refund(id, 7, 'RMA-3'), [{}], onError);
	expect(json(run.out[0])[0]).toMatchObject({ total_amount: 7, reconciled: true, repeat: false });
	expect(refundsOf(id)).toHaveLength(1);
	expect(JSON.parse(claimsOf(id)[0].value)).toMatchObject({ state: 'done' });
});

test('a claim left by a call that died long ago is taken over; a fresh one is waited for', async () => {
	const id = await paidOrder();
	const claim = async (key: string, claimedAt: string) =>
		await fetch(`${emulator.url}/stores/${emulator.storeHash}/v3/orders/${id}/metafields`, {
			method: 'POST',
			headers: { 'X-Auth-Token': 'sandbox-token', 'Content-Type': 'application/json' },
			body: JSON.stringify({
				permission_set: 'app_only',
				namespace: NAMESPACE,
				key: `refund:${key}`,
				value: JSON.stringify({ state: 'claimed', claimedAt, claimId: 'dead', cents: 500 }),
			}),
		});
	await claim('RMA-OLD', new Date(Date.now() - 3_600_000).toISOString());
	const taken = await runNode(emulator, refund(id, 5, 'RMA-OLD'));
	expect(json(taken.out[0])[0]).toMatchObject({ total_amount: 5, repeat: false });

	await claim('RMA-BUSY', new Date().toISOString());
	const busy = await runNode(emulator, refund(id, 5, 'RMA-BUSY'), [{}], onError);
	expect(json(busy.out[0])[0].details).toMatchObject({
		reason: 'refund_in_progress',
		retryable: true,
	});
	expect(refundsOf(id)).toHaveLength(1);
}, 20000);

test('an account that cannot write order metafields is refused with a reason, nothing refunded', async () => {
	const id = await paidOrder();
	const mark = emulator.requests().length;
	const run = await runNode(
		emulator,
		refund(id, 5, 'RMA-4'),
		[{}],
		onError,
		sandboxCredentials(emulator, 'refunds-only-token'),
	);
	expect(json(run.out[0])[0].details).toMatchObject({
		reason: 'idempotency_unavailable',
		retryable: false,
		refused: true,
	});
	expect(refundsOf(id)).toHaveLength(0);
	// the only write it tried is the claim BigCommerce refused
	expect(writesSince(emulator, mark)).toEqual([`POST /v3/orders/${id}/metafields`]);
	// without a key the same account refunds as before
	const plain = await runNode(
		emulator,
		orderParams('refund', id, { amount: 5 }),
		[{}],
		{},
		sandboxCredentials(emulator, 'refunds-only-token'),
	);
	expect(json(plain.out[0])[0]).toMatchObject({ total_amount: 5 });
});

test('a key that does not fit is refused before anything is sent', async () => {
	const id = await paidOrder();
	const mark = emulator.requests().length;
	const run = await runNode(emulator, refund(id, 5, 'x'.repeat(51)), [{}], onError);
	expect(json(run.out[0])[0].details).toMatchObject({ reason: 'invalid_idempotency_key' });
	expect(emulator.requests().slice(mark)).toEqual([]);
});
