// A simulated DDSY1352-NK / DTSY1352-NK speaking DL/T 645-2007: it answers reads of the DIs in the
// registry from its own state (energy, remaining money, purchase count, price, limits, clock),
// its address to the wildcard, writes with the right password (level 02), relay commands, and the
// broadcast time; anything else gets the standard's error reply. Faults can be injected for the
// next frames it hears (silence, a garbled reply, a slow reply, a wrong address). With the key the
// office installed it with, it also takes remote recharges (070102FF, count = its own + 1). Made
// a Modbus-RTU meter, it answers PowerTill's assumed register map instead (profiles.ts).
import {
  addressText,
  BROADCAST,
  encodeFrame,
  WILDCARD,
  type Dlt645Frame,
} from '../../meter-link/dlt645/frame';
import { dataId, decodeValue, diText, encodeValue } from '../../meter-link/dlt645/dataIds';
import { CONTROL } from '../../meter-link/dlt645/messages';
import {
  encodePresetReceipt,
  parsePresetRequest,
  presetBody,
  presetMac,
  PRESET_DI,
} from '../../meter-link/dlt645/preset';
import {
  encodeRechargeReceipt,
  parseRechargeRequest,
  rechargeBody,
  rechargeMacs,
} from '../../meter-link/dlt645/recharge';
import {
  encodeReply,
  FUNCTION,
  type ModbusReply,
  type ModbusRequest,
} from '../../meter-link/modbus/rtu';

export type NkFault = 'silent' | 'garbled' | 'slow' | 'wrong-address';

export interface NkMeterState {
  address: string;
  /** 0.01 kWh. */
  energyE2: number;
  remainingFen: number;
  purchaseCount: number;
  cumulativePurchasedFen: number;
  /** 1e-4 yuan/kWh. */
  priceE4: number;
  alarm1Fen: number;
  alarm2Fen: number;
  overdraftFen: number;
  hoardingFen: number;
  relay: 'closed' | 'open';
  /** "YYYY-MM-DD hh:mm:ss", the meter's own clock. */
  clock: string;
  /** Level-02 password, 6 hex digits. */
  password: string;
  /** The account the last recharge was for (12 digits). */
  customerNo: string;
  /** Rate prices sharp, peak, flat, valley (1e-4 yuan/kWh) and the day's segments (hh:mm/N). */
  ratePricesE4: number[];
  segments: string;
  /** How it speaks on the line, and its Modbus unit address. */
  protocol: 'dlt645' | 'modbus';
  /** Energy by rate (sharp, peak, flat, valley), when a test sets it; else all of it is flat. */
  rateEnergyE2?: [number, number, number, number];
  /**
   * False for a metering meter (DDSD1352 / DTSD1352): it measures and switches its relay but
   * holds no money, and says it has no such data when asked for any.
   */
  holdsMoney?: boolean;
  unit: number;
}

const ERR = { other: 0x01, noData: 0x02, password: 0x04 } as const;
/** Security error word bits (recharge.ts SECURITY_ERROR_BITS). */
const SERR = { other: 0x01, repeated: 0x02, mac: 0x04, count: 0x20, hoarding: 0x40 } as const;
const REPLY = 0x80;
/** What a metering meter does not have: money, purchases and their limits. */
const MONEY_DIS = new Set([
  '00900200',
  '02800020',
  '03330201',
  '03330601',
  '04001001',
  '04001002',
  '04001003',
  '04001004',
]);
const ABNORMAL = 0x40;

/** A Modbus exception answering `request` (02 illegal address, 03 illegal value …). */
export const exceptionTo = (request: ModbusRequest, code: number): ModbusReply => ({
  kind: 'exception',
  unit: request.unit,
  fn: request.fn,
  code,
  reason: '',
});

export class NkMeter {
  readonly state: NkMeterState;
  faults: NkFault[] = [];
  /**
   * Faults for the replies to the next recharges and balance presets only: the money changes,
   * the answer is spoilt.
   */
  rechargeFaults: NkFault[] = [];
  /**
   * 编程记录: every parameter write the meter accepted, with when (as a real meter keeps its
   * programming events), for tests to see what reached it and when.
   */
  readonly programmed: { di: string; value: number | string; at: number }[] = [];

  /**
   * `rechargeKey`: the key the office put into the meter at installation; without it the meter
   * refuses every recharge's MAC.
   */
  constructor(
    init: Pick<NkMeterState, 'address'> & Partial<NkMeterState>,
    private readonly rechargeKey: Buffer | null = null,
  ) {
    this.state = {
      energyE2: 0,
      remainingFen: 0,
      purchaseCount: 0,
      cumulativePurchasedFen: 0,
      priceE4: 8_500,
      alarm1Fen: 2_000,
      alarm2Fen: 1_000,
      overdraftFen: 0,
      hoardingFen: 0,
      relay: 'closed',
      clock: '2026-01-01 00:00:00',
      password: '123456',
      customerNo: '000000000000',
      ratePricesE4: [8_500, 8_500, 8_500, 8_500],
      segments: Array.from({ length: 8 }, () => '00:00/3').join(','),
      protocol: 'dlt645',
      unit: 1,
      ...init,
    };
  }

