import { randomUUID } from 'node:crypto';

import type { Ctx, Reply } from './http';
import { familyError, isReply } from './http';
import { orderOr404 } from './orders';
import type { Order } from './store';

function authorization(order: Order) {
	return order.transactions.find((t) => t.event === 'authorization' && t.status === 'ok');
}

export function capture(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const auth = authorization(order);
	if (!auth || order.payment_status !== 'authorized') {
		return familyError('v3', 422, 'The order has no authorization that can be captured.', {
			errors: {},
		});
	}
	const now = ctx.now();
	ctx.store.addTransaction(
		order,
		{
			...auth,
			event: 'capture',
			reference_transaction_id: auth.id,
			gateway_transaction_id: randomUUID(),
		},
		now,
	);
	order.payment_status = 'capture pending';
	order.settles_to = 'captured';
	order.settles_at = now + ctx.settings.settleDelayMs;
	return { status: 201, body: { data: {}, meta: {} } };
}

export function voidPayment(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	const auth = authorization(order);
	if (!auth || order.payment_status !== 'authorized') {
		return familyError('v3', 422, 'The order has no authorization that can be voided.', {
			errors: {},
		});
	}
	const now = ctx.now();
	ctx.store.addTransaction(
		order,
		{
			...auth,
			event: 'void',
			reference_transaction_id: auth.id,
			gateway_transaction_id: randomUUID(),
		},
		now,
	);
	order.payment_status = 'void pending';
	order.settles_to = 'void';
	order.settles_at = now + ctx.settings.settleDelayMs;
	ctx.store.setStatus(order, 5);
	return { status: 201, body: { data: {}, meta: {} } };
}
