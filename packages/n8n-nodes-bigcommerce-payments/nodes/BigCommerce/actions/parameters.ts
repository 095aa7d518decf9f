import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { orderId } from '../helpers/validation';

/**
 * A picker's value: n8n extracts it from a Resource Locator (and from a URL by the mode's regex);
 * a plain string or number, as workflows made before the pickers store it, comes back unchanged.
 */
export function locatorValue(this: IExecuteFunctions, name: string, i: number): unknown {
	return this.getNodeParameter(name, i, '', { extractValue: true });
}

/** The one place an operation reads the Order: a picker, an ID, a URL or an older plain value. */
export function orderIdOf(this: IExecuteFunctions, i: number): number {
	return orderId(locatorValue.call(this, 'orderId', i));
}

/** The same, for a dropdown or list search in the editor; undefined while no order is chosen. */
export function currentOrderId(this: ILoadOptionsFunctions): number | undefined {
	try {
		return orderId(this.getCurrentNodeParameter('orderId', { extractValue: true }));
	} catch {
		return undefined;
	}
}
