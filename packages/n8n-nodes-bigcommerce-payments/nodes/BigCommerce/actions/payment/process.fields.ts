/**
 * Payment → Process's fields: every instrument's inputs, declared one property each as n8n's editor
 * wants them, so this description list runs over 250 lines; the logic lives in instrument.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { PAYMENT_TIMEOUT_MS } from '../../api';
import { additionalFields, isRecurringField, orderIdField } from '../common.descriptions';
import { METHOD_PICKED_BY_USER } from './instrument';

/** The package README's section on what card data does to the user's PCI scope, and how n8n keeps it. */
export const PCI_SECTION_URL =
	'https://github.com/n8n-nodes-bigcommerce-payments/n8n-nodes-bigcommerce-payments/tree/main/packages/n8n-nodes-bigcommerce-payments#pci-scope-and-personal-data';

/** How long Process reads BigCommerce's records after a lost answer, unless the user says otherwise. */
export const RECONCILE_FOR_S = 30;

export const properties: INodeProperties[] = [
	{
		displayName:
			"There is no amount: BigCommerce charges the order's total (or what is still due on it). Create the order first, with Order → Create.",
		name: 'amountNotice',
		type: 'notice',
		default: '',
	},
	orderIdField('The Incomplete order (status 0) to pay', 'incomplete'),
	{
		displayName: 'Pay With',
		name: 'instrumentType',
		type: 'options',
		default: 'default_stored_instrument',
		options: [
			{
				name: "Customer's Default Stored Instrument",
				value: 'default_stored_instrument',
				description:
					"The card (or PayPal account, or bank account) the order's customer marked as default",
			},
			{ name: 'Gift Certificate', value: 'gift_certificate' },
			{ name: 'New Card', value: 'card' },
			{
				name: 'Store Credit',
				value: 'store_credit',
				description: "The customer's store credit balance",
			},
			{ name: 'Stored Bank Account', value: 'stored_bank_account' },
			{ name: 'Stored Card', value: 'stored_card' },
			{ name: 'Stored PayPal Account', value: 'stored_paypal_account' },
			{
				name: 'Tokenized Card',
				value: 'tokenized_card',
				description: 'A card tokenized by a wallet or provider, such as Bolt',
			},
		],
	},
	{
		displayName: `A card number and CVV that reach n8n put n8n, its host and its database in your PCI DSS scope, and n8n saves the items and parameters that carry them unless told not to; a stored instrument or a tokenized card keeps them out. <a href="${PCI_SECTION_URL}" target="_blank">PCI scope and personal data</a>`,
		name: 'newCardNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { instrumentType: ['card'] } },
	},
	{
		displayName: 'Payment Method',
		name: 'paymentMethodId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The gateway to charge through, such as stripe.card',
		displayOptions: { show: { instrumentType: METHOD_PICKED_BY_USER } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a payment method...',
				typeOptions: { searchListMethod: 'searchPaymentMethods', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'stripe.card' },
		],
	},
	// New card
	{
		displayName: 'Card Number',
		name: 'cardNumber',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '4111 1111 1111 1111',
		displayOptions: { show: { instrumentType: ['card'] } },
	},
	{
		displayName: 'Cardholder Name',
		name: 'cardholderName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { instrumentType: ['card'] } },
	},
	{
		displayName: 'Expiry Month',
		name: 'expiryMonth',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, maxValue: 12 },
		default: 1,
		displayOptions: { show: { instrumentType: ['card'] } },
	},
	{
		displayName: 'Expiry Year',
		name: 'expiryYear',
		type: 'number',
		required: true,
		// No year as default: any year written here would one day be in the past.
		default: 0,
		placeholder: 'YYYY',
		description: 'Four digits, as printed on the card',
		displayOptions: { show: { instrumentType: ['card'] } },
	},
	{
		displayName: 'CVV',
		name: 'cvv',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'The 3 or 4 digit security code. Required when the payment method asks for it.',
		displayOptions: {
			show: { instrumentType: ['card', 'stored_card', 'default_stored_instrument'] },
		},
	},
	{
		displayName: 'Save Instrument',
		name: 'saveInstrument',
		type: 'boolean',
		default: false,
		description:
			"Whether to store the card for the order's customer (the gateway must have stored cards enabled)",
		displayOptions: { show: { instrumentType: ['card'] } },
	},
	// Stored instruments
	{
		displayName: 'Stored Instrument',
		name: 'storedToken',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description:
			"One of the order customer's stored instruments; By Token takes the 64-character token from Payment Method → Get Many or Customer → Get Stored Instruments",
		displayOptions: {
			show: {
				instrumentType: ['stored_card', 'stored_paypal_account', 'stored_bank_account'],
			},
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a stored instrument...',
				typeOptions: { searchListMethod: 'searchStoredInstruments' },
			},
			{ displayName: 'By Token', name: 'id', type: 'string', placeholder: '64 characters' },
		],
	},
	{
		displayName: 'Gift Certificate Code',
		name: 'giftCertificateCode',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'ABC-DEF-GXX',
		displayOptions: { show: { instrumentType: ['gift_certificate'] } },
	},
	// Tokenized card
	{
		displayName: 'Card Token',
		name: 'tokenizedCardToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { instrumentType: ['tokenized_card'] } },
	},
	{
		displayName: 'Access Token Source',
		name: 'accessTokenSource',
		type: 'options',
		default: 'create',
		description: 'A payment access token pays one order, once',
		options: [
			{
				name: 'Create Automatically',
				value: 'create',
				description: 'Create a fresh token for every payment attempt (recommended)',
			},
			{
				name: 'From a Previous Step',
				value: 'input',
				description: 'Use a token from a Payment Access Token → Create step',
			},
		],
	},
	{
		displayName: 'Payment Access Token',
		name: 'paymentAccessToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '={{ $json.paymentAccessToken }}',
		displayOptions: { show: { accessTokenSource: ['input'] } },
	},
	{
		displayName: 'Route Outcomes',
		name: 'routing',
		type: 'options',
		default: 'split',
		options: [
			{
				name: 'Approved / Declined / Failed Outputs',
				value: 'split',
				description: 'Send each payment to the output that matches its outcome',
			},
			{
				name: 'Single Output',
				value: 'single',
				description:
					"Approved payments continue; declines and failures are errors (use the node's error output or Continue On Fail)",
			},
		],
	},
	additionalFields([
		isRecurringField(
			'Whether to tell the gateway the charge is recurring (when the token is created automatically)',
		),
		{
			displayName: 'If the Order Is Already Paid',
			name: 'ifAlreadyPaid',
			type: 'options',
			default: 'approved',
			description:
				'What to do when the order was paid before (a repeated webhook, a re-run, an agent calling again). Nothing is charged either way.',
			options: [
				{
					name: 'Approved',
					value: 'approved',
					description: 'Continue on Approved with alreadyPaid: true and the payment that paid it',
				},
				{
					name: 'Failed',
					value: 'failed',
					description: 'Go to Failed with reason already_paid',
				},
			],
		},
		{
			displayName: 'Reconcile For (Seconds)',
			name: 'reconcileFor',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 600 },
			default: RECONCILE_FOR_S,
			description:
				"When a payment's answer is lost (timeout, dropped connection, 5xx), how long to read the order and its transactions to find out what happened (at 1, 2, 4, 8… s). The payment is never sent again.",
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: PAYMENT_TIMEOUT_MS,
			description:
				"How long to wait for the payment's answer. When it runs out, the order is read to find out whether it was charged (see Reconcile For); the payment is never sent again.",
		},
		{
			displayName: 'Wallet Card Expiry Month',
			name: 'walletCardExpiryMonth',
			type: 'string',
			default: '',
			description: 'For a tokenized card: its expiry month',
		},
		{
			displayName: 'Wallet Card Expiry Year',
			name: 'walletCardExpiryYear',
			type: 'string',
			default: '',
			description: 'For a tokenized card: its expiry year',
		},
		{
			displayName: 'Wallet Card IIN',
			name: 'walletCardIin',
			type: 'string',
			default: '',
			description: 'For a tokenized card: the first 6 digits of the card',
		},
		{
			displayName: 'Wallet Card Last 4',
			name: 'walletCardLastFour',
			type: 'string',
			default: '',
			description: 'For a tokenized card: the last 4 digits of the card',
		},
	]),
];
