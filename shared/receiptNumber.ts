/** Receipt and voucher numbers are printed as eight digits, the way the office files them. */
export const receiptNumber = (n: number): string => String(n).padStart(8, '0');
