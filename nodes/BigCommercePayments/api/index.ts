/**
 * The BigCommerce API: one typed function per endpoint. Operations, dropdowns and the trigger call
 * these, never the transport.
 */
export * from './connection';
export * from './errors';
export * from './hooks';
export * from './orderList';
export * from './orders';
export * from './orderPayments';
export * from './pages';
export * from './pat';
export * from './payments';
export * from './transactions';
export * from './carts';
export * from './checkouts';
export * from './customers';
export * from './createOrderOnce';
