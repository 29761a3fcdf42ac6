import { AppError } from '../../shared/errors';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Cashier2026');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(verifyPassword('Cashier2026', hash)).resolves.toBe(true);
    await expect(verifyPassword('cashier2026', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not look equal', async () => {
    const [a, b] = await Promise.all([hashPassword('Same1234'), hashPassword('Same1234')]);
    expect(a).not.toBe(b);
  });

  it('treats composed and decomposed Unicode as the same password', async () => {
    const hash = await hashPassword('Caf\u00e9 1234');
    await expect(verifyPassword('Cafe\u0301 1234', hash)).resolves.toBe(true);
  });

  it('refuses a stored hash it does not understand instead of throwing', async () => {
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
    await expect(verifyPassword('x', '')).resolves.toBe(false);
  });

  it('keeps old hashes verifiable after the cost changes', async () => {
    const cheap = await hashPassword('Legacy123', { N: 1024, r: 8, p: 1 });
    await expect(verifyPassword('Legacy123', cheap)).resolves.toBe(true);
  });
});

describe('password policy', () => {
  it.each(['short1', 'lettersonly', '12345678', ''])('refuses %p', (password) => {
    expect(() => assertPasswordPolicy(password)).toThrow(AppError);
  });
  it.each(['abcd1234', '收费员abc123'])('accepts %p', (password) => {
    expect(() => assertPasswordPolicy(password)).not.toThrow();
  });
});
