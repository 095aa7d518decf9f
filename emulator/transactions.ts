import type { Ctx, Reply } from './http';
import { isReply } from './http';
import { orderOr404 } from './orders';

export function getTransactions(ctx: Ctx): Reply {
	const order = orderOr404(ctx, Number(ctx.params[0]));
	if (isReply(order)) return order;
	if (order.transactions.length === 0) return { status: 204 };
	const n = order.transactions.length;
	return {
		status: 200,
		body: {
			data: order.transactions,
			meta: {
				pagination: {
					total: n,
					count: n,
					per_page: 50,
					current_page: 1,
					total_pages: 1,
					links: { current: '?page=1&limit=50' },
				},
			},
		},
	};
}
