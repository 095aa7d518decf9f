import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeProperties,
	INodePropertyCollection,
	Logger,
} from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { BigCommerceApi } from 'n8n-nodes-bigcommerce-payments/credentials/BigCommerceApi.credentials';
import type { Emulator } from 'bigcommerce-emulator';
import { listSearch, loadOptions } from 'n8n-harness';
import { BigCommercePayments } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/BigCommercePayments.node';
import { SECRET_PARAMETERS } from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/helpers/failures';
import {
	NODE_TYPE,
	createOrder,
	runNode,
	sandboxCredentials,
	withEmulator,
} from '../helpers/setup';
import { SANDBOX_SECRET, triggerHarness } from '../helpers/trigger';
import { CHECKOUT_ADDRESS } from '../helpers/params';

/**
 * Every operation run into an error, in every error mode, with a secret-looking value in every
 * parameter (enumerated from the node's description, so a parameter added later is swept too): none
 * may reach what n8n keeps or shows of a failure — `error.node.parameters`, the error's message,
 * description and context, the failure items, n8n's log lines — unmasked. The same for the pickers'
 * errors and the Trigger's.
 */
let emulator: Emulator;
beforeAll(
	async () =>
		(emulator = await withEmulator({
			rateLimits: {
				management: { quota: 100_000, windowMs: 30_000 },
				payments: { quota: 100_000, windowMs: 4_000 },
			},
		})),
);
afterAll(async () => await emulator.stop());

const description = new BigCommercePayments().description;

const CARD = '4000056655665556';
const STORED_TOKEN = '7f3a'.repeat(16);
const PAT =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjp7Im9yZGVyX2lkIjoiOTkifX0.c2lnbmVkLWJ5LW5vYm9keS1hdC1hbGw';
const ACCESS_TOKEN = 'sandbox-token';
/**
 * In the secret fields only (every password field, and the stored-instrument locator): no shape
 * gives it away, so only its field's name can mask it.
 */
const OPAQUE = 'opaque-Pa55word-7731';

interface Kind {
	name: string;
	value: string;
	/** what must appear nowhere: the secret, and enough of it to matter */
	forbidden: string[];
	/** only the secret fields get it; the others keep plain values */
	secretFieldsOnly?: boolean;
}

const KINDS: Kind[] = [
	{ name: 'a card number', value: CARD, forbidden: [CARD, CARD.slice(0, 12)] },
	{
		name: 'a stored-instrument token',
		value: STORED_TOKEN,
		forbidden: [STORED_TOKEN, STORED_TOKEN.slice(0, 32)],
	},
	{ name: 'a payment access token', value: PAT, forbidden: [PAT, PAT.split('.')[2]] },
	{ name: "the credential's access token", value: ACCESS_TOKEN, forbidden: [ACCESS_TOKEN] },
	{ name: "the credential's client secret", value: SANDBOX_SECRET, forbidden: [SANDBOX_SECRET] },
	{ name: 'a password', value: OPAQUE, forbidden: [OPAQUE], secretFieldsOnly: true },
];

const CREDENTIALS = () =>
	sandboxCredentials(emulator, ACCESS_TOKEN, { clientSecret: SANDBOX_SECRET });

// ---- what n8n logs: its logger (LoggerProxy), and anything on the console or stdout

const logged: string[] = [];
const record =
	(level: string) =>
	(message: string, meta?: object): void =>
		void logged.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
beforeAll(async () => {
	// First the console: n8n's Logger binds console.log when it is made (its console transport).
	for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
		jest
			.spyOn(console, level)
			.mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
	jest
		.spyOn(process.stdout, 'write')
		.mockImplementation((chunk: string | Uint8Array) => (logged.push(String(chunk)), true));
	// n8n's own Logger makes itself the proxy's logger when n8n-core first needs it: a first run lets
	// it, then the proxy is pointed here too (the Logger itself keeps writing to the console above).
	await runNode(emulator, { resource: 'order', operation: 'get', orderId: 'warm-up' });
	LoggerProxy.init({
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	} as unknown as Logger);
});
afterAll(() => jest.restoreAllMocks());

