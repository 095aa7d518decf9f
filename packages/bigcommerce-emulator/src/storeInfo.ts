import type { Ctx, Reply } from './http';

export function time(ctx: Ctx): Reply {
	return { status: 200, body: { time: Math.floor(ctx.now() / 1000) } };
}

export function storeInfo(ctx: Ctx): Reply {
	return {
		status: 200,
		body: {
			id: ctx.store.hash,
			domain: `${ctx.store.hash}.example.com`,
			secure_url: `https://${ctx.store.hash}.example.com`,
			name: ctx.store.name,
			currency: ctx.store.currency,
			currency_symbol: '$',
			timezone: { name: 'Etc/UTC', raw_offset: 0, dst_offset: 0, dst_correction: false },
			plan_name: 'Sandbox',
			plan_level: 'Sandbox',
			is_price_entered_with_tax: false,
			features: { stencil_enabled: false },
		},
	};
}
