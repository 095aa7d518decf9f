/**
 * n8n's webhook endpoint, on loopback, for triggers run by the harness: a POST to a trigger's URL is
 * handed to its TriggerHarness (`webhook()` then the workflow) and the trigger's answer goes back to
 * the caller (the emulator). Used by the tests and the demo in place of an n8n server.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Answer, TriggerHarness } from './trigger';

export interface Received {
	path: string;
	answer: Answer;
}

export class WebhookReceiver {
	/** n8n's webhook base for the harness: `http://127.0.0.1:{port}/webhook` */
	baseUrl = '';
	readonly received: Received[] = [];
	private server?: Server;
	private readonly routes = new Map<string, TriggerHarness>();
	private readonly pending = new Set<Promise<void>>();

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const work = this.handle(req.url ?? '/', req.headers, Buffer.concat(chunks), res);
				this.pending.add(work);
				void work.finally(() => this.pending.delete(work));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
		return this;
	}

	/** Deliveries to `trigger.webhookUrl()` go to this trigger. */
	route(trigger: TriggerHarness): void {
		this.routes.set(new URL(trigger.webhookUrl()).pathname, trigger);
	}

	/** Resolves when every delivery received so far has been answered and its workflow has run. */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	async stop(): Promise<void> {
		await this.settled();
		await new Promise((resolve) => this.server?.close(resolve));
	}

	private async handle(
		url: string,
		headers: Record<string, string | string[] | undefined>,
		body: Buffer,
		res: import('node:http').ServerResponse,
	): Promise<void> {
		const path = new URL(url, 'http://receiver').pathname;
		const trigger = this.routes.get(path);
		if (!trigger) {
			res.statusCode = 404;
			res.end(JSON.stringify({ message: 'The requested webhook is not registered.' }));
			return;
		}
		const flat: Record<string, string> = {};
		for (const [k, v] of Object.entries(headers)) if (v !== undefined) flat[k] = String(v);
		const answer = await trigger.deliver({ headers: flat, body: body.toString('utf8') }, (a) => {
			// n8n answers before the workflow runs (responseMode onReceived).
			res.statusCode = a.status;
			res.setHeader('content-type', typeof a.body === 'string' ? 'text/plain' : 'application/json');
			res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? ''));
		});
		this.received.push({ path, answer });
	}
}
