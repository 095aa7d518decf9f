import { startEmulator } from './server';
import { TEST_CARDS, defaultSeed } from './seed';

/** `npm run emulator`: the sandbox store, on port 4467 unless PORT says otherwise. */
async function main(): Promise<void> {
	const port = Number(process.env.PORT ?? 4467);
	const host = process.env.HOST ?? '127.0.0.1';
	const emulator = await startEmulator({ port, host });
	const seed = defaultSeed();
	const lines = [
		`BigCommerce emulator listening on ${emulator.url}`,
		'',
		'Point the "BigCommerce API" credential at it:',
		`  Store Hash        ${seed.storeHash}`,
		`  Access Token      ${seed.tokens.map((t) => t.token).join(' | ')}`,
		'  Use Custom Base URLs: on',
		`  API Base URL      ${emulator.url}`,
		`  Payments Base URL ${emulator.url}`,
		'',
		'Test cards (any future expiry, any 3-digit CVV):',
		...Object.entries(TEST_CARDS).map(
			([n, c]) => `  ${n}  ${c.outcome}${c.code ? ` ${c.code}` : ''}`,
		),
		'',
		`Inspect: ${emulator.url}/__emulator/charges  ${emulator.url}/__emulator/requests`,
	];
	console.log(lines.join('\n'));
	const stop = () => {
		void emulator.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
