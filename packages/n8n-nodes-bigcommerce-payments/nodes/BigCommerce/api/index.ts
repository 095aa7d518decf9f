/**
 * The BigCommerce API, the one room that knows BigCommerce: its hosts and auth schemes, its paths and
 * bodies, its error codes and its rate limits. Both nodes, their pickers and the credential enter it
 * here; the request loops (request.ts) and the pacer (pacer.ts) stay inside.
 */
export * from './store';
export type { ApiContext } from './request';
export * from './connection';
export * from './itemsInFlight';
export * from './errors';
export * from './secrets';
export * from './pat';
export * from './pages';
export * from './orders';
export * from './orderBody';
export * from './orderList';
export * from './createOrderOnce';
export * from './refundOnce';
export * from './orderPayments';
export * from './payments';
export * from './instruments';
export * from './transactions';
export * from './customers';
export * from './carts';
export * from './checkouts';
export * from './hooks';
export * from './metafields';
export * from './paymentClaim';
export * from './keyMarks';
