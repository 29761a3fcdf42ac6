import { SessionStore } from './sessions';

describe('sessions', () => {
  const start = new Date('2026-11-24T01:00:00Z');
  const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

  it('keeps a session alive while it is used', () => {
    const store = new SessionStore(() => 10 * 60_000);
    const id = store.open(7, start);
    expect(store.touch(id, later(9))).toBe(7);
    expect(store.touch(id, later(18))).toBe(7);
  });

  it('expires a session idle longer than the timeout, once and for good', () => {
    const store = new SessionStore(() => 10 * 60_000);
    const id = store.open(7, start);
    expect(() => store.touch(id, later(10.01))).toThrow(
      expect.objectContaining({ code: 'SESSION_EXPIRED' }),
    );
    expect(() => store.touch(id, later(10.02))).toThrow(
      expect.objectContaining({ code: 'NOT_SIGNED_IN' }),
    );
  });

  it('follows a changed timeout at once', () => {
    let minutes = 30;
    const store = new SessionStore(() => minutes * 60_000);
    const id = store.open(1, start);
    minutes = 5;
    expect(() => store.touch(id, later(6))).toThrow(
      expect.objectContaining({ code: 'SESSION_EXPIRED' }),
    );
  });

  it('refuses unknown or missing session ids', () => {
    const store = new SessionStore(() => 60_000);
    expect(() => store.touch(undefined, start)).toThrow(
      expect.objectContaining({ code: 'NOT_SIGNED_IN' }),
    );
    expect(() => store.touch('forged', start)).toThrow(
      expect.objectContaining({ code: 'NOT_SIGNED_IN' }),
    );
  });

  it("ends all of one operator's sessions but keeps the one asked to keep", () => {
    const store = new SessionStore(() => 60_000);
    const a = store.open(1, start);
    const b = store.open(1, start);
    const other = store.open(2, start);
    store.closeAllFor(1, b);
    expect(() => store.touch(a, start)).toThrow();
    expect(store.touch(b, start)).toBe(1);
    expect(store.touch(other, start)).toBe(2);
  });
});
