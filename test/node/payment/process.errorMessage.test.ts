import type { Emulator } from 'bigcommerce-emulator';
import { createOrder, json, runNode, sandboxCredentials, withEmulator } from '../../helpers/setup';

/**
 * n8n's NodeError swaps any message containing ECONNRESET, ETIMEDOUT, ECONNREFUSED… for its own
 * text ("You can retry the request immediately…"), the worst advice after a payment. Our messages
 * say it in words and carry the code apart, so the execution records them as written.
 */
let emulator: Emulator;
beforeAll(async () => (emulator = await withEmulator()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

const N8N_TEXT =
	/retry the request immediately|Retry on Fail|perhaps it is offline|refused the connection/i;
const pay = (orderId: number) => ({
	resource: 'payment',
	operation: 'process',
	orderId: String(orderId),
	instrumentType: 'default_stored_instrument',
	routing: 'single',
	additionalFields: { reconcileFor: 0 },
});

/** A reset payment whose order then cannot be read: the error is outcome_unknown after a reset. */
async function lostAndUnreadable(): Promise<number> {
	const orderId = await createOrder(emulator, 1);
	emulator.addFault({ route: 'POST /payments', kind: 'commitThenDrop', times: 1 });
	emulator.addFault({ route: 'GET /v2/orders/*', kind: 'status', status: 403 });
	return orderId;
}

test('Single Output, stop on error: the recorded error message is ours', async () => {
	const orderId = await lostAndUnreadable();
	const run = await runNode(emulator, pay(orderId));
	const error = run.error() as Error & { description?: string; messages?: string[] };
	expect(error.message).toMatch(/no answer arrived \(the connection was (reset|lost)\)/);
	expect(error.message).toMatch(/outcome_unknown/);
	expect(error.message).not.toMatch(N8N_TEXT);
	expect(error.description).toMatch(/Do not retry blindly/);
	expect(emulator.charges(orderId)).toHaveLength(1);
});

test('Single Output, error output: the error item has our message and the code in networkCode', async () => {
	const orderId = await lostAndUnreadable();
	const run = await runNode(emulator, pay(orderId), [{}], { onError: 'continueErrorOutput' });
	const item = json(run.out[1])[0] as { error: string; details: Record<string, unknown> };
	expect(item.error).toMatch(/no answer arrived/);
	expect(item.error).not.toMatch(N8N_TEXT);
	expect(item.details).toMatchObject({
		reason: 'outcome_unknown',
		networkCode: expect.stringMatching(/^E[A-Z]+$/),
	});
	expect(String(item.details.message)).not.toMatch(/ECONN|ETIMEDOUT/);
});

test("a refused connection to the payments host: words, not n8n's text, and nothing charged", async () => {
	const orderId = await createOrder(emulator, 1);
	const credentials = sandboxCredentials(emulator, 'sandbox-token', {
		// a loopback port nothing listens on
		paymentsBaseUrl: 'http://127.0.0.1:9',
	});
	const run = await runNode(emulator, pay(orderId), [{}], {}, credentials);
	const error = run.error() as Error;
	expect(error.message).toMatch(/the connection was refused.*no payment was sent/);
	expect(error.message).not.toMatch(N8N_TEXT);
	expect(emulator.charges(orderId)).toHaveLength(0);
});
