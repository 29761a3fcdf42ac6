import { smsNumber } from './phone';

describe('SMS numbers', () => {
  it('takes mainland mobiles however they are written, and nothing else', () => {
    expect(smsNumber('13912345678')).toBe('+8613912345678');
    expect(smsNumber('139 1234 5678')).toBe('+8613912345678');
    expect(smsNumber('+86 139-1234-5678')).toBe('+8613912345678');
    expect(smsNumber('008613912345678')).toBe('+8613912345678');
    expect(smsNumber('8613912345678')).toBe('+8613912345678');
    expect(smsNumber('0571-88886666')).toBeNull();
    expect(smsNumber('12912345678')).toBeNull();
    expect(smsNumber('1391234567')).toBeNull();
    expect(smsNumber('')).toBeNull();
  });
});
