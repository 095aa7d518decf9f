/**
 * Fault suite (a script that prints figures, not a timed test): the CRM deal flow and direct
 * payments in n8n's engine against the emulator, faults drawn at random on every request, a third
 * of the deliveries repeated, in every error mode with Retry On Fail off and on, under the friendly
 * and the pessimistic readings of BigCommerce's docs, each run twice over the same orders. Exits 1
 * unless all five figures are 0.
 *
 *   npm run faults [-- --charges 1000 --seed 1 --quick]
 */
import { FIGURES, HEADER, runFaultSuite } from './faultRun';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main() {
	const quick = process.argv.includes('--quick');
	const charges = arg('charges', quick ? 200 : 1000);
	const seed = arg('seed', 1);
	console.log(
		`fault suite: ${charges} orders to pay (deals and pre-made orders), seed ${seed}; items count duplicate deliveries and the second pass`,
	);
	console.log(HEADER);
	const started = performance.now();
	const { total } = await runFaultSuite({ charges, seed, log: (line) => console.log(line) });
	console.log(
		`total: ${total.items} payment items, ${total.charges} successful charges, ${Math.round((performance.now() - started) / 1000)} s`,
	);
	for (const f of FIGURES) console.log(`  ${f.padEnd(22)} ${total[f]}`);
	const bad = FIGURES.filter((f) => total[f] !== 0);
	console.log(bad.length ? `FAIL: ${bad.join(', ')} not 0` : 'OK: all five figures are 0');
	process.exit(bad.length ? 1 : 0);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(2);
});
