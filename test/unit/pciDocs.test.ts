import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';

/**
 * Where a user decides about card data: the New Card notice in the editor points to the package
 * README's "PCI scope and personal data", and that section names n8n's real settings (as n8n's own
 * configuration package declares them), BigCommerce's requirements and every example workflow.
 */
const root = path.join(__dirname, '..', '..');
const pkg = path.join(root, 'packages', 'n8n-nodes-bigcommerce-payments');
const readme = readFileSync(path.join(pkg, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as {
	homepage: string;
};

const HEADING = '## PCI scope and personal data';
/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
const anchorOf = (heading: string) =>
	heading
		.replace(/^#+\s*/, '')
		.toLowerCase()
		.replace(/[^\w\- ]/g, '')
		.replace(/ /g, '-');

const section = (() => {
	const start = readme.indexOf(`\n${HEADING}\n`);
	expect(start).toBeGreaterThan(0);
	const end = readme.indexOf('\n## ', start + 1);
	return readme.slice(start, end);
})();

test('the New Card notice shows for New Card only, and links to the README section', () => {
	const notices = new BigCommercePayments().description.properties.filter(
		(p: INodeProperties) =>
			p.type === 'notice' && p.displayOptions?.show?.instrumentType?.includes('card'),
	);
	expect(notices).toHaveLength(1);
	const [notice] = notices;
	expect(notice.displayOptions?.show).toMatchObject({
		resource: ['payment'],
		operation: ['process'],
		instrumentType: ['card'],
	});
	expect(notice.displayName).toMatch(/PCI/);
	const href = /href="([^"]+)"/.exec(notice.displayName)?.[1];
	expect(href).toBe(
		`${manifest.homepage}/tree/main/packages/n8n-nodes-bigcommerce-payments#${anchorOf(HEADING)}`,
	);
	expect(readme).toContain(`[PCI scope and personal data](#${anchorOf(HEADING)})`);
});

test("the section's environment variables are n8n's own", () => {
	// n8n declares each setting with @Env('NAME') in its configuration package (n8n-core's, the
	// same @n8n/config version n8n 2.41.1 ships)
	const configDir = path.join(path.dirname(require.resolve('@n8n/config')), 'configs');
	const declared = new Set(
		readdirSync(configDir)
			.filter((f) => f.endsWith('.js'))
			.flatMap((f) =>
				[...readFileSync(path.join(configDir, f), 'utf8').matchAll(/Env\)\('([A-Z0-9_]+)'/g)].map(
					(m) => m[1],
				),
			),
	);
	expect(declared.size).toBeGreaterThan(100);
	const named = [...new Set(section.match(/\bEXECUTIONS_[A-Z_]+/g) ?? [])];
	expect(named).toEqual(
		expect.arrayContaining([
			'EXECUTIONS_DATA_SAVE_ON_SUCCESS',
			'EXECUTIONS_DATA_SAVE_ON_ERROR',
			'EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS',
			'EXECUTIONS_DATA_PRUNE',
			'EXECUTIONS_DATA_MAX_AGE',
		]),
	);
	expect(named.filter((name) => !declared.has(name))).toEqual([]);
});

test("the section names the workflow settings, BigCommerce's requirements and every example", () => {
	for (const text of [
		'Save failed production executions',
		'Save successful production executions',
		'Save manual executions',
		'Qualified Security Assessor (QSA)',
		'self-assessment questionnaires (SAQs)',
		'compliance@bigcommerce.com',
		'General Data Protection Regulation (GDPR)',
		'privacy policy',
		'Webhook',
		'Set',
	])
		expect(section).toContain(text);
	const examples = readdirSync(path.join(root, 'examples')).filter(
		(f) => f.endsWith('.json') && f !== 'sandbox-credentials.json',
	);
	expect(examples.length).toBeGreaterThanOrEqual(6);
	expect(examples.filter((f) => !section.includes(`\`${f}\``))).toEqual([]);
});
