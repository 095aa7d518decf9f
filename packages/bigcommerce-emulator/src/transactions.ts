import type { Ctx, Reply } from './http';
import { isReply } from './http';
import { orderOr404 } from './orders';
import { paginate } from './paging';

export function getTransactions(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	if (order.transactions.length === 0) return { status: 204 };
	const { data, pagination } = paginate(ctx, order.transactions);
	return { status: 200, body: { data, meta: { pagination } } };
}
