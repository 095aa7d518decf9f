import type { Emulator } from 'bigcommerce-emulator';

export interface Answer {
	status: number;
	headers: Headers;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A plain HTTP call to the emulator, as any client would make it. */
export async function call(
	emulator: Emulator,
	method: string,
	path: string,
	options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
	if (options.token !== null) headers['X-Auth-Token'] = options.token ?? 'sandbox-token';
	if (options.body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${emulator.url}/stores/${emulator.storeHash}${path}`, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? JSON.parse(text) : undefined,
	};
}

export async function mintPat(emulator: Emulator, orderId: number): Promise<string> {
	const answer = await call(emulator, 'POST', '/v3/payments/access_tokens', {
		body: { order: { id: orderId } },
	});
	if (answer.status !== 201) throw new Error(`PAT creation failed: ${JSON.stringify(answer.body)}`);
	return answer.body.data.id;
}

export async function pay(
	emulator: Emulator,
	pat: string | null,
	payment: Record<string, unknown>,
	headers: Record<string, string> = {},
): Promise<Answer> {
	const response = await fetch(`${emulator.url}/stores/${emulator.storeHash}/payments`, {
		method: 'POST',
		headers: {
			Accept: 'application/vnd.bc.v1+json',
			'Content-Type': 'application/json',
			...(pat ? { Authorization: `PAT ${pat}` } : {}),
			...headers,
		},
		body: JSON.stringify({ payment }),
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? JSON.parse(text) : undefined,
	};
}

export const card = (number: string, extra: Record<string, unknown> = {}) => ({
	type: 'card',
	number,
	cardholder_name: 'Ada Lovelace',
	expiry_month: 12,
	expiry_year: 2034,
	verification_value: '123',
	...extra,
});
