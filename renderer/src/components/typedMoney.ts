// A money field as the cashier has typed it so far, in fen.
import { parseYuan } from '../../../shared/units';

/** Its fen; `undefined` while nothing is typed; `null` when what is typed is not a sum of money. */
export function typedYuan(text: string | undefined): number | null | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseYuan(text);
  } catch {
    return null;
  }
}
