import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';

/**
 * The shape a reviewer relies on: one BigCommerce folder around one API room that alone knows
 * BigCommerce and imports nothing but n8n-workflow and its own files; the Trigger uses that room and
 * nothing of the Payments node; the credential stands on the room too.
 */
const pkg = path.join(__dirname, '..', '..', 'packages', 'n8n-nodes-bigcommerce-payments');
const node = path.join(pkg, 'nodes', 'BigCommerce');

const filesIn = (dir: string): string[] =>
	readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.ts'))
		.map((f) => path.join(dir, f));

/** Every module a file imports, resolved to a path for relative ones. */
function importsOf(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	return [...source.matchAll(/from '([^']+)'/g)].map(([, spec]) =>
		spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec,
	);
}

const inside = (dir: string) => (target: string) =>
	target === dir || target.startsWith(dir + path.sep);

test('the API room imports only n8n-workflow and its own files', () => {
	const api = path.join(node, 'api');
	const outside = filesIn(api).flatMap((file) =>
		importsOf(file)
			.filter((target) => target !== 'n8n-workflow' && !inside(api)(target))
			.map((target) => `${path.relative(pkg, file)} imports ${path.relative(pkg, target)}`),
	);
	expect(outside).toEqual([]);
});

/**
 * Every object-literal key of a file spelt in snake_case, as `file: key`: how a body in BigCommerce's
 * shape shows. Keys only: an editor field named as BigCommerce names it (`name: 'status_id'`) is a
 * value, and Order → Create's check of the user's own V2 JSON reads its keys without building one.
 */
function snakeCaseKeys(file: string): string[] {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
	const keys: string[] = [];
	const visit = (n: ts.Node) => {
		if (
			(ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) &&
			(ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) &&
			/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(n.name.text)
		)
			keys.push(`${path.relative(node, file)}: ${n.name.text}`);
		ts.forEachChild(n, visit);
	};
	visit(source);
	return keys;
}

/**
 * Not bodies: queries whose types the API room declares (getPaymentMethods' order_id and
 * checkout_id, the order list's status_id), Payment Method → Get Many's output, which hands on
 * BigCommerce's payment methods in their own names (stored_instruments, and the order_id they were
 * asked for), and the Trigger's output, which keeps the webhook's own store_id and created_at.
 */
const NOT_BODIES = [
	'actions/payment/instrument.ts: order_id',
	'actions/paymentMethod/getAll.operation.ts: checkout_id',
	'actions/paymentMethod/getAll.operation.ts: order_id',
	'actions/paymentMethod/getAll.operation.ts: stored_instruments',
	'methods/listSearch.ts: checkout_id',
	'methods/listSearch.ts: order_id',
	'methods/listSearch.ts: status_id',
	'methods/loadOptions.ts: order_id',
	'trigger/receive.ts: created_at',
	'trigger/receive.ts: store_id',
];

test("nothing outside the API room builds a body in BigCommerce's shape: its snake_case keys are the room's", () => {
	const keys = filesIn(node)
		.filter((file) => !file.startsWith(path.join(node, 'api') + path.sep))
		.flatMap(snakeCaseKeys);
	expect(keys.filter((key) => !NOT_BODIES.includes(key))).toEqual([]);
	// An exception no longer in the code is taken off the list rather than left to excuse the next.
	expect(NOT_BODIES.filter((key) => !keys.includes(key))).toEqual([]);
});

test('the Trigger imports the API room, never the Payments node', () => {
	const trigger = [
		path.join(node, 'BigCommerceTrigger.node.ts'),
		...filesIn(path.join(node, 'trigger')),
	];
	const payments = ['actions', 'helpers', 'methods', 'BigCommercePayments.node'].map((p) =>
		path.join(node, p),
	);
	const reaching = trigger.flatMap((file) =>
		importsOf(file)
			.filter((target) => payments.some((p) => inside(p)(target)))
			.map((target) => `${path.relative(pkg, file)} imports ${path.relative(pkg, target)}`),
	);
	expect(reaching).toEqual([]);
});

test('glue enters the API room through its index only', () => {
	const api = path.join(node, 'api');
	const glue = [...filesIn(pkg).filter((f) => !inside(api)(f))];
	const deep = glue.flatMap((file) =>
		importsOf(file)
			.filter((target) => inside(api)(target) && target !== api)
			.map((target) => `${path.relative(pkg, file)} imports ${path.relative(pkg, target)}`),
	);
	expect(deep).toEqual([]);
});

test('the credential imports only n8n-workflow and the API room', () => {
	const file = path.join(pkg, 'credentials', 'BigCommerceApi.credentials.ts');
	expect(importsOf(file)).toEqual(['n8n-workflow', path.join(node, 'api')]);
});

test('no loopback or sandbox address in the credential help texts', () => {
	const texts = JSON.stringify(new BigCommerceApi().properties);
	expect(texts).not.toMatch(/127\.0\.0\.1|localhost|:4467/);
});

test('package.json has no main: n8n loads the files listed under n8n, in strict mode', () => {
	const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as {
		main?: string;
		n8n: { strict: boolean };
		dependencies?: object;
	};
	expect(manifest.main).toBeUndefined();
	expect(manifest.n8n.strict).toBe(true);
	expect(manifest.dependencies).toBeUndefined();
});
