import { randomUUID } from 'node:crypto';

import type { Ctx, Reply } from './http';
import { familyError, invalid, isInt, isObject } from './http';
import { signJwt } from './jwt';

const PAT_LIFETIME_S = 3600;

export function createAccessToken(ctx: Ctx): Reply {
	const body = ctx.body;
	if (!isObject(body) || !isObject(body.order))
		return invalid('v3', { order: 'order is required' });
	const id = body.order.id;
	if (!isInt(id) || id < 1)
		return invalid('v3', { 'order.id': 'must be an integer of at least 1' });
	if (body.order.is_recurring !== undefined && typeof body.order.is_recurring !== 'boolean') {
		return invalid('v3', { 'order.is_recurring': 'must be a boolean' });
	}
	const order = ctx.store.orders.get(id);
	if (!order)
		return familyError('v3', 404, 'Order not found', {
			code: 30003,
			detail: `Order ${id} does not exist.`,
		});
	if (!ctx.store.isPayable(order)) {
		return familyError('v3', 422, 'Order is not valid for payment', {
			code: 30101,
			detail:
				'The order must be an Incomplete order (status_id 0) created through the API or a checkout.',
		});
	}
	const iat = Math.floor(ctx.now() / 1000);
	const jti = randomUUID();
	const amountCents = ctx.store.dueCents(order);
	const token = signJwt(
		{
			iss: 'payments.bigcommerce.com',
			sub: ctx.store.hash,
			jti,
			iat,
			nbf: iat,
			exp: iat + PAT_LIFETIME_S,
			data: {
				store_id: ctx.store.storeId,
				order_id: String(order.id),
				amount: amountCents,
				currency: ctx.store.currency,
				is_recurring: body.order.is_recurring === true,
			},
		},
		ctx.store.patSecret,
	);
	ctx.store.pats.set(jti, {
		jti,
		orderId: order.id,
		amountCents,
		orderVersion: order.version,
		exp: (iat + PAT_LIFETIME_S) * 1000,
		used: false,
	});
	return { status: 201, body: { data: { id: token }, meta: {} } };
}
