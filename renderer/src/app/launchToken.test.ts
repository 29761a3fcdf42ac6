import { takeLaunchToken } from './bridge';

describe('the launch token', () => {
  it('is taken from the address bar once and removed from it', () => {
    window.history.replaceState(null, '', '/?token=abc#/sales');
    expect(takeLaunchToken(window.location, sessionStorage)).toBe('abc');
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/sales');
    // A reload of the tab still has it.
    expect(takeLaunchToken(window.location, sessionStorage)).toBe('abc');
  });
});
