// Limits of the contract's inputs that the forms need before a call, as plain numbers, so the
// renderer knows them without loading the schemas (and zod) into its bundle. The schemas in
// ledger.ts are built from these same constants.

/** Characters each customer field may hold. */
export const CUSTOMER_LIMITS = {
  customerNo: 20,
  name: 60,
  shopUnit: 40,
  floor: 20,
  area: 40,
  phone: 20,
  notes: 500,
} as const;

/** A phone number as offices write it: digits, with - or spaces between groups. */
export const PHONE_PATTERN = /^[0-9][0-9 -]*$/;
