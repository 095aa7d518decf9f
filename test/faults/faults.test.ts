import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';

import { FIGURES, HEADER, runFaultSuite } from '../../bench/faultRun';

/**
 * The fault suite's reduced run (200 orders to pay, every error mode, Retry On Fail off and on,
 * under both readings of BigCommerce's docs, each run twice): faults at random on every request and repeated deliveries must leave no double
 * charge, no readable order unknown, no wrong outcome, no charge without output and no rate_limited.
 * `npm run faults` runs the full one and prints the table.
 */
test('under random faults and repeated deliveries, every payment is charged once and told right', async () => {
	const lines: string[] = [HEADER];
	const { total } = await runFaultSuite({
		charges: 200,
		seed: 7,
		log: (l) => lines.push(l),
		pkg: { BigCommercePayments, BigCommerceApi },
	});
	const figures = Object.fromEntries(FIGURES.map((f) => [f, total[f]]));
	// The table says which mode a non-zero figure came from.
	expect({ figures, table: lines }).toEqual({
		figures: Object.fromEntries(FIGURES.map((f) => [f, 0])),
		table: lines,
	});
	expect(total.items).toBeGreaterThanOrEqual(200);
}, 180000);
