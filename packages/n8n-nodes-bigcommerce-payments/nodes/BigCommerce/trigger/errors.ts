import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BigCommerceApiError, credentialSecrets, maskNode, redact } from '../api';

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** What no Trigger error may repeat: the credential's secrets and the token its hooks carry. */
export async function triggerSecrets(this: TriggerContext): Promise<string[]> {
	const token = this.getWorkflowStaticData('node').token;
	return [...(await credentialSecrets.call(this)), ...(typeof token === 'string' ? [token] : [])];
}

/** The errors made here: already safe, passed on as they are. */
const made = new WeakSet<object>();

/**
 * The Trigger's errors as n8n shows and stores them: with a copy of the node scrubbed of anything
 * that looks like a secret (n8n keeps `error.node.parameters`), and messages scrubbed likewise.
 */
export async function triggerError(
	this: TriggerContext,
	error: unknown,
): Promise<NodeApiError | NodeOperationError> {
	if ((error instanceof NodeApiError || error instanceof NodeOperationError) && made.has(error))
		return error;
	const safe = await safeError.call(this, error);
	made.add(safe);
	return safe;
}

async function safeError(
	this: TriggerContext,
	error: unknown,
): Promise<NodeApiError | NodeOperationError> {
	const secrets = await triggerSecrets.call(this);
	const node = maskNode(this.getNode(), [], secrets);
	if (error instanceof BigCommerceApiError) {
		const { code, reason, remedy, httpStatus } = error.details;
		const message = redact(error.details.message, secrets);
		return new NodeApiError(
			node,
			{ code, reason, message },
			{
				message: code ? `${message} [${code} ${reason}]` : `${message} [${reason}]`,
				description: redact(remedy, secrets),
				httpCode: httpStatus ? String(httpStatus) : undefined,
			},
		);
	}
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: unknown } | undefined)?.description;
	return new NodeOperationError(node, redact(message, secrets), {
		...(typeof description === 'string' ? { description: redact(description, secrets) } : {}),
	});
}

/** Runs one of the Trigger's steps; whatever it throws reaches n8n as `triggerError` makes it. */
export async function reported<T>(context: TriggerContext, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		throw await triggerError.call(context, error);
	}
}
