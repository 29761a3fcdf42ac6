// Waiting for PC/SC to see a card come or go on one reader. pcscd polls its readers, so a card
// put on or taken off is seen a moment later; whoever swaps a card (training's card room, a test)
// waits for each half, or pcscd may never notice the card left.
import type { ReaderService } from './types';

/** True once `reader` shows (or no longer shows) a card; false after `attempts` looks. */
export async function cardPresenceSeen(
  readers: Pick<ReaderService, 'list'>,
  reader: string,
  present: boolean,
  { attempts = 100, intervalMs = 50 } = {},
): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    const seen = await readers.list().catch(() => []);
    if (Boolean(seen.find((r) => r.name === reader)?.atr) === present) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
