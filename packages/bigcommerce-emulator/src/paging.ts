import type { Ctx } from './http';

/** v3 collection paging: `page` from 1, `limit` up to 250, and the links a client follows. */
export function paginate<T>(ctx: Ctx, all: T[], defaultLimit = 50) {
	const limit = Math.min(
		250,
		Math.max(1, Number(ctx.query.get('limit') ?? defaultLimit) || defaultLimit),
	);
	const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
	const data = all.slice((page - 1) * limit, page * limit);
	const totalPages = Math.max(1, Math.ceil(all.length / limit));
	const link = (p: number) => `?page=${p}&limit=${limit}`;
	const links: Record<string, string> = { current: link(page) };
	if (page > 1) links.previous = link(Math.min(page - 1, totalPages));
	if (page < totalPages) links.next = link(page + 1);
	return {
		data,
		pagination: {
			total: all.length,
			count: data.length,
			per_page: limit,
			current_page: page,
			total_pages: totalPages,
			links,
		},
	};
}
