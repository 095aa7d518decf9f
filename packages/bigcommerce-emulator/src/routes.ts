import type { Ctx, Reply } from './http';
import { createAccessToken } from './accessTokens';
import { createCart, getCart } from './carts';
import { createCheckoutOrder } from './checkoutOrders';
import { addBillingAddress, addConsignments, getCheckout, updateConsignment } from './checkouts';
import { listCustomers, storedInstruments } from './customers';
import { createHook, deleteHook, getHook, listHooks, updateHook } from './hooks';
import { countOrders, listOrders } from './orderList';
import {
	archiveOrder,
	createOrder,
	getOrder,
	getOrderProducts,
	orderStatuses,
	updateOrder,
} from './orders';
import {
	createOrderMetafield,
	createOrderMetafields,
	deleteOrderMetafield,
	deleteOrderMetafields,
	getOrderMetafield,
	listAllOrderMetafields,
	listOrderMetafields,
	updateOrderMetafield,
	updateOrderMetafields,
} from './metafields';
import { capture, voidPayment } from './paymentActions';
import { getPaymentMethods } from './paymentMethods';
import { createRefund, getRefund, listRefunds, refundQuote } from './refunds';
import { storeInfo, time } from './storeInfo';
import { getTransactions } from './transactions';

export interface Route {
	method: string;
	pattern: RegExp;
	/** any one of these grants access; an empty list means the default scope every account has */
	scopes: string[];
	handler: (ctx: Ctx) => Reply;
}

const R_ORDERS = ['store_v2_orders', 'store_v2_orders_read_only'];
const W_ORDERS = ['store_v2_orders'];
const R_TX = ['store_v2_transactions', 'store_v2_transactions_read_only'];
const W_ACTIONS = ['store_v2_orders', 'store_v2_transactions'];
const R_REFUNDS = [...R_ORDERS, ...R_TX];
const R_INSTRUMENTS = [
	'store_stored_payment_instruments',
	'store_stored_payment_instruments_read_only',
];
const R_INFO = ['store_v2_information', 'store_v2_information_read_only'];
const R_CUSTOMERS = ['store_v2_customers', 'store_v2_customers_read_only'];
const W_CART = ['store_cart'];
const R_CART = [...W_CART, 'store_cart_read_only'];
// BigCommerce's own pages spell this scope both ways (wave2 research §1): either is accepted.
const W_CHECKOUT = ['store_checkout', 'store_checkouts'];
const R_CHECKOUT = [...W_CHECKOUT, 'store_checkout_read_only', 'store_checkouts_read_only'];
const UUID = '([0-9a-fA-F-]{36})';
const ORDER_METAFIELDS = /^\/v3\/orders\/(\d+)\/metafields$/;
const ORDER_METAFIELD = /^\/v3\/orders\/(\d+)\/metafields\/(\d+)$/;
const BATCH_METAFIELDS = /^\/v3\/orders\/metafields$/;
const checkout = (rest = '') => new RegExp(`^/v3/checkouts/${UUID}${rest}$`);

