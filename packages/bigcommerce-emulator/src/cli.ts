import { startEmulator } from './server';
import type { Settings } from './runtime';
import { DEFAULT_SETTINGS } from './runtime';
import { TEST_CARDS, defaultSeed } from './seed';

const USAGE = `Usage: bigcommerce-emulator [--list-incomplete=true|false] [--gateway-commit=atomic|onAnswer]

  --list-incomplete=false    GET /v2/orders and /v2/orders/count without status_id leave out
                             Incomplete (status 0) orders (default true: they are listed)
  --gateway-commit=onAnswer  a payment is checked when it arrives and charged when the gateway
                             answers, without a second check (default atomic: both at once)

PORT and HOST in the environment set where it listens (default 127.0.0.1:4467).`;

/** The readings BigCommerce's docs leave open, as flags; anything else is a usage error. */
export function parseFlags(args: string[]): Partial<Settings> | string {
	const settings: Partial<Settings> = {};
	for (const arg of args) {
		const [name, value] = arg.split('=', 2) as [string, string | undefined];
		if (name === '--list-incomplete' && (value === 'true' || value === 'false'))
			settings.listIncomplete = value === 'true';
		else if (name === '--gateway-commit' && (value === 'atomic' || value === 'onAnswer'))
			settings.gatewayCommit = value;
		else return `unknown flag or value: ${arg}`;
	}
	return settings;
}

/** `npm run emulator`: the sandbox store, on port 4467 unless PORT says otherwise. */
async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		console.log(USAGE);
		return;
	}
	const settings = parseFlags(args);
	if (typeof settings === 'string') {
		console.error(`${settings}\n\n${USAGE}`);
		process.exit(2);
	}
	const port = Number(process.env.PORT ?? 4467);
	const host = process.env.HOST ?? '127.0.0.1';
	const emulator = await startEmulator({ port, host, settings });
	const active = { ...DEFAULT_SETTINGS, ...settings };
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
		'Readings of what the docs leave open:',
		`  list Incomplete orders without status_id: ${active.listIncomplete}`,
		`  gateway commit: ${active.gatewayCommit}`,
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

if (require.main === module) void main();
