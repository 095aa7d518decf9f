// Stand-ins for the two outside services the human-review example talks to, so real n8n can run it
// on this machine: a chat model that speaks OpenAI's Chat Completions API and follows a script
// (no model is needed, and its choices are the test's), and an SMTP server that keeps the approval
// emails n8n sends. Both listen on loopback only.
import { createServer } from 'node:http';
import net from 'node:net';

/**
 * A scripted chat model at `${url}` (set as the OpenAI credential's Base URL). For a staff message
 * "pay order 215" it looks the order up (Get Order) and then charges it (Pay Order); for "refund 5
 * on order 215, ticket RMA-7" it refunds with that key; once its last tool has answered, it replies
 * with that answer. Tools are found by name in the request, as the agent offers them.
 */
export async function scriptedChatModel() {
	const requests = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const request = JSON.parse(body || '{}');
			requests.push(request);
			const message = nextMessage(request);
			if (request.stream) return streamed(res, message);
			res.writeHead(200, { 'content-type': 'application/json' }).end(
				JSON.stringify({
					id: `chatcmpl-${requests.length}`,
					object: 'chat.completion',
					created: Math.floor(Date.now() / 1000),
					model: request.model,
					choices: [
						{
							index: 0,
							message,
							finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
						},
					],
					usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
				}),
			);
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		stop: () => new Promise((r) => server.close(r)),
	};
}

const text = (content) =>
	typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');

function nextMessage({ messages = [], tools = [] }) {
	const lastUser = messages.findLastIndex((m) => m.role === 'user');
	const ask = text(messages[lastUser]?.content);
	// What this turn's tools answered so far, by name, in order.
	const names = new Map();
	for (const m of messages.slice(lastUser))
		for (const call of m.tool_calls ?? []) names.set(call.id, call.function.name);
	const answered = messages
		.slice(lastUser)
		.filter((m) => m.role === 'tool')
		.map((m) => ({ name: names.get(m.tool_call_id) ?? '', content: text(m.content) }));
	const tool = (pattern) => tools.map((t) => t.function?.name).find((n) => pattern.test(n ?? ''));
	// A tool behind n8n's human review takes its own arguments under toolParameters.
	const reviewed = (name) =>
		tools.find((t) => t.function?.name === name)?.function?.parameters?.properties?.toolParameters;
	const call = (name, args) => ({
		role: 'assistant',
		content: null,
		tool_calls: [
			{
				id: `call_${answered.length + 1}_${Date.now()}`,
				type: 'function',
				function: {
					name,
					arguments: JSON.stringify(
						reviewed(name) ? { toolParameters: args, hitlParameters: {} } : args,
					),
				},
			},
		],
	});
	const reply = (content) => ({ role: 'assistant', content });

	const pay = /pay order (\d+)/i.exec(ask);
	const refund = /refund ([\d.]+) on order (\d+), ticket (\S+)/i.exec(ask);
	const steps = pay
		? [
				[tool(/get.?order/i), { orderId: pay[1] }],
				[tool(/pay.?order/i), { orderId: pay[1] }],
			]
		: refund
			? [
					[
						tool(/refund.?order/i),
						{
							orderId: refund[2],
							amount: Number(refund[1]),
							reason: 'customer return',
							idempotencyKey: refund[3],
						},
					],
				]
			: [];
	const next = steps[answered.length];
	if (next && next[0]) return call(next[0], next[1]);
	if (next)
		return reply(`No tool for that among: ${tools.map((t) => t.function?.name).join(', ')}`);
	const last = answered.at(-1);
	return reply(last ? `Done. ${last.name} answered: ${last.content}` : 'How can I help?');
}

/** The same message as Chat Completions streams it: the whole delta in one chunk, then the end. */
function streamed(res, message) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta, finish) =>
		`data: ${JSON.stringify({
			id: 'chatcmpl-stream',
			object: 'chat.completion.chunk',
			created: Math.floor(Date.now() / 1000),
			model: 'scripted',
			choices: [{ index: 0, delta, finish_reason: finish }],
		})}\n\n`;
	const delta = message.tool_calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })),
			}
		: { role: 'assistant', content: message.content };
	res.write(chunk(delta, null));
	res.write(chunk({}, message.tool_calls ? 'tool_calls' : 'stop'));
	res.end('data: [DONE]\n\n');
}

/**
 * An SMTP server that accepts every message (no TLS offered, no auth asked) and keeps it, decoded
 * far enough to read its links: the approval email's Approve and Reject buttons.
 */
export async function mailbox() {
	const received = [];
	const server = net.createServer((socket) => {
		let buffer = '';
		let data = false;
		const say = (line) => socket.write(`${line}\r\n`);
		say('220 stand-in ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('latin1');
			for (;;) {
				if (data) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					received.push(readMessage(buffer.slice(0, end)));
					buffer = buffer.slice(end + 5);
					data = false;
					say('250 queued');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') say('250-stand-in\r\n250 8BITMIME');
				else if (verb === 'DATA') {
					data = true;
					say('354 end with <CRLF>.<CRLF>');
				} else if (verb === 'QUIT') {
					say('221 bye');
					socket.end();
				} else say('250 ok');
			}
		});
		socket.on('error', () => {});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		port: server.address().port,
		received,
		stop: () => new Promise((r) => server.close(r)),
	};
}

/** A message's subject and its links, its quoted-printable undone. */
function readMessage(raw) {
	const unfolded = raw
		.replace(/=\r\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
	const subject = /^Subject: (.*)$/im.exec(raw)?.[1] ?? '';
	const links = [...unfolded.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
	return { subject, links, text: unfolded };
}
