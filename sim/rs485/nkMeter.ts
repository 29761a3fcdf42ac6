// A simulated DDSY1352-NK / DTSY1352-NK speaking DL/T 645-2007: it answers reads of the DIs in the
// registry from its own state (energy, remaining money, purchase count, price, limits, clock),
// its address to the wildcard, writes with the right password (level 02), relay commands, and the
// broadcast time; anything else gets the standard's error reply. Faults can be injected for the
// next frames it hears (silence, a garbled reply, a slow reply, a wrong address). With the key the
// office installed it with, it also takes remote recharges (070102FF, count = its own + 1).
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
  encodeRechargeReceipt,
  parseRechargeRequest,
  rechargeMacs,
} from '../../meter-link/dlt645/recharge';

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
}

const ERR = { other: 0x01, noData: 0x02, password: 0x04 } as const;
/** Security error word bits (recharge.ts SECURITY_ERROR_BITS). */
const SERR = { other: 0x01, repeated: 0x02, mac: 0x04, count: 0x20, hoarding: 0x40 } as const;
const REPLY = 0x80;
const ABNORMAL = 0x40;

export class NkMeter {
  readonly state: NkMeterState;
  faults: NkFault[] = [];
  /** Faults for the replies to the next recharges only: the money loads, the answer is spoilt. */
  rechargeFaults: NkFault[] = [];

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
      ...init,
    };
  }

  /** Whether a frame to `address` is for this meter (its own, the wildcard or broadcast). */
  hears(address: string): boolean {
    return address === this.state.address || address === WILDCARD || address === BROADCAST;
  }

  private value(di: string): number | string | null {
    const s = this.state;
    const values: Record<string, number | string> = {
      '00010000': s.energyE2 / 100,
      '00900200': s.remainingFen / 100,
      '02800020': s.priceE4 / 10_000,
      '03330201': s.purchaseCount,
      '03330601': s.cumulativePurchasedFen / 100,
      '04001001': s.alarm1Fen / 100,
      '04001002': s.alarm2Fen / 100,
      '04001003': s.overdraftFen / 100,
      '04001004': s.hoardingFen / 100,
      '04000401': s.address,
      '04000101': s.clock.slice(0, 10),
      '04000102': s.clock.slice(11),
      // Status word 3, bit 4: relay open.
      '04000503': s.relay === 'open' ? '0010' : '0000',
    };
    return values[di] ?? null;
  }

  private error(request: Dlt645Frame, code: number): Dlt645Frame {
    const security = request.control === CONTROL.security;
    const data = Buffer.alloc(security ? 2 : 1);
    if (security) data.writeUInt16LE(code);
    else data[0] = code;
    return { address: this.state.address, control: request.control | REPLY | ABNORMAL, data };
  }

  /** 远程充值: loads the money only on count + 1, within the hoarding limit, with good MACs. */
  private recharge(request: Dlt645Frame): Dlt645Frame {
    const s = this.state;
    const r = parseRechargeRequest(request.data);
    if (!r) return this.error(request, SERR.other);
    const macs = this.rechargeKey && rechargeMacs(this.rechargeKey, s.address, r.body);
    if (!macs || !macs.mac1.equals(r.mac1) || !macs.mac2.equals(r.mac2))
      return this.error(request, SERR.mac);
    if (r.purchaseCount === s.purchaseCount) return this.error(request, SERR.repeated);
    if (r.purchaseCount !== s.purchaseCount + 1) return this.error(request, SERR.count);
    if (s.hoardingFen > 0 && s.remainingFen + r.amountFen > s.hoardingFen)
      return this.error(request, SERR.hoarding);
    s.remainingFen += r.amountFen;
    s.cumulativePurchasedFen += r.amountFen;
    s.purchaseCount = r.purchaseCount;
    s.customerNo = r.customerNo;
    // Credit back on the meter closes a relay that opened for want of it.
    if (s.remainingFen > 0) s.relay = 'closed';
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

  private passwordOk(data: Buffer): boolean {
    const given = Buffer.from(data.subarray(0, 4)).reverse().toString('hex').toUpperCase();
    return given === `02${this.state.password}`.toUpperCase();
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
        if (di === '04001001') s.alarm1Fen = fen;
        else if (di === '04001002') s.alarm2Fen = fen;
        else if (di === '04001003') s.overdraftFen = fen;
        else if (di === '04001004') s.hoardingFen = fen;
        else return this.error(request, ERR.other);
        return ok();
      }
      case CONTROL.relay: {
        if (!this.passwordOk(request.data.subarray(0, 4))) return this.error(request, ERR.password);
        const action = request.data[8];
        if (action === 0x1a) s.relay = 'open';
        else if (action === 0x1b || action === 0x3a) s.relay = 'closed';
        return ok();
      }
      case CONTROL.security:
        return this.recharge(request);
      case CONTROL.broadcastTime: {
        const d = Buffer.from(request.data).reverse().toString('hex'); // YYMMDDhhmmss
        s.clock = `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)} ${d.slice(6, 8)}:${d.slice(8, 10)}:${d.slice(10, 12)}`;
        return null;
      }
      default:
        return this.error(request, ERR.other);
    }
  }

  /** The bytes this meter puts on the bus for a frame it heard, with any injected fault. */
  respond(request: Dlt645Frame): { bytes: Buffer; delayMs: number } | null {
    if (!this.hears(request.address)) return null;
    const reply = this.answer(request);
    if (!reply) return null;
    const fault =
      request.control === CONTROL.security && this.rechargeFaults.length > 0
        ? this.rechargeFaults.shift()
        : this.faults.shift();
    if (fault === 'silent') return null;
    if (fault === 'wrong-address')
      return {
        bytes: encodeFrame({ ...reply, address: addressText(Buffer.alloc(6, 0x99)) }),
        delayMs: 5,
      };
    const bytes = encodeFrame(reply);
    if (fault === 'garbled') bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    return { bytes, delayMs: fault === 'slow' ? 2_000 : 5 };
  }
}
