// One-time launch codes: the system browser is opened on `/launch?code=…` rather than on the
// launch token, because a command line is visible to every user of the PC (`ps`, Task Manager).
// A code is good once, for two minutes, and only turns into the token for the browser that
// opens it first.
import { randomBytes } from 'node:crypto';

export const LAUNCH_CODE_TTL_MS = 120_000;

export class LaunchCodes {
  private readonly codes = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): string {
    this.sweep();
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, this.now() + LAUNCH_CODE_TTL_MS);
    return code;
  }

  /** True once for a code issued here and not expired; the code is spent either way. */
  redeem(code: string): boolean {
    const expires = this.codes.get(code);
    this.codes.delete(code);
    return expires !== undefined && this.now() <= expires;
  }

  private sweep() {
    const now = this.now();
    for (const [code, expires] of this.codes) if (expires < now) this.codes.delete(code);
  }
}
