// The reader side of card/: what the rest of the program sees of PC/SC, whichever binding or
// simulation is behind it.

export interface ReaderInfo {
  name: string;
  /** Hex ATR of the card on the reader, or null when none is. */
  atr: string | null;
}

export type ReaderEvent =
  | { type: 'reader-attached' | 'reader-detached'; reader: string }
  /** The PC/SC service came up (again) or went away: everything is worth looking at anew. */
  | { type: 'service-up' | 'service-down' }
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

/**
 * Why the readers cannot be used: the PC/SC binding could not be built on this PC (`no-binding`,
 * a reinstall fixes it), or the PC/SC service is not running (`no-service`: pcscd, or Windows'
 * Smart Card service, which Windows starts only while a reader is plugged in).
 */
export interface ReaderUnavailable {
  reason: 'no-binding' | 'no-service';
  detail: string;
}

export interface ReaderService {
  /** Null when the PC/SC service is usable; otherwise why not. */
  unavailable(): ReaderUnavailable | null;
  list(): Promise<ReaderInfo[]>;
  connect(reader: string): Promise<CardConnection>;
  /** Reader and card events until the returned function is called. */
  watch(listener: (event: ReaderEvent) => void): () => void;
}
