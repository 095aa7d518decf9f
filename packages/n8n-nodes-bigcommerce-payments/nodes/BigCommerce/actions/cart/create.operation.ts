import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createCart } from '../../api';
import type { OperationContext } from '../node.type';
import { cartProperties, readCart } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['cart'], operation: ['create'] } },
	cartProperties,
);

/** The cart, with `checkoutId`: the same id, named for the Checkout operations that follow. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const cart = await createCart.call(this, connection, readCart.call(this, i));
	return { ...cart, checkoutId: cart.id };
}
