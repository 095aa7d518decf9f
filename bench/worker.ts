/**
 * One n8n worker of the `two-processes` profile: its own process, so its own pacer, charging its
 * share of the orders through Payment → Process on a store another process charges too, as two
 * queue-mode workers do. Reads its job from argv, writes its outcome as JSON on stdout.
 */
import type { Emulator } from 'bigcommerce-emulator';
import { throughNode } from './runs';

interface Job {
	url: string;
	storeHash: string;
	orders: number[];
	parallel?: number;
}

async function main() {
	const job = JSON.parse(process.argv[2]) as Job;
	const store = { url: job.url, storeHash: job.storeHash } as Emulator;
	const startedAt = Date.now();
	const outcome = await throughNode(store, job.orders, job.parallel);
	process.stdout.write(`${JSON.stringify({ ...outcome, startedAt, endedAt: Date.now() })}\n`);
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
