// The part of the `smartcard` binding PowerTill uses, typed here so that the type check does not
// depend on an optional native module having been built (on a fresh PC `npm install` runs before
// the PC/SC headers exist and drops the binding). Shapes follow smartcard 3.7's dist/lib/types.d.ts.

export interface PcscCard {
  getStatus(): { state: number; protocol: number; atr: Buffer };
  transmit(command: Buffer, options?: { autoGetResponse?: boolean }): Promise<Buffer>;
  disconnect(disposition?: number): void;
}

export interface PcscReader {
  readonly name: string;
  readonly state: number;
  readonly atr: Buffer | null;
  connect(shareMode?: number, protocol?: number): Promise<PcscCard>;
}

export interface PcscContext {
  readonly isValid: boolean;
  listReaders(): PcscReader[];
  close(): void;
}

export interface PcscMonitorEvent {
  type: 'reader-attached' | 'reader-detached' | 'card-inserted' | 'card-removed' | 'error';
  reader: string;
  state: number;
  atr: Buffer | null;
}

export interface PcscMonitor {
  start(callback: (event: PcscMonitorEvent) => void): void;
  stop(): void;
}

export interface Binding {
  Context: new () => PcscContext;
  ReaderMonitor: new () => PcscMonitor;
  SCARD_SHARE_SHARED: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_LEAVE_CARD: number;
  SCARD_STATE_PRESENT: number;
}