  get address(): string {
    return this.state.address;
  }

  /** Whether a frame to `address` is for this meter (its own, the wildcard or broadcast). */
  hears(address: string): boolean {
    return address === this.state.address || address === WILDCARD || address === BROADCAST;
  }

  /** What it answers for a DI; a box's circuit answers more (adfBox.ts). */
  protected value(di: string): number | string | null {
    const s = this.state;
    const values: Record<string, number | string> = {
      '00010000': s.energyE2 / 100,
      // By rate: what the test set, else everything counted as flat (平).
      '00010100': (s.rateEnergyE2?.[0] ?? 0) / 100,
      '00010200': (s.rateEnergyE2?.[1] ?? 0) / 100,
      '00010300': (s.rateEnergyE2?.[2] ?? s.energyE2) / 100,
      '00010400': (s.rateEnergyE2?.[3] ?? 0) / 100,
      // Below zero a meter shows no money left and the overdraft apart (透支金额).
      '00900200': Math.max(0, s.remainingFen) / 100,
      '00900201': Math.max(0, -s.remainingFen) / 100,
      '02800020': s.priceE4 / 10_000,
      '03330201': s.purchaseCount,
      '03330601': s.cumulativePurchasedFen / 100,
      '04001001': s.alarm1Fen / 100,
      '04001002': s.alarm2Fen / 100,
      '04001003': s.overdraftFen / 100,
      '04001004': s.hoardingFen / 100,
      '04050101': s.ratePricesE4[0]! / 10_000,
      '04050102': s.ratePricesE4[1]! / 10_000,
      '04050103': s.ratePricesE4[2]! / 10_000,
      '04050104': s.ratePricesE4[3]! / 10_000,
      '04010001': s.segments,
      '04000401': s.address,
      '04000101': s.clock.slice(0, 10),
      '04000102': s.clock.slice(11),
      // Status word 3, bit 4: relay open.
      '04000503': s.relay === 'open' ? '0010' : '0000',
    };
    if (s.holdsMoney === false && MONEY_DIS.has(di)) return null;
    return values[di] ?? null;
  }

  private error(request: Dlt645Frame, code: number): Dlt645Frame {
    const security = request.control === CONTROL.security;
    const data = Buffer.alloc(security ? 2 : 1);
    if (security) data.writeUInt16LE(code);
    else data[0] = code;
    return { address: this.state.address, control: request.control | REPLY | ABNORMAL, data };
  }

  private passwordOk(data: Buffer): boolean {
    const given = Buffer.from(data.subarray(0, 4)).reverse().toString('hex').toUpperCase();
    return given === `02${this.state.password}`.toUpperCase();
  }

  /** A writable DI beyond a prepaid meter's; false: not one it has. */
  protected writeOther(_di: string, _value: number | string): boolean {
    return false;
  }

  /** The office's relay command: 1A trip, 1B allow closing, 3A keep power. */
  protected relayCommand(action: number): void {
    if (action === 0x1a) this.state.relay = 'open';
    else if (action === 0x1b || action === 0x3a) this.state.relay = 'closed';
  }

  /** After the money, a setting or the relay changed: a box's circuit works out its relay again. */
  protected settle(): void {}

  /** 远程充值: loads the money only on count + 1 and within the hoarding limit. */
  private load(r: { amountFen: number; purchaseCount: number; customerNo: string }) {
    const s = this.state;
    if (r.purchaseCount === s.purchaseCount) return SERR.repeated;
    if (r.purchaseCount !== s.purchaseCount + 1) return SERR.count;
    if (s.hoardingFen > 0 && s.remainingFen + r.amountFen > s.hoardingFen) return SERR.hoarding;
    s.remainingFen += r.amountFen;
    s.cumulativePurchasedFen += r.amountFen;
    s.purchaseCount = r.purchaseCount;
    s.customerNo = r.customerNo;
    // Credit back on the meter closes a relay that opened for want of it.
    if (s.remainingFen > 0) s.relay = 'closed';
    this.settle();
    return null;
  }

  /** 余额预置 (assumed, preset.ts): the money set, only at the meter's own count. */
  private preset(r: { presetFen: number; purchaseCount: number }): number | null {
    const s = this.state;
    if (r.purchaseCount !== s.purchaseCount) return SERR.count;
    s.remainingFen = r.presetFen;
    this.settle();
    return null;
  }

