// An SLE4442 memory card as a reader with ACS-style pseudo-APDUs sees it: 256 bytes of main memory,
// 32 protection bits over bytes 0–31, a 3-byte PSC with an error counter of 3 tries. Writes and a
// PSC change need the PSC presented first; a wrong PSC costs a try and three wrong ones lock the
// card for good, as on the real chip.

export const SLE4442_ATR = Buffer.from('3b04a2131091', 'hex');

const OK = Buffer.from([0x90, 0x00]);
const sw = (sw1: number, sw2: number) => Buffer.from([sw1, sw2]);
const WRONG_LENGTH = sw(0x67, 0x00);
const NOT_SUPPORTED = sw(0x6a, 0x81);
const WRONG_P1P2 = sw(0x6b, 0x00);
const CLA_NOT_SUPPORTED = sw(0x6e, 0x00);
const INS_NOT_SUPPORTED = sw(0x6d, 0x00);

export interface Sle4442State {
  memory: Buffer;
  /** Bit i set = byte i (0–31) still writable, as the chip reports it. */
  protection: number;
  psc: Buffer;
  /** Tries left, 0–3 (the chip's EC bits: 3 → 0b111). */
  triesLeft: number;
}

/** What a write does when the card leaves the reader half-way: only its first bytes land. */
export type WriteHook = (offset: number, data: Buffer) => { apply: number } | undefined;

export class Sle4442Chip {
  readonly atr = SLE4442_ATR;
  readonly state: Sle4442State;
  private authenticated = false;
  private selected = false;
  /** Called before each main-memory write; may cut it short (a card pulled mid-write). */
  onWrite: WriteHook | undefined;

  constructor(state?: Partial<Sle4442State>) {
    const memory = Buffer.alloc(256, 0xff);
    // The maker's area: ATR header and an ID, as delivered cards carry.
    Buffer.from('a2131091ff8115', 'hex').copy(memory, 0);
    this.state = {
      memory,
      protection: 0xffff_ffff,
      psc: Buffer.from('ffffff', 'hex'),
      triesLeft: 3,
      ...state,
    };
  }

  /** Power-on or reset: the PSC must be presented again. */
  reset(): void {
    this.authenticated = false;
    this.selected = false;
  }

  private errorCounterBits(): number {
    return (1 << this.state.triesLeft) - 1;
  }

  transmit(apdu: Buffer): Buffer {
    if (apdu.length < 5) return WRONG_LENGTH;
    const [cla, ins, p1, p2, lc] = apdu as unknown as [number, number, number, number, number];
    if (cla !== 0xff) return CLA_NOT_SUPPORTED;
    const data = apdu.subarray(5);
    if (ins === 0xa4) {
      // SELECT_CARD_TYPE: only the SLE4432/4442 family (type 06) answers.
      if (lc !== 1 || data[0] !== 0x06) return NOT_SUPPORTED;
      this.selected = true;
      return OK;
    }
    if (!this.selected) return sw(0x69, 0x85);
    switch (ins) {
      case 0xb0: {
        // READ_MEMORY_CARD: P2 = address, Le = length (0 = 256).
        const length = lc === 0 ? 256 : lc;
        if (p1 !== 0 || p2 + length > 256) return WRONG_P1P2;
        return Buffer.concat([this.state.memory.subarray(p2, p2 + length), OK]);
      }
      case 0xb1:
        // READ_PRESENTATION_ERROR_COUNTER: the EC byte and three dummy bytes.
        return Buffer.from([this.errorCounterBits(), 0, 0, 0, 0x90, 0x00]);
      case 0xb2: {
        const bits = Buffer.alloc(4);
        bits.writeUInt32LE(this.state.protection >>> 0);
        return Buffer.concat([bits, OK]);
      }
      case 0x20: {
        // PRESENT_CODE: answers 90 EC, EC 07 when the code was right.
        if (lc !== 3 || data.length !== 3) return WRONG_LENGTH;
        if (this.state.triesLeft === 0) return Buffer.from([0x90, 0x00]);
        if (data.equals(this.state.psc)) {
          this.state.triesLeft = 3;
          this.authenticated = true;
        } else {
          this.state.triesLeft -= 1;
          this.authenticated = false;
        }
        return Buffer.from([0x90, this.errorCounterBits()]);
      }
      case 0xd0: {
        if (data.length !== lc || p1 !== 0 || p2 + lc > 256) return WRONG_LENGTH;
        // The chip ignores writes without the PSC (the reader still says 90 00): only the
        // read-back tells, which is why every write is read back.
        if (!this.authenticated) return OK;
        const cut = this.onWrite?.(p2, Buffer.from(data));
        const count = cut ? cut.apply : data.length;
        for (let i = 0; i < count; i += 1) {
          const at = p2 + i;
          if (at < 32 && !(this.state.protection & (1 << at))) continue;
          this.state.memory[at] = data[i]!;
        }
        return OK;
      }
      case 0xd1: {
        // WRITE_PROTECTION_MEMORY: protects bytes 0–31 whose content equals the data given.
        if (!this.authenticated) return OK;
        for (let i = 0; i < lc; i += 1) {
          const at = p2 + i;
          if (at < 32 && this.state.memory[at] === data[i]) this.state.protection &= ~(1 << at);
        }
        return OK;
      }
      case 0xd2: {
        if (lc !== 3 || data.length !== 3) return WRONG_LENGTH;
        if (!this.authenticated) return sw(0x63, 0x00);
        this.state.psc = Buffer.from(data);
        return OK;
      }
      default:
        return INS_NOT_SUPPORTED;
    }
  }
}
