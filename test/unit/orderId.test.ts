import {
	InputError,
	orderId,
} from 'n8n-nodes-bigcommerce-payments/nodes/BigCommerce/helpers/validation';

// Operations read the order with extractValue (tested through n8n in test/node/listSearch.test.ts);
// a picker value read without it, as a branch merged from elsewhere may still do, must not turn
// into NaN or be sent as "[object Object]".
test.each([
	[215, 215],
	['215', 215],
	[' 215 ', 215],
	[{ __rl: true, mode: 'list', value: '42' }, 42],
	[{ __rl: true, mode: 'id', value: 42 }, 42],
	[
		{ __rl: true, mode: 'url', value: 'https://store-abc123.mybigcommerce.com/manage/orders/77' },
		77,
	],
	['https://store-abc123.mybigcommerce.com/manage/orders/edit/78?tab=1', 78],
])('%j is order %d', (value, id) => expect(orderId(value)).toBe(id));

test.each([
	'',
	'0',
	'-3',
	'2.5',
	'https://example.com/orders/12',
	{ __rl: true, mode: 'list', value: '' },
	null,
])('%j is refused naming the field', (value) => {
	expect(() => orderId(value)).toThrow(InputError);
	expect(() => orderId(value)).toThrow(/^Order ID /);
});