export const managementRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/v3\/payments\/methods$/,
		scopes: ['store_payments_methods_read'],
		handler: getPaymentMethods,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/payments\/access_tokens$/,
		scopes: ['store_payments_access_token_create'],
		handler: createAccessToken,
	},
	{ method: 'POST', pattern: /^\/v2\/orders$/, scopes: W_ORDERS, handler: createOrder },
	{ method: 'GET', pattern: /^\/v2\/orders$/, scopes: R_ORDERS, handler: listOrders },
	{ method: 'GET', pattern: /^\/v2\/orders\/count$/, scopes: R_ORDERS, handler: countOrders },
	{ method: 'GET', pattern: /^\/v2\/orders\/(\d+)$/, scopes: R_ORDERS, handler: getOrder },
	{ method: 'DELETE', pattern: /^\/v2\/orders\/(\d+)$/, scopes: W_ORDERS, handler: archiveOrder },
	{ method: 'PUT', pattern: /^\/v2\/orders\/(\d+)$/, scopes: W_ORDERS, handler: updateOrder },
	{
		method: 'GET',
		pattern: /^\/v2\/orders\/(\d+)\/products$/,
		scopes: R_ORDERS,
		handler: getOrderProducts,
	},
	{ method: 'GET', pattern: /^\/v2\/order_statuses$/, scopes: R_ORDERS, handler: orderStatuses },
	{
		method: 'GET',
		pattern: /^\/v3\/orders\/(\d+)\/transactions$/,
		scopes: R_TX,
		handler: getTransactions,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/capture$/,
		scopes: W_ACTIONS,
		handler: capture,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/void$/,
		scopes: W_ACTIONS,
		handler: voidPayment,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/refund_quotes$/,
		scopes: W_ACTIONS,
		handler: refundQuote,
	},
	{
		method: 'POST',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/refunds$/,
		scopes: W_ACTIONS,
		handler: createRefund,
	},
	{
		method: 'GET',
		pattern: /^\/v3\/orders\/(\d+)\/payment_actions\/refunds$/,
		scopes: R_REFUNDS,
		handler: listRefunds,
	},
	// Order metafields: the spec names no scope; the Orders scopes govern them here (README).
	{ method: 'GET', pattern: ORDER_METAFIELDS, scopes: R_ORDERS, handler: listOrderMetafields },
	{ method: 'POST', pattern: ORDER_METAFIELDS, scopes: W_ORDERS, handler: createOrderMetafield },
	{ method: 'GET', pattern: ORDER_METAFIELD, scopes: R_ORDERS, handler: getOrderMetafield },
	{ method: 'PUT', pattern: ORDER_METAFIELD, scopes: W_ORDERS, handler: updateOrderMetafield },
	{ method: 'DELETE', pattern: ORDER_METAFIELD, scopes: W_ORDERS, handler: deleteOrderMetafield },
	{ method: 'GET', pattern: BATCH_METAFIELDS, scopes: R_ORDERS, handler: listAllOrderMetafields },
	{ method: 'POST', pattern: BATCH_METAFIELDS, scopes: W_ORDERS, handler: createOrderMetafields },
	{ method: 'PUT', pattern: BATCH_METAFIELDS, scopes: W_ORDERS, handler: updateOrderMetafields },
	{
		method: 'DELETE',
		pattern: BATCH_METAFIELDS,
		scopes: W_ORDERS,
		handler: deleteOrderMetafields,
	},
	{
		method: 'GET',
		pattern: /^\/v3\/orders\/payment_actions\/refunds\/(\d+)$/,
		scopes: R_REFUNDS,
		handler: getRefund,
	},
	{
		method: 'GET',
		pattern: /^\/v3\/customers\/(\d+)\/stored-instruments$/,
		scopes: R_INSTRUMENTS,
		handler: storedInstruments,
	},
	{ method: 'GET', pattern: /^\/v3\/customers$/, scopes: R_CUSTOMERS, handler: listCustomers },
	{ method: 'POST', pattern: /^\/v3\/carts$/, scopes: W_CART, handler: createCart },
	{ method: 'GET', pattern: new RegExp(`^/v3/carts/${UUID}$`), scopes: R_CART, handler: getCart },
	{ method: 'GET', pattern: checkout(), scopes: R_CHECKOUT, handler: getCheckout },
	{
		method: 'POST',
		pattern: checkout('/billing-address'),
		scopes: W_CHECKOUT,
		handler: addBillingAddress,
	},
	{
		method: 'POST',
		pattern: checkout('/consignments'),
		scopes: W_CHECKOUT,
		handler: addConsignments,
	},
	{
		method: 'PUT',
		pattern: checkout(`/consignments/${UUID}`),
		scopes: W_CHECKOUT,
		handler: updateConsignment,
	},
	{
		method: 'POST',
		pattern: checkout('/orders'),
		scopes: W_CHECKOUT,
		handler: createCheckoutOrder,
	},
	{ method: 'GET', pattern: /^\/v3\/hooks$/, scopes: [], handler: listHooks },
	{ method: 'POST', pattern: /^\/v3\/hooks$/, scopes: [], handler: createHook },
	{ method: 'GET', pattern: /^\/v3\/hooks\/(\d+)$/, scopes: [], handler: getHook },
	{ method: 'PUT', pattern: /^\/v3\/hooks\/(\d+)$/, scopes: [], handler: updateHook },
	{ method: 'DELETE', pattern: /^\/v3\/hooks\/(\d+)$/, scopes: [], handler: deleteHook },
	{ method: 'GET', pattern: /^\/v2\/time$/, scopes: [], handler: time },
	{ method: 'GET', pattern: /^\/v2\/store$/, scopes: R_INFO, handler: storeInfo },
];
