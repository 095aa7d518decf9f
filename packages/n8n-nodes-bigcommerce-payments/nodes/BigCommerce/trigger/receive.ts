import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { getConnection, getOrder, redact } from '../api';
import { triggerSecrets } from './errors';
import { isChosen, isEnvelope, normalise, passesStatusFilter } from './events';
import { alreadySeen, remember, replayKeys } from './replay';
import { verifySignature, verifyToken } from './signature';

interface Options {
	previousStatusIds?: number[];
	newStatusIds?: number[];
	fetchOrder?: boolean;
}

/**
 * One delivery. Anything not proven to come from BigCommerce gets 401 and no execution; anything
 * proven but not wanted (an unchosen event, a filtered status, a redelivery) gets 2xx and no
 * execution, because BigCommerce blocklists a whole domain whose answers fall below 90 % success.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as { rawBody?: Buffer };
	const response = this.getResponseObject();
	const headers = this.getHeaderData() as Record<string, string | string[] | undefined>;
	const state = this.getWorkflowStaticData('node');
	const credentials = await this.getCredentials('bigCommerceApi');
	const nowSeconds = Math.floor(Date.now() / 1000);
	const body = this.getBodyData();
	// The signature covers the bytes as sent; re-serialising the parsed body would not match them.
	const raw = request.rawBody ?? Buffer.from(JSON.stringify(body));

	const secret = typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '';
	const token = typeof state.token === 'string' ? state.token : '';
	const verdict = secret
		? verifySignature(headers, raw, secret, nowSeconds)
		: token
			? verifyToken(headers, token)
			: 'missing';
	if (verdict !== 'valid') {
		response.status(401).send('Unauthorized');
		return { noWebhookResponse: true };
	}

	if (!isEnvelope(body)) return {};
	const events = this.getNodeParameter('events', []) as string[];
	if (!isChosen(body.scope, events)) return {};
	const options = this.getNodeParameter('options', {}) as Options;
	const fields = normalise(body);
	const filter = { previous: options.previousStatusIds ?? [], next: options.newStatusIds ?? [] };
	if (!passesStatusFilter(fields, body.scope, filter)) return {};

	const webhookId = headers['webhook-id'];
	const keys = replayKeys(String(webhookId ?? ''), body.hash, body.created_at);
	if (alreadySeen(state, keys, nowSeconds)) return {};
	remember(state, keys, nowSeconds);

	const item: IDataObject = {
		...fields,
		scope: body.scope,
		store_id: body.store_id,
		created_at: body.created_at,
		hash: body.hash,
		producer: body.producer,
		data: body.data,
	};
	if (options.fetchOrder && typeof fields.orderId === 'number') {
		// Answer first: the order read must not hold BigCommerce's delivery open.
		response.status(200).send('');
		const fetched = await getOrder.call(this, await getConnection.call(this), fields.orderId).then(
			(order) => ({ order, orderError: null }),
			async (error: Error) => ({
				order: null,
				orderError: redact(error.message, await triggerSecrets.call(this)),
			}),
		);
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray([{ ...item, ...fetched }])],
		};
	}
	return { workflowData: [this.helpers.returnJsonArray([item])] };
}
