// customers.*: tenant records and the cashier's search.
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'customers';

export const customerHandlers: HandlerGroup<
  'customers.search' | 'customers.get' | 'customers.create' | 'customers.update',
  Area
> = {
  'customers.search': (input, { services }) => services.customers.search(input.query, input.limit),

  'customers.get': (input, { services }) => {
    const customer = services.customers.byId(input.id);
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
    return customer;
  },

  'customers.create': (input, ctx) => {
    const { customers } = ctx.services;
    const { customerNo, ...fields } = input;
    return ctx.write(
      () => {
        if (customerNo !== undefined && customers.numberTaken(customerNo))
          throw new AppError('CUSTOMER_NO_TAKEN', { customerNo });
        return customers.insert(
          customerNo ?? customers.nextNumber(),
          fields,
          ctx.now.toISOString(),
        );
      },
      (created) => ({ after: created }),
    );
  },

  'customers.update': (input, ctx) => {
    const { customers } = ctx.services;
    const { id, ...changes } = input;
    return ctx.write(
      () => {
        const before = customers.byId(id);
        if (!before) throw new AppError('CUSTOMER_NOT_FOUND');
        return { before, after: customers.update(id, changes, ctx.now.toISOString()) };
      },
      (change) => change,
    ).after;
  },
};
