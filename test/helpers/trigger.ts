import { createHmac, randomUUID } from 'node:crypto';

import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { PACKAGE_NAME, TriggerHarness } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { BigCommerceTrigger } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommerceTrigger.node';
import { NODE_TYPE, sandboxCredentials } from './setup';

export const TRIGGER_TYPE = `${PACKAGE_NAME}.bigCommerceTrigger`;
export const TRIGGER_NAME = 'BigCommerce Trigger';
/** the seed's Client Secret of the `sandbox-token` API account */
export const SANDBOX_SECRET = 'sandbox-client-secret';
/** BigCommerce accepts only https:443 destinations; the lifecycle tests need no delivery */
export const PUBLIC_WEBHOOK_BASE = 'https://n8n.example.com/webhook';

export interface TriggerSetup {
	parameters: IDataObject;
	clientSecret?: string;
	webhookBaseUrl?: string;
	webhookId?: string;
	/** nodes after the trigger, and their connections (the trigger's own included) */
	nodes?: INode[];
	connections?: IConnections;
}

export function triggerHarness(emulator: Emulator, setup: TriggerSetup): TriggerHarness {
	const trigger: INode = {
		id: 'trigger',
		name: TRIGGER_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: setup.webhookId ?? randomUUID(),
		parameters: setup.parameters as INode['parameters'],
		credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
	};
	const extra = setup.clientSecret === undefined ? {} : { clientSecret: setup.clientSecret };
	return new TriggerHarness(
		{ nodes: [trigger, ...(setup.nodes ?? [])], connections: setup.connections ?? {} },
		{
			trigger: TRIGGER_NAME,
			webhookBaseUrl: setup.webhookBaseUrl ?? PUBLIC_WEBHOOK_BASE,
			nodeTypes: {
				[TRIGGER_TYPE]: new BigCommerceTrigger(),
				[NODE_TYPE]: new BigCommercePayments(),
			},
			credentialTypes: { bigCommerceApi: new BigCommerceApi() },
			credentials: { bigCommerceApi: sandboxCredentials(emulator, 'sandbox-token', extra) },
		},
	);
}

export function envelope(scope: string, data: IDataObject, hash = randomUUID()): IDataObject {
	return {
		scope,
		store_id: '1000001',
		data,
		hash,
		created_at: Math.floor(Date.now() / 1000),
		producer: 'stores/sandbox',
	};
}

/**
 * Standard Webhooks headers, written from the spec rather than from the node: HMAC-SHA256 keyed with
 * the secret's UTF-8 bytes over `id.timestamp.body`, base64, as `v1,<sig>`.
 */
export function signed(
	body: string,
	secret: string,
	options: { id?: string; timestamp?: number } = {},
): Record<string, string> {
	const id = options.id ?? `msg_${randomUUID()}`;
	const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
	const signature = createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${id}.${timestamp}.${body}`)
		.digest('base64');
	return {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': timestamp,
		'webhook-signature': `v1,${signature}`,
	};
}

export const hooksOf = (emulator: Emulator) => [...emulator.store().hooks.values()];

/**
 * A forgery of `value`: the same length and alphabet, its last character swapped for another. It
 * always differs (setting the last character to a fixed one would not when it already is that one).
 */
export function forged(value: string): string {
	if (value === '') throw new Error('nothing to forge');
	const last = value.slice(-1);
	return `${value.slice(0, -1)}${last === '0' ? '1' : '0'}`;
}
