import { parseFlags } from 'bigcommerce-emulator/src/cli';

/** The sandbox's CLI flags for the readings BigCommerce's docs leave open. */
test.each<{ name: string; args: string[]; settings: unknown }>([
	{ name: 'no flags: the defaults', args: [], settings: {} },
	{
		name: 'both readings',
		args: ['--list-incomplete=false', '--gateway-commit=onAnswer'],
		settings: { listIncomplete: false, gatewayCommit: 'onAnswer' },
	},
	{
		name: 'the defaults spelled out',
		args: ['--list-incomplete=true', '--gateway-commit=atomic'],
		settings: { listIncomplete: true, gatewayCommit: 'atomic' },
	},
	{
		name: 'a value that is no reading',
		args: ['--gateway-commit=later'],
		settings: 'unknown flag or value: --gateway-commit=later',
	},
	{
		name: 'a flag without its value',
		args: ['--list-incomplete'],
		settings: 'unknown flag or value: --list-incomplete',
	},
	{ name: 'an unknown flag', args: ['--fast'], settings: 'unknown flag or value: --fast' },
])('$name', ({ args, settings }) => {
	expect(parseFlags(args)).toEqual(settings);
});