  private presetFrame(request: Dlt645Frame): Dlt645Frame {
    const s = this.state;
    const r = parsePresetRequest(request.data);
    if (!r) return this.error(request, SERR.other);
    const mac = this.rechargeKey && presetMac(this.rechargeKey, s.address, r.body);
    if (!mac || !mac.equals(r.mac)) return this.error(request, SERR.mac);
    const refused = this.preset(r);
    if (refused !== null) return this.error(request, refused);
    return {
      address: s.address,
      control: request.control | REPLY,
      data: encodePresetReceipt({
        remainingFen: s.remainingFen,
        purchaseCount: s.purchaseCount,
        customerNo: s.customerNo,
      }),
    };
  }

  private recharge(request: Dlt645Frame): Dlt645Frame {
    const s = this.state;
    const r = parseRechargeRequest(request.data);
    if (!r) return this.error(request, SERR.other);
    const macs = this.rechargeKey && rechargeMacs(this.rechargeKey, s.address, r.body);
    if (!macs || !macs.mac1.equals(r.mac1) || !macs.mac2.equals(r.mac2))
      return this.error(request, SERR.mac);
    const refused = this.load(r);
    if (refused !== null) return this.error(request, refused);
    return {
      address: s.address,
      control: request.control | REPLY,
      data: encodeRechargeReceipt({
        remainingFen: s.remainingFen,
        purchaseCount: s.purchaseCount,
        customerNo: s.customerNo,
      }),
    };
  }

  /** The holding registers of the assumed Modbus map (profiles.ts prepaidModbus). */
  private holding(): number[] {
    const s = this.state;
    const regs = new Array<number>(0x18).fill(0);
    const put32 = (at: number, n: number) => {
      regs[at] = (n >>> 16) & 0xffff;
      regs[at + 1] = n & 0xffff;
    };
    put32(0x00, s.energyE2);
    put32(0x02, s.remainingFen);
    put32(0x04, s.purchaseCount);
    put32(0x06, s.cumulativePurchasedFen);
    put32(0x08, s.priceE4);
    regs[0x0a] = s.relay === 'open' ? 0x0010 : 0;
    put32(0x10, s.alarm1Fen);
    put32(0x12, s.alarm2Fen);
    put32(0x14, s.overdraftFen);
    put32(0x16, s.hoardingFen);
    return regs;
  }

  /** The reply to a Modbus request for this unit (the other units' are not heard). */
  answerModbus(request: ModbusRequest): ModbusReply {
    const s = this.state;
    const { unit, fn, data } = request;
    const exception = (code: number) => exceptionTo(request, code);
    const register = data.readUInt16BE(0);
    if (fn === FUNCTION.readHolding) {
      const count = data.readUInt16BE(2);
      const regs = this.holding();
      if (register + count > regs.length) return exception(2);
      return { kind: 'registers', unit, fn, registers: regs.slice(register, register + count) };
    }
    // No voltage, current or power in the simulation, as on the DL/T 645 side.
    if (fn === FUNCTION.readInput) return exception(2);
    if (fn === FUNCTION.writeSingle) {
      const value = data.readUInt16BE(2);
      if (register !== 0x0100) return exception(2);
      if (![0x1a, 0x1b, 0x3a].includes(value)) return exception(3);
      this.relayCommand(value);
      this.settle();
      return { kind: 'written', unit, fn, register, value };
    }
    if (fn === FUNCTION.writeMultiple) {
      const count = data.readUInt16BE(2);
      const values = Array.from({ length: count }, (_, i) => data.readUInt16BE(5 + i * 2));
      const n32 = (i: number) => (values[i]! * 0x10000 + values[i + 1]!) >>> 0;
      const written: ModbusReply = { kind: 'written', unit, fn, register, value: count };
      if (register === 0x0200 && count === 6) {
        const r = {
          purchaseCount: n32(0),
          amountFen: n32(2),
          customerNo: s.customerNo,
          operator: '00000000',
        };
        const mac = Buffer.alloc(4);
        mac.writeUInt32BE(n32(4));
        const expected =
          this.rechargeKey && rechargeMacs(this.rechargeKey, s.address, rechargeBody(r)).mac1;
        if (!expected?.equals(mac)) return exception(3);
        return this.load(r) === null ? written : exception(3);
      }
      if (register === 0x0210 && count === 6) {
        const r = { purchaseCount: n32(0), presetFen: n32(2) };
        const mac = Buffer.alloc(4);
        mac.writeUInt32BE(n32(4));
        const expected = this.rechargeKey && presetMac(this.rechargeKey, s.address, presetBody(r));
        if (!expected?.equals(mac)) return exception(3);
        return this.preset(r) === null ? written : exception(3);
      }
      const limits: Record<number, keyof NkMeterState> = {
        0x10: 'alarm1Fen',
        0x12: 'alarm2Fen',
        0x14: 'overdraftFen',
        0x16: 'hoardingFen',
      };
      const field = limits[register];
      if (!field || count !== 2) return exception(2);
      (s as unknown as Record<string, number>)[field] = n32(0);
      return written;
    }
    return exception(1);
  }

