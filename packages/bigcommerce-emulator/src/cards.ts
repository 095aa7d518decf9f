export function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

export function brandOf(number: string): string {
	if (/^4/.test(number)) return 'VISA';
	if (/^(5[1-5]|2[2-7])/.test(number)) return 'MASTERCARD';
	if (/^3[47]/.test(number)) return 'AMEX';
	if (/^6(011|5)/.test(number)) return 'DISCOVER';
	if (/^35/.test(number)) return 'JCB';
	return 'UNKNOWN';
}
