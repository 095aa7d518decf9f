import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** Standard Webhooks' tolerance: a signature older or newer than this is refused. */
export const TOLERANCE_SECONDS = 300;

/** The header our hooks carry when the credential has no Client Secret to check signatures with. */
export const HOOK_HEADER = 'x-n8n-bigcommerce-token';

export type Verdict = 'valid' | 'missing' | 'stale' | 'mismatch';

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string => {
	const value = headers[name];
	return (Array.isArray(value) ? value[0] : value) ?? '';
};

function sameBytes(a: Buffer, b: Buffer): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Standard Webhooks as BigCommerce applies it: HMAC-SHA256 over `id.timestamp.body`, keyed with the
 * API account's Client Secret as UTF-8 bytes (BigCommerce hands the library base64(secret), which it
 * decodes back), base64 signatures listed as `v1,<sig>` separated by spaces.
 */
export function verifySignature(
	headers: Headers,
	rawBody: Buffer,
	secret: string,
	nowSeconds: number,
): Verdict {
	const id = header(headers, 'webhook-id');
	const timestamp = header(headers, 'webhook-timestamp');
	const signatures = header(headers, 'webhook-signature');
	if (!id || !/^\d+$/.test(timestamp) || !signatures) return 'missing';
	if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return 'stale';
	const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${id}.${timestamp}.`)
		.update(rawBody)
		.digest();
	let matched = false;
	for (const entry of signatures.split(' ')) {
		const [version, signature] = entry.split(',', 2);
		if (version !== 'v1' || !signature) continue;
		// Every entry is compared, so the time taken does not reveal which one matched.
		if (sameBytes(Buffer.from(signature, 'base64'), expected)) matched = true;
	}
	return matched ? 'valid' : 'mismatch';
}

export function verifyToken(headers: Headers, token: string): Verdict {
	const sent = header(headers, HOOK_HEADER);
	if (!sent) return 'missing';
	return sameBytes(Buffer.from(sent, 'utf8'), Buffer.from(token, 'utf8')) ? 'valid' : 'mismatch';
}

export function newToken(): string {
	return randomBytes(32).toString('hex');
}
