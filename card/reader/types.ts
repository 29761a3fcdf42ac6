// The reader side of card/: what the rest of the program sees of PC/SC, whichever binding or
// simulation is behind it.

export interface ReaderInfo {
  name: string;
  /** Hex ATR of the card on the reader, or null when none is. */
  atr: string | null;
}

export type ReaderEvent =
  | { type: 'reader-attached' | 'reader-detached'; reader: string }
  | { type: 'card-inserted'; reader: string; atr: string }
  | { type: 'card-removed'; reader: string };

/** One exchange of APDUs with the card now on a reader. */
export interface CardConnection {
  readonly reader: string;
  readonly atr: Buffer;
  /** Sends a command APDU and returns the response APDU (data + SW1 SW2). */
  transmit(apdu: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

export interface ReaderService {
  /** Null when the PC/SC service is usable; otherwise why not (binding missing, service down). */
  unavailable(): string | null;
  list(): Promise<ReaderInfo[]>;
  connect(reader: string): Promise<CardConnection>;
  /** Reader and card events until the returned function is called. */
  watch(listener: (event: ReaderEvent) => void): () => void;
}
