export interface PatClaims {
	orderId?: number;
	issuedAt?: string;
	expiresAt?: string;
	exp?: number;
	/** what the token was made to charge, in minor units (what was due on the order then) */
	amount?: number;
}

/** Reads a PAT's claims without verifying it: BigCommerce does that; we only need its order and expiry. */
export function decodePat(token: string): PatClaims {
	const parts = token.split('.');
	if (parts.length !== 3) return {};
	try {
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as {
			exp?: number;
			iat?: number;
			data?: { order_id?: string | number; amount?: unknown };
		};
		const orderId = Number(claims.data?.order_id);
		return {
			orderId: Number.isInteger(orderId) && orderId > 0 ? orderId : undefined,
			exp: typeof claims.exp === 'number' ? claims.exp : undefined,
			amount: Number.isInteger(claims.data?.amount) ? (claims.data?.amount as number) : undefined,
			issuedAt:
				typeof claims.iat === 'number' ? new Date(claims.iat * 1000).toISOString() : undefined,
			expiresAt:
				typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : undefined,
		};
	} catch {
		return {};
	}
}
