/**
 * The package as n8n loads it: its built `dist/` (npm run build), reached through the workspace link,
 * the way the demo and the benchmark run it. Tests run the sources instead.
 */
import type { ICredentialType, INodeType } from 'n8n-workflow';

export interface ShippedPackage {
	BigCommercePayments: new () => INodeType;
	BigCommerceTrigger: new () => INodeType;
	BigCommerceApi: new () => ICredentialType;
}

const DIST = 'n8n-nodes-bigcommerce-payments/dist';

export function loadShippedPackage(): ShippedPackage {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const payments = require(`${DIST}/nodes/BigCommerce/BigCommercePayments.node.js`) as Pick<
		ShippedPackage,
		'BigCommercePayments'
	>;
	const trigger = require(`${DIST}/nodes/BigCommerce/BigCommerceTrigger.node.js`) as Pick<
		ShippedPackage,
		'BigCommerceTrigger'
	>;
	const credential = require(`${DIST}/credentials/BigCommerceApi.credentials.js`) as Pick<
		ShippedPackage,
		'BigCommerceApi'
	>;
	/* eslint-enable @typescript-eslint/no-require-imports */
	return { ...payments, ...trigger, ...credential };
}