// ---- the parameters, from the description

/**
 * The fields whose whole value is a secret: every password field, and the Stored Instrument locator,
 * whose value is the instrument's token. The node must mask each by name (SECRET_PARAMETERS).
 */
const isSecretField = (p: INodeProperties) =>
	p.typeOptions?.password === true || p.name === 'storedToken';
const asExpression = (secret: string) => `={{ ${JSON.stringify(secret)} }}`;

/** A value for `p` that carries the secret, in whatever form its type can hold one. */
function secretFor(p: INodeProperties, kind: Kind): unknown {
	// A password-only secret leaves the other fields plain, but filled: n8n refuses to run a node
	// whose required fields are empty, and the node must run to fail.
	const plain = kind.secretFieldsOnly === true && !isSecretField(p);
	const secret = plain ? 'plain-value' : kind.value;
	switch (p.type) {
		case 'number':
			// a number field holds a number, or whatever its expression makes
			if (plain) return p.default;
			return /^\d+$/.test(secret) ? Number(secret) : asExpression(secret);
		case 'boolean':
			return plain ? p.default : asExpression(secret);
		case 'multiOptions':
			return [secret];
		case 'json':
			return JSON.stringify({ customer_id: secret, billing_address: { first_name: secret } });
		case 'resourceLocator':
			return { __rl: true, mode: 'list', value: secret, cachedResultName: secret };
		case 'collection':
			return filled(p.options as INodeProperties[], kind, new Set());
		case 'fixedCollection': {
			const out: IDataObject = {};
			for (const group of p.options as INodePropertyCollection[]) {
				const values = filled(group.values, kind, new Set());
				out[group.name] = p.typeOptions?.multipleValues ? [values] : values;
			}
			return out;
		}
		default:
			return secret;
	}
}

/** Every property filled with the secret, except the ones that decide what is shown (`controls`). */
function filled(properties: INodeProperties[], kind: Kind, controls: Set<string>): IDataObject {
	const out: IDataObject = {};
	for (const p of properties) {
		if (p.type === 'notice' || controls.has(p.name)) continue;
		out[p.name] = secretFor(p, kind) as IDataObject[string];
	}
	return out;
}

const resourceOf = (p: INodeProperties) => p.displayOptions?.show?.resource as string[] | undefined;
const operationOf = (p: INodeProperties) =>
	p.displayOptions?.show?.operation as string[] | undefined;

/** Every resource and operation the node offers. */
const OPERATIONS = description.properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) =>
		(p.options as Array<{ value: string }>).map((o) => ({
			resource: resourceOf(p)![0],
			operation: o.value,
		})),
	);

/** The properties an operation has (the node-wide Request Options included). */
const propertiesOf = (resource: string, operation: string) =>
	description.properties.filter(
		(p) =>
			p.name !== 'resource' &&
			p.name !== 'operation' &&
			(resourceOf(p) ?? [resource]).includes(resource) &&
			(operationOf(p) ?? [operation]).includes(operation),
	);

/**
 * The operation's own options and booleans (Pay With, Access Token Source, Route Outcomes, Look Up
 * By…): each of their values is a variant, so every field is read and every routing taken by some
 * run; one more variant gives them all the secret as well.
 */
function variants(resource: string, operation: string, kind: Kind): IDataObject[] {
	const controls = propertiesOf(resource, operation).filter(
		(p) => p.type === 'options' || p.type === 'boolean',
	);
	const defaults = Object.fromEntries(controls.map((c) => [c.name, c.default]));
	const out: IDataObject[] = [defaults];
	for (const c of controls) {
		const values =
			c.type === 'boolean'
				? [true, false]
				: (c.options as Array<{ value: string }>).map((o) => o.value);
		for (const value of values) if (value !== c.default) out.push({ ...defaults, [c.name]: value });
	}
	if (!kind.secretFieldsOnly && controls.length > 0)
		out.push(Object.fromEntries(controls.map((c) => [c.name, secretFor(c, kind)])) as IDataObject);
	return out;
}

