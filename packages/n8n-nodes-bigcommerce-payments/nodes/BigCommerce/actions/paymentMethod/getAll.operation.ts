import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PaymentMethod } from '../../api';
import { getPaymentMethods } from '../../api';
import { required } from '../../helpers/validation';
import { orderIdField } from '../common.descriptions';
import type { OperationContext } from '../node.type';
import { orderIdOf } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		options: [
			{ name: 'Order', value: 'order' },
			{ name: 'Checkout', value: 'checkout' },
		],
		default: 'order',
	},
	{
		...orderIdField('An Incomplete order (status 0) created through the API', 'incomplete'),
		displayOptions: { show: { lookUpBy: ['order'] } },
	},
	{
		displayName: 'Checkout ID',
		name: 'checkoutId',
		type: 'string',
		required: true,
		default: '',
		description: 'The checkout (cart) ID',
		displayOptions: { show: { lookUpBy: ['checkout'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Usable With',
				name: 'instrumentType',
				type: 'options',
				default: '',
				description: 'Return only the methods that accept this kind of instrument',
				options: [
					{ name: 'Any Instrument', value: '' },
					{ name: 'Gift Certificate', value: 'gift_certificate' },
					{ name: 'New Card', value: 'card' },
					{ name: 'Store Credit', value: 'store_credit' },
					{ name: 'Stored Bank Account', value: 'stored_bank_account' },
					{ name: 'Stored Card', value: 'stored_card' },
					{ name: 'Stored PayPal Account', value: 'stored_paypal_account' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['paymentMethod'], operation: ['getAll'] } },
	properties,
);

const CARD_BRANDS = [
	'VISA',
	'MASTERCARD',
	'DISCOVER',
	'AMEX',
	'DINERS_CLUB',
	'JCB',
	'DANKORT',
	'MAESTRO',
];

/** Whether a method can take an instrument type; the API's own `type` and instrument lists decide. */
export function methodAccepts(method: PaymentMethod, instrumentType: string): boolean {
	const supported = new Set((method.supported_instruments ?? []).map((s) => s.instrument_type));
	const stored = new Set((method.stored_instruments ?? []).map((s) => s.type));
	switch (instrumentType) {
		case 'card':
			return CARD_BRANDS.some((b) => supported.has(b));
		case 'stored_card':
			return supported.has('STORED_CARD') || stored.has('stored_card');
		case 'stored_paypal_account':
			return (
				supported.has('STORED_PAYPAL_ACCOUNT') ||
				stored.has('stored_paypal_account') ||
				method.type === 'paypal'
			);
		case 'stored_bank_account':
			return (
				supported.has('STORED_BANK_ACCOUNT') ||
				stored.has('stored_bank_account') ||
				method.type === 'ach'
			);
		case 'gift_certificate':
		case 'store_credit':
			return method.type === instrumentType;
		default:
			return true;
	}
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject[]> {
	const by = this.getNodeParameter('lookUpBy', i) as string;
	const query =
		by === 'checkout'
			? { checkout_id: required(this.getNodeParameter('checkoutId', i), 'Checkout ID') }
			: { order_id: orderIdOf.call(this, i) };
	const options = this.getNodeParameter('options', i, {}) as { instrumentType?: string };
	const methods = await getPaymentMethods.call(this, connection, query);
	return methods
		.filter((m) => !options.instrumentType || methodAccepts(m, options.instrumentType))
		.map((m) => ({
			...m,
			stored_instruments: m.stored_instruments ?? [],
			...('order_id' in query ? { order_id: query.order_id } : {}),
		}));
}