  /** The reply to a frame this meter hears, or null (broadcasts get none). */
  answer(request: Dlt645Frame): Dlt645Frame | null {
    const s = this.state;
    const ok = (data: Buffer = Buffer.alloc(0)): Dlt645Frame => ({
      address: s.address,
      control: request.control | REPLY,
      data,
    });
    switch (request.control) {
      case CONTROL.readAddress:
        return ok(Buffer.from(s.address, 'hex').reverse());
      case CONTROL.read: {
        const di = diText(request.data);
        const known = dataId(di);
        const value = this.value(di);
        if (!known || value === null) return this.error(request, ERR.noData);
        return ok(Buffer.concat([request.data.subarray(0, 4), encodeValue(known.format, value)]));
      }
      case CONTROL.write: {
        const di = diText(request.data);
        const known = dataId(di);
        if (!this.passwordOk(request.data.subarray(4, 8))) return this.error(request, ERR.password);
        if (!known?.writable) return this.error(request, ERR.noData);
        const value = decodeValue(known.format, request.data.subarray(12));
        const fen = Math.round(Number(value) * 100);
        const rate = ['04050101', '04050102', '04050103', '04050104'].indexOf(di);
        if (rate >= 0) s.ratePricesE4[rate] = Math.round(Number(value) * 10_000);
        else if (di === '04010001') s.segments = String(value);
        else if (di === '04001001') s.alarm1Fen = fen;
        else if (di === '04001002') s.alarm2Fen = fen;
        else if (di === '04001003') s.overdraftFen = fen;
        else if (di === '04001004') s.hoardingFen = fen;
        else if (!this.writeOther(di, value)) return this.error(request, ERR.other);
        this.programmed.push({ di, value, at: Date.now() });
        this.settle();
        return ok();
      }
      case CONTROL.relay: {
        if (!this.passwordOk(request.data.subarray(0, 4))) return this.error(request, ERR.password);
        this.relayCommand(request.data[8]!);
        this.settle();
        return ok();
      }
      case CONTROL.security:
        return diText(request.data) === PRESET_DI
          ? this.presetFrame(request)
          : this.recharge(request);
      case CONTROL.broadcastTime: {
        const d = Buffer.from(request.data).reverse().toString('hex'); // YYMMDDhhmmss
        s.clock = `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)} ${d.slice(6, 8)}:${d.slice(8, 10)}:${d.slice(10, 12)}`;
        return null;
      }
      default:
        return this.error(request, ERR.other);
    }
  }

  /** The bytes this meter puts on the bus for a Modbus request it heard, with any fault. */
  respondModbus(request: ModbusRequest): { bytes: Buffer; delayMs: number } | null {
    if (this.state.protocol !== 'modbus' || request.unit !== this.state.unit) return null;
    const recharge =
      request.fn === FUNCTION.writeMultiple &&
      [0x0200, 0x0210].includes(request.data.readUInt16BE(0));
    const reply = this.answerModbus(request);
    const fault = this.nextFault(recharge);
    // Another unit answering: a whole, good frame, from the wrong address.
    if (fault === 'wrong-address')
      return { bytes: encodeReply({ ...reply, unit: (reply.unit % 247) + 1 }), delayMs: 5 };
    return this.spoilt(encodeReply(reply), fault);
  }

  /** The bytes this meter puts on the bus for a frame it heard, with any injected fault. */
  respond(request: Dlt645Frame): { bytes: Buffer; delayMs: number } | null {
    if (this.state.protocol !== 'dlt645' || !this.hears(request.address)) return null;
    const reply = this.answer(request);
    if (!reply) return null;
    const fault = this.nextFault(request.control === CONTROL.security);
    if (fault === 'wrong-address')
      return {
        bytes: encodeFrame({ ...reply, address: addressText(Buffer.alloc(6, 0x99)) }),
        delayMs: 5,
      };
    return this.spoilt(encodeFrame(reply), fault);
  }

  private nextFault(recharge: boolean): NkFault | undefined {
    return recharge && this.rechargeFaults.length > 0
      ? this.rechargeFaults.shift()
      : this.faults.shift();
  }

  /** A reply's bytes with a fault done to them: none, dropped, a byte garbled, or late. */
  private spoilt(bytes: Buffer, fault: NkFault | undefined) {
    if (fault === 'silent') return null;
    if (fault === 'garbled') bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    return { bytes, delayMs: fault === 'slow' ? 2_000 : 5 };
  }
}