function parametersFor(resource: string, operation: string, controls: IDataObject, kind: Kind) {
	const properties = propertiesOf(resource, operation);
	return {
		resource,
		operation,
		...filled(properties, kind, new Set(Object.keys(controls))),
		...controls,
	};
}

// ---- what a failure leaves behind

/** An error as n8n keeps it: its own fields (the node among them), message, description, context. */
function errorText(error: unknown): string {
	if (!error || typeof error !== 'object') return String(error ?? '');
	const e = error as Error & { description?: unknown; context?: unknown; node?: INode };
	return JSON.stringify({
		...e,
		node: e.node,
		message: e.message,
		description: e.description,
		context: e.context,
		stack: e.stack,
	});
}

function leaksIn(text: string, kind: Kind): string[] {
	return kind.forbidden.filter((f) => text.includes(f));
}

const MODES: Array<{ name: string; settings: Partial<INode> }> = [
	{ name: 'stop', settings: {} },
	{ name: 'Continue On Fail', settings: { onError: 'continueRegularOutput' } },
	{ name: 'error output', settings: { onError: 'continueErrorOutput' } },
	{ name: 'Retry On Fail', settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
];

test("n8n's log lines are heard: its Logger's console lines and its proxy", async () => {
	logged.length = 0;
	await runNode(emulator, { resource: 'order', operation: 'get', orderId: 'x' }, [{}], {});
	expect(logged.some((l) => l.includes('Order ID must be a positive whole number'))).toBe(true);
	expect(logged.some((l) => l.startsWith('debug '))).toBe(true);
});

test('every secret field is masked by name', () => {
	const secretFields = (properties: INodeProperties[]): string[] =>
		properties.flatMap((p) => [
			...(isSecretField(p) ? [p.name] : []),
			...(p.type === 'collection' ? secretFields(p.options as INodeProperties[]) : []),
			...(p.type === 'fixedCollection'
				? (p.options as INodePropertyCollection[]).flatMap((g) => secretFields(g.values))
				: []),
		]);
	const all = secretFields(description.properties);
	expect(all.length).toBeGreaterThanOrEqual(6);
	expect(all.filter((name) => !SECRET_PARAMETERS.includes(name))).toEqual([]);
});

describe.each(OPERATIONS)('$resource → $operation', ({ resource, operation }) => {
	test.each(KINDS)('$name in every parameter, in every error mode', async (kind) => {
		let failures = 0;
		let linesLogged = 0;
		const leaks: string[] = [];
		for (const controls of variants(resource, operation, kind)) {
			for (const mode of MODES) {
				const parameters = parametersFor(resource, operation, controls, kind);
				logged.length = 0;
				let text: string;
				try {
					const run = await runNode(emulator, parameters, [{}], mode.settings, CREDENTIALS());
					const error = run.error();
					const failed = JSON.stringify(run.run.data.resultData.runData).match(
						/"(outcome|error)":"(failed|declined)"|"error":\{|"error":"/,
					);
					if (error || failed) failures++;
					text = `${JSON.stringify(run.run.data.resultData)}\n${errorText(error)}`;
				} catch (error) {
					// refused before the run (n8n's own parameter check): its message counts too
					failures++;
					text = errorText(error);
				}
				linesLogged += logged.length;
				for (const leak of leaksIn(`${text}\n${logged.join('\n')}`, kind))
					leaks.push(`${mode.name} ${JSON.stringify(controls)}: ${leak.slice(0, 12)}…`);
			}
		}
		expect(leaks).toEqual([]);
		// not vacuous: every run failed somewhere, and n8n's logger was heard
		expect(failures).toBe(variants(resource, operation, kind).length * MODES.length);
		expect(linesLogged).toBeGreaterThan(0);
	});
});

/**
 * The sweep above fails each operation at its first field. These reach the messages that repeat what
 * a field holds — deeper in, past valid fields — with the secret in that one field.
 */
const newCheckout = async () => {
	const cart = await runNode(emulator, {
		resource: 'cart',
		operation: 'create',
		customerId: '1',
		cartItems: { products: [{ productId: 101, quantity: 1 }] },
	});
	return String(cart.out[0][0].json.checkoutId);
};
const ECHOES: Array<{ name: string; parameters: (secret: string) => Promise<IDataObject> }> = [
	{
		name: 'Payment → Process, Pay With',
		parameters: async (secret) => ({
			resource: 'payment',
			operation: 'process',
			orderId: String(await createOrder(emulator, 1)),
			instrumentType: secret,
			routing: 'single',
		}),
	},
	{
		name: 'Cart → Create, a product option',
		parameters: async (secret) => ({
			resource: 'cart',
			operation: 'create',
			customerId: '1',
			cartItems: { products: [{ productId: 102, quantity: 1, options: secret }] },
		}),
	},
	{
		name: 'Order → Create, a product option',
		parameters: async (secret) => ({
			resource: 'order',
			operation: 'create',
			customerId: 1,
			billingAddress: { first_name: 'Ada', email: 'ada@example.com', zip: '78701' },
			lineItems: { catalogProducts: [{ productId: 102, quantity: 1, options: secret }] },
		}),
	},
	{
		name: 'Checkout → Add Consignment, the line items',
		parameters: async (secret) => ({
			resource: 'checkout',
			operation: 'addConsignment',
			checkoutId: await newCheckout(),
			shippingAddress: CHECKOUT_ADDRESS,
			items: 'chosen',
			lineItemIds: secret,
		}),
	},
	{
		name: 'Checkout → Checkout to Order, the shipping option',
		parameters: async (secret) => ({
			resource: 'checkout',
			operation: 'toOrder',
			customerId: '1',
			cartItems: { products: [{ productId: 101, quantity: 1 }] },
			billingAddress: CHECKOUT_ADDRESS,
			shippingChoice: 'named',
			shippingOptionName: secret,
		}),
	},
];

describe.each(ECHOES)('$name', ({ parameters }) => {
	test.each(KINDS.filter((k) => !k.secretFieldsOnly))(
		'$name, in every error mode',
		async (kind) => {
			for (const mode of MODES) {
				logged.length = 0;
				const run = await runNode(
					emulator,
					await parameters(kind.value),
					[{}],
					mode.settings,
					CREDENTIALS(),
				);
				const failed =
					run.error() ?? JSON.stringify(run.run.data.resultData.runData).match(/"error"/);
				expect({ mode: mode.name, failed: Boolean(failed) }).toEqual({
					mode: mode.name,
					failed: true,
				});
				const text = `${JSON.stringify(run.run.data.resultData)}\n${errorText(run.error())}\n${logged.join('\n')}`;
				expect({ mode: mode.name, leaks: leaksIn(text, kind) }).toEqual({
					mode: mode.name,
					leaks: [],
				});
			}
		},
	);
});

test('the stop that lists the payments already approved (doneInThisRun), also with Retry On Fail', async () => {
	for (const kind of KINDS) {
		const paid = await createOrder(emulator, 1, 5);
		const parameters = {
			...parametersFor('payment', 'process', { instrumentType: 'store_credit' }, kind),
			instrumentType: 'store_credit',
			accessTokenSource: 'create',
			routing: 'single',
			orderId: '={{ $json.orderId }}',
			// the first item must pay: its options plain (the sweep above fills them)
			requestOptions: {},
			additionalFields: {},
			limits: {},
		};
		for (const settings of [{}, { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 }]) {
			logged.length = 0;
			const run = await runNode(
				emulator,
				parameters,
				[{ orderId: paid }, { orderId: 'not an order' }],
				settings,
				CREDENTIALS(),
			);
			const error = run.error() as Error & { context?: { doneInThisRun?: unknown[] } };
			expect(error?.context?.doneInThisRun).toHaveLength(1);
			const text = `${JSON.stringify(run.run.data.resultData)}\n${errorText(error)}\n${logged.join('\n')}`;
			expect({ kind: kind.name, leaks: leaksIn(text, kind) }).toEqual({
				kind: kind.name,
				leaks: [],
			});
		}
	}
});

describe('the pickers', () => {
	const node = (parameters: IDataObject): INode => ({
		id: '1',
		name: 'BigCommerce',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { bigCommerceApi: { id: '1', name: 'BigCommerce sandbox' } },
	});
	const options = (credentials: ICredentialDataDecryptedObject) => ({
		nodeTypes: { [NODE_TYPE]: new BigCommercePayments() },
		credentialTypes: { bigCommerceApi: new BigCommerceApi() },
		credentials: { bigCommerceApi: credentials },
	});

	afterEach(() => emulator.clearFaults());

	test.each(KINDS)('$name in every field of the node; the list fails', async (kind) => {
		const orderId = await createOrder(emulator, 1);
		const credentials = CREDENTIALS();
		// every read the pickers make is refused, as for a revoked access token
		emulator.addFault({ route: 'GET *', kind: 'status', status: 401 });
		const calls: Array<[string, (n: INode) => Promise<unknown>]> = [
			...Object.keys(new BigCommercePayments().methods.listSearch).map(
				(method) =>
					[method, (n: INode) => listSearch(n, method, options(credentials))] as [
						string,
						(n: INode) => Promise<unknown>,
					],
			),
			...Object.keys(new BigCommercePayments().methods.loadOptions).map(
				(method) =>
					[method, (n: INode) => loadOptions(n, method, options(credentials))] as [
						string,
						(n: INode) => Promise<unknown>,
					],
			),
		];
		for (const instrumentType of ['card', 'stored_card']) {
			const parameters = {
				...parametersFor('payment', 'process', { instrumentType }, kind),
				instrumentType,
				orderId: { __rl: true, mode: 'id', value: String(orderId) },
			};
			for (const [method, call] of calls) {
				logged.length = 0;
				const error = await call(node(parameters)).then(
					() => undefined,
					(e: unknown) => e,
				);
				expect({ method, failed: error !== undefined }).toEqual({ method, failed: true });
				const text = `${errorText(error)}\n${logged.join('\n')}`;
				expect({ method, leaks: leaksIn(text, kind) }).toEqual({ method, leaks: [] });
			}
		}
	});
});

describe('the Trigger', () => {
	test.each(KINDS.filter((k) => !k.secretFieldsOnly))(
		'$name in every parameter: activation fails',
		async (kind) => {
			// BigCommerce refuses the hook's scope; then every request, as for a revoked access token
			for (const refused of [false, true]) {
				if (refused) emulator.addFault({ route: '*', kind: 'status', status: 401 });
				const trigger = triggerHarness(emulator, {
					parameters: {
						events: [kind.value],
						options: {
							fetchOrder: asExpression(kind.value),
							newStatusIds: [kind.value],
							previousStatusIds: [kind.value],
						},
					},
					clientSecret: SANDBOX_SECRET,
				});
				logged.length = 0;
				const error = await trigger.activate().then(
					() => undefined,
					(e: unknown) => e,
				);
				expect(error).toBeDefined();
				const text = `${errorText(error)}\n${logged.join('\n')}`;
				expect(leaksIn(text, kind)).toEqual([]);
				expect(text).not.toContain(SANDBOX_SECRET);
				expect(text).not.toContain(ACCESS_TOKEN);
			}
			emulator.clearFaults();
		},
	);
});
