/** A bad parameter, caught before anything is sent. `field` is the name the user sees in the editor. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field} ${problem}`);
		this.name = 'InputError';
	}
}

export function luhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

export function cardBrand(number: string): string {
	if (/^4/.test(number)) return 'VISA';
	if (/^(5[1-5]|2[2-7])/.test(number)) return 'MASTERCARD';
	if (/^3[47]/.test(number)) return 'AMEX';
	if (/^6(011|5|4[4-9])/.test(number)) return 'DISCOVER';
	if (/^35/.test(number)) return 'JCB';
	if (/^3(0[0-5]|[68])/.test(number)) return 'DINERS_CLUB';
	return 'UNKNOWN';
}

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	if (typeof value === 'number') return 'a number that is not finite';
	return `a value of type ${value === null ? 'null' : typeof value}`.replace(
		'type object',
		'an object',
	);
}

/**
 * A text parameter: a string, or a finite number (a CVV or a card number an expression made a
 * number). An object, a list or a boolean is refused: String() would send "[object Object]".
 */
export function textOf(
	value: unknown,
	field: string,
	{ maxLength = 65535 }: { maxLength?: number } = {},
): string {
	let text: string;
	if (value === undefined || value === null) text = '';
	else if (typeof value === 'string') text = value.trim();
	else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
	else throw new InputError(field, `must be text, not ${kindOf(value)}`);
	if (text.length > maxLength)
		throw new InputError(field, `must be at most ${maxLength} characters (it has ${text.length})`);
	return text;
}

/** A control-panel order URL, …/manage/orders/{id}, gives its id. */
const ORDER_URL = /^https?:\/\/[^/]+\/manage\/orders\/(?:edit\/)?(\d+)\/?(?:[?#].*)?$/;

/**
 * A whole order id from a number, a string, a control-panel URL, or a Resource Locator value
 * (`{__rl, mode, value}`) that was read without `extractValue`. An object, a list or a boolean is
 * refused by name: String() would send "[object Object]".
 */
export function orderId(value: unknown, field = 'Order ID'): number {
	const raw =
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		('__rl' in value || 'mode' in value)
			? (value as { value?: unknown }).value
			: value;
	if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number')
		throw new InputError(field, `must be a positive whole number, such as 215, not ${kindOf(raw)}`);
	const given = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	const text = ORDER_URL.exec(given)?.[1] ?? given;
	if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 2147483647) {
		throw new InputError(field, 'must be a positive whole number, such as 215');
	}
	return Number(text);
}

export interface CardInput {
	number: unknown;
	cardholderName: unknown;
	expiryMonth: unknown;
	expiryYear: unknown;
	cvv: unknown;
}

export interface ValidCard {
	number: string;
	cardholderName: string;
	expiryMonth: number;
	expiryYear: number;
	cvv?: string;
}

/** Never echoes the number or the CVV: the messages say what is wrong, not what was typed. */
export function card(input: CardInput, now: number = Date.now()): ValidCard {
	const number = textOf(input.number, 'Card Number').replace(/[\s-]/g, '');
	if (!/^\d+$/.test(number))
		throw new InputError('Card Number', 'must contain only digits (spaces and dashes are allowed)');
	if (number.length < 12 || number.length > 19)
		throw new InputError('Card Number', `must be 12 to 19 digits long (it has ${number.length})`);
	if (!luhn(number))
		throw new InputError(
			'Card Number',
			'is not a valid card number (it fails the Luhn check): look for a mistyped digit',
		);
	const cardholderName = textOf(input.cardholderName, 'Cardholder Name');
	if (cardholderName === '') throw new InputError('Cardholder Name', 'is required');
	const month = Number(textOf(input.expiryMonth, 'Expiry Month') || NaN);
	if (!Number.isInteger(month) || month < 1 || month > 12)
		throw new InputError('Expiry Month', 'must be a whole number from 1 to 12');
	const yearText = textOf(input.expiryYear, 'Expiry Year');
	if (!/^\d{4}$/.test(yearText))
		throw new InputError('Expiry Year', 'must be a four-digit year, as printed on the card');
	const year = Number(yearText);
	// A card is good through the last day of its expiry month: it expires when the next month begins.
	const expiresAt = Date.UTC(year, month, 1);
	if (expiresAt <= now)
		throw new InputError(
			'Expiry Year',
			`and Expiry Month are in the past: the card expired in ${String(month).padStart(2, '0')}/${year}`,
		);
	const cvv = cvvOf(input.cvv);
	return { number, cardholderName, expiryMonth: month, expiryYear: year, cvv };
}

/** An optional CVV: whether a method requires one is decided against the method, not here. */
export function cvvOf(value: unknown, field = 'CVV'): string | undefined {
	const text = textOf(value, field);
	if (text === '') return undefined;
	if (!/^\d{3,4}$/.test(text)) throw new InputError(field, 'must be 3 or 4 digits');
	return text;
}

export function storedToken(value: unknown, field: string): string {
	const text = textOf(value, field);
	if (text.length !== 64 || !/^[A-Za-z0-9]+$/.test(text)) {
		throw new InputError(
			field,
			`must be the 64-character token of a stored instrument (it has ${text.length} characters); Payment Method → Get Many lists them`,
		);
	}
	return text;
}

export function required(value: unknown, field: string): string {
	const text = textOf(value, field);
	if (text === '') throw new InputError(field, 'is required');
	return text;
}

/** The parsed value, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * A number given as a number or as numeric text, within range. Anything else (an object, a list, a
 * boolean, empty text, null) is refused rather than sent as `null` or "[object Object]".
 */
export function numberOf(
	value: unknown,
	field: string,
	range: { min: number; max: number; integer?: boolean },
): number {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)
				? Number(value)
				: Number.NaN;
	if (!Number.isFinite(n)) throw new InputError(field, `must be a number, not ${kindOf(value)}`);
	if (range.integer && !Number.isInteger(n)) throw new InputError(field, 'must be a whole number');
	if (n < range.min || n > range.max)
		throw new InputError(field, `must be from ${range.min} to ${range.max}`);
	return n;
}

/**
 * A product's options as the editor takes them, "7=M, 9=Blue": option ID and value per pair, in the
 * order given. `hint` says what a pair must look like when one does not.
 */
export function optionPairs(
	text: string,
	field: string,
	hint: string,
): Array<{ id: number; value: string }> {
	return text
		.split(',')
		.map((pair) => pair.trim())
		.filter(Boolean)
		.map((pair) => {
			const match = /^(\d+)\s*=\s*(.+)$/.exec(pair);
			if (!match) throw new InputError(field, `has "${pair}"; ${hint}`);
			return { id: Number(match[1]), value: match[2].trim() };
		});
}
