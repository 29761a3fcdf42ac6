// Messages between a VirtualCardHost and its card thread (cardWorker.ts).

export type ChipSpec =
  | { kind: 'sle4442'; memory?: string; psc?: string; triesLeft?: number }
  /** A CPU card (FM1208 class) with the PT01 application, or without it when `ef` is null. */
  | { kind: 'cpu'; ef?: string | null; pin?: string; triesLeft?: number }
  /** A card of another type: only its ATR matters. */
  | { kind: 'other'; atr: string };

export type CardWorkerRequest =
  | { type: 'load'; chip: ChipSpec }
  | { type: 'insert'; port: number }
  | { type: 'remove' }
  | { type: 'clearLog' }
  | { type: 'pullOnWrite'; apply: number }
  /** The card does what the next `apdus` APDUs ask but leaves the reader instead of answering the last. */
  | { type: 'pullAfter'; apdus: number }
  /** The card carries out the next `apdus` APDUs and never answers the last (stays inserted). */
  | { type: 'holdAfter'; apdus: number }
  /** Forget a pull set up and not yet sprung. */
  | { type: 'cancelPull' }
  | { type: 'state' };

export interface CardState {
  inserted: boolean;
  /** APDUs the card received, hex. */
  apdus: string[];
  memory?: string;
  psc?: string;
  triesLeft?: number;
}

export interface CardWorkerReply {
  id: number;
  ok: boolean;
  error?: string;
  state: CardState;
}
