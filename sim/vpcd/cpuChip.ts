// An ISO 7816-4 CPU card (FM1208 class) as PowerTill's PT1 profile uses it: the application DF
// `PT01` holding one transparent EF `0001` of 248 bytes (the card image), a 3-byte PIN with three
// tries (VERIFY, CHANGE REFERENCE DATA). Reading needs no PIN; UPDATE BINARY needs it verified in
// this session. Status words as ISO 7816-4 gives them.

export const CPU_ATR = Buffer.from('3b9f958131fe9f006546530534', 'hex');
export const CPU_EF_BYTES = 248;

const sw = (sw1: number, sw2: number) => Buffer.from([sw1, sw2]);
const OK = sw(0x90, 0x00);
const WRONG_LENGTH = sw(0x67, 0x00);
const NOT_FOUND = sw(0x6a, 0x82);
const WRONG_OFFSET = sw(0x6b, 0x00);
const NO_EF = sw(0x69, 0x86);
const SECURITY = sw(0x69, 0x82);
const BLOCKED = sw(0x69, 0x83);
const INS_NOT_SUPPORTED = sw(0x6d, 0x00);
const CLA_NOT_SUPPORTED = sw(0x6e, 0x00);

export interface CpuState {
  /** The EF's bytes; null for a card without the PT01 application (not personalised). */
  ef: Buffer | null;
  pin: Buffer;
  triesLeft: number;
}

export type CpuWriteHook = (offset: number, data: Buffer) => { apply: number } | undefined;

export class CpuChip {
  readonly atr = CPU_ATR;
  readonly state: CpuState;
  private dfSelected = false;
  private efSelected = false;
  private verified = false;
  onWrite: CpuWriteHook | undefined;

  constructor(state?: Partial<CpuState>) {
    this.state = {
      ef: Buffer.alloc(CPU_EF_BYTES),
      pin: Buffer.from('ffffff', 'hex'),
      triesLeft: 3,
      ...state,
    };
  }

  reset(): void {
    this.dfSelected = false;
    this.efSelected = false;
    this.verified = false;
  }

  transmit(apdu: Buffer): Buffer {
    if (apdu.length < 4) return WRONG_LENGTH;
    const [cla, ins, p1, p2] = apdu as unknown as [number, number, number, number];
    if (cla !== 0x00) return CLA_NOT_SUPPORTED;
    const lc = apdu.length > 4 ? apdu[4]! : 0;
    const data = apdu.subarray(5, 5 + lc);
    switch (ins) {
      case 0xa4:
        return this.select(p1, data);
      case 0xb0:
        return this.readBinary((p1 << 8) | p2, apdu.length > 4 ? apdu[4]! : 0);
      case 0xd6:
        if (data.length !== lc) return WRONG_LENGTH;
        return this.updateBinary((p1 << 8) | p2, data);
      case 0x20:
        return this.verify(data);
      case 0x24:
        return this.changePin(data);
      default:
        return INS_NOT_SUPPORTED;
    }
  }

  private select(p1: number, data: Buffer): Buffer {
    if (p1 === 0x04) {
      if (this.state.ef === null || data.toString('ascii') !== 'PT01') return NOT_FOUND;
      this.dfSelected = true;
      this.efSelected = false;
      return OK;
    }
    if (p1 === 0x00 && this.dfSelected && data.equals(Buffer.from([0x00, 0x01]))) {
      this.efSelected = true;
      return OK;
    }
    return NOT_FOUND;
  }

  private readBinary(offset: number, le: number): Buffer {
    const ef = this.state.ef;
    if (!this.efSelected || !ef) return NO_EF;
    const length = le === 0 ? ef.length - offset : le;
    if (offset + length > ef.length) return WRONG_OFFSET;
    return Buffer.concat([ef.subarray(offset, offset + length), OK]);
  }

  private updateBinary(offset: number, data: Buffer): Buffer {
    const ef = this.state.ef;
    if (!this.efSelected || !ef) return NO_EF;
    if (!this.verified) return SECURITY;
    if (offset + data.length > ef.length) return WRONG_OFFSET;
    const apply = this.onWrite?.(offset, data)?.apply ?? data.length;
    data.subarray(0, apply).copy(ef, offset);
    return OK;
  }

  /** VERIFY: with no data, the tries left (63 Cx); with the PIN, one try spent if it is wrong. */
  private verify(pin: Buffer): Buffer {
    if (this.state.triesLeft === 0) return BLOCKED;
    if (pin.length === 0) return this.verified ? OK : sw(0x63, 0xc0 | this.state.triesLeft);
    if (pin.equals(this.state.pin)) {
      this.state.triesLeft = 3;
      this.verified = true;
      return OK;
    }
    this.state.triesLeft -= 1;
    this.verified = false;
    return this.state.triesLeft === 0 ? BLOCKED : sw(0x63, 0xc0 | this.state.triesLeft);
  }

  /** CHANGE REFERENCE DATA: old PIN then new PIN. */
  private changePin(data: Buffer): Buffer {
    if (data.length !== 6) return WRONG_LENGTH;
    if (this.state.triesLeft === 0) return BLOCKED;
    if (!data.subarray(0, 3).equals(this.state.pin)) {
      this.state.triesLeft -= 1;
      return this.state.triesLeft === 0 ? BLOCKED : sw(0x63, 0xc0 | this.state.triesLeft);
    }
    this.state.pin = Buffer.from(data.subarray(3, 6));
    return OK;
  }
}
