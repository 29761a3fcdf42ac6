// A virtual card on the real PC/SC stack: vpcd (vsmartcard) gives pcscd a "Virtual PCD" reader that
// waits on TCP for a card; connecting is inserting the card, closing is pulling it out. Messages
// are a 2-byte big-endian length and a payload: one byte is a control (0 power off, 1 power on,
// 2 reset, 4 "send your ATR"), anything longer is an APDU to answer.
import net from 'node:net';

export interface Chip {
  readonly atr: Buffer;
  reset(): void;
  transmit(apdu: Buffer): Buffer;
}

export const VPCD_PORT = 35963;

/** The reader pcscd shows for a vpcd port: 35963 is "Virtual PCD 00 00", 35964 "… 00 01". */
export const vpcdReaderName = (port: number): string =>
  `Virtual PCD 00 ${String(port - VPCD_PORT).padStart(2, '0')}`;

export class VirtualCard {
  private socket: net.Socket | null = null;
  private buffer = Buffer.alloc(0);
  /** APDUs seen, for tests that check what the program sent. */
  readonly log: Buffer[] = [];
  private pullBeforeAnswer: ((apdu: Buffer) => boolean) | null = null;
  private holdBeforeAnswer: ((apdu: Buffer) => boolean) | null = null;

  constructor(readonly chip: Chip) {}

  get inserted(): boolean {
    return this.socket !== null;
  }

  /** Puts the card on the reader: vpcd port 35963 is "Virtual PCD 00 00", 35964 "… 00 01". */
  insert(port = VPCD_PORT, host = '127.0.0.1'): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host, noDelay: true });
      socket.once('connect', () => {
        this.socket = socket;
        resolve();
      });
      socket.once('error', reject);
      socket.on('data', (chunk) => this.receive(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
      });
    });
  }

  /** Takes the card off the reader. */
  async remove(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  /**
   * The next APDU for which `when` holds is not answered: the card leaves the reader instead,
   * after the chip has done whatever it does with it (a torn write when combined with the chip's
   * own write hook).
   */
  pullOn(when: (apdu: Buffer) => boolean): void {
    this.pullBeforeAnswer = when;
  }

  /**
   * The next APDU for which `when` holds is carried out but never answered, and the card stays
   * on the reader: the host is left waiting, as when the reader itself goes away mid-command.
   */
  holdOn(when: (apdu: Buffer) => boolean): void {
    this.holdBeforeAnswer = when;
  }

  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) return;
      const payload = this.buffer.subarray(2, 2 + length);
      this.buffer = this.buffer.subarray(2 + length);
      this.handle(Buffer.from(payload));
    }
  }

  private send(payload: Buffer) {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length);
    payload.copy(frame, 2);
    this.socket?.write(frame);
  }

  private handle(payload: Buffer) {
    if (payload.length === 1) {
      const control = payload[0];
      if (control === 0x04) this.send(this.chip.atr);
      else if (control === 0x01 || control === 0x02) this.chip.reset();
      return;
    }
    this.log.push(payload);
    const answer = this.chip.transmit(payload);
    if (this.holdBeforeAnswer?.(payload)) {
      this.holdBeforeAnswer = null;
      return;
    }
    if (this.pullBeforeAnswer?.(payload)) {
      this.pullBeforeAnswer = null;
      void this.remove();
      return;
    }
    this.send(answer);
  }
}
