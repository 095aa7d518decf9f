import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

type Context = IHookFunctions | IWebhookFunctions;

const CREDENTIAL_NAME = 'bigCommerceApi';
const MAX_429_RETRIES = 3;

export interface Hook extends IDataObject {
	id: number;
	scope: string;
	destination: string;
	is_active: boolean;
	headers: IDataObject | null;
}

interface Answer {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** One management API call; the credential's `authenticate` adds the store path and the token. */
async function call(
	this: Context,
	method: IHttpRequestMethods,
	url: string,
	options: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<Answer> {
	for (let attempt = 0; ; attempt++) {
		const request: IHttpRequestOptions = {
			method,
			url,
			qs: options.qs,
			body: options.body,
			json: true,
			headers: { Accept: 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 15000,
		};
		const answer = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_NAME,
			request,
		)) as Answer;
		if (answer.statusCode !== 429 || attempt >= MAX_429_RETRIES) return answer;
		const wait = Number(answer.headers['x-rate-limit-time-reset-ms'] ?? 1000);
		await sleep(Math.min(Number.isFinite(wait) ? wait : 1000, 5000) + 10);
	}
}

function fail(this: Context, answer: Answer, doing: string): never {
	const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as {
		title?: string;
	};
	throw new NodeApiError(this.getNode(), body as JsonObject, {
		message: `BigCommerce answered ${answer.statusCode} when ${doing}${body.title ? `: ${body.title}` : ''}`,
		httpCode: String(answer.statusCode),
	});
}

/** The spec wraps a hook in `{data, meta}`; one of BigCommerce's own examples sends it bare. */
const hookOf = (body: unknown): Hook => {
	const b = body as { data?: Hook } & Hook;
	return (b?.data ?? b) as Hook;
};

export async function getHook(this: Context, id: number): Promise<Hook | null> {
	const answer = await call.call(this, 'GET', `/v3/hooks/${id}`);
	if (answer.statusCode === 404) return null;
	if (answer.statusCode >= 300) fail.call(this, answer, `reading webhook ${id}`);
	return hookOf(answer.body);
}

/** Every hook of this API account; filtered here too, in case the store ignores the query. */
export async function listHooks(
	this: Context,
	filter: { scope: string; destination: string },
): Promise<Hook[]> {
	const found: Hook[] = [];
	for (let page = 1; ; page++) {
		const answer = await call.call(this, 'GET', '/v3/hooks', {
			qs: { ...filter, page, limit: 250 },
		});
		if (answer.statusCode >= 300) fail.call(this, answer, 'listing webhooks');
		const body = answer.body as {
			data?: Hook[];
			meta?: { pagination?: { total_pages?: number } };
		};
		found.push(...(body.data ?? []));
		if (page >= (body.meta?.pagination?.total_pages ?? 1)) break;
	}
	return found.filter((h) => h.scope === filter.scope && h.destination === filter.destination);
}

export async function createHook(this: Context, hook: IDataObject): Promise<Hook> {
	const answer = await call.call(this, 'POST', '/v3/hooks', { body: hook });
	if (answer.statusCode >= 300) fail.call(this, answer, `creating a webhook for ${hook.scope}`);
	const created = hookOf(answer.body);
	if (typeof created?.id !== 'number') fail.call(this, answer, 'creating a webhook (no id)');
	return created;
}

export async function updateHook(this: Context, id: number, changes: IDataObject): Promise<Hook> {
	const answer = await call.call(this, 'PUT', `/v3/hooks/${id}`, { body: changes });
	if (answer.statusCode >= 300) fail.call(this, answer, `updating webhook ${id}`);
	return hookOf(answer.body);
}

/** True when the hook is gone, including when it was already gone (404). */
export async function deleteHook(this: Context, id: number): Promise<boolean> {
	const answer = await call.call(this, 'DELETE', `/v3/hooks/${id}`);
	return answer.statusCode < 300 || answer.statusCode === 404;
}

export async function getOrder(this: Context, id: number): Promise<IDataObject> {
	const answer = await call.call(this, 'GET', `/v2/orders/${id}`);
	if (answer.statusCode >= 300) fail.call(this, answer, `reading order ${id}`);
	return answer.body as IDataObject;
}
