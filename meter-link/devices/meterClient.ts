// Device operations on one RS485 line, driven by the meter's profile: the office asks for
// "remaining money" or "trip the relay" and the profile (model and protocol) says which DL/T 645
// or Modbus-RTU request that is. A meter's refusal is a MeterRefusal with the protocol's reasons; a
// line that does not answer is a BusError.
import type { BusArbiter } from '../bus/arbiter';
import { decodeValue, encodeValue, dataId, formatBytes, type DiValue } from '../dlt645/dataIds';
import { encodeFrame } from '../dlt645/frame';
import { readingOf, request, type Credentials, type Reading, type Reply } from '../dlt645/messages';
import {
  decodeRechargeReceipt,
  rechargeBody,
  rechargeMacs,
  rechargeRequest,
  type Recharge,
  type RechargeReceipt,
} from '../dlt645/recharge';
import { presetBody, presetMac, presetRequest, type Preset } from '../dlt645/preset';
import { dlt645 } from '../dlt645/transaction';
import { modbusRequest, type ModbusReply, type ModbusRequest } from '../modbus/rtu';
import { modbus } from '../modbus/transaction';
import type { BoxControls, BoxViolation, ForcedMode } from '../../shared/api/boxControls';
import {
  BOX_DI,
  boxRegister,
  bytesToRegisters,
  forcedCode,
  forcedOf,
  malignantValues,
  onPeriods,
  parsePowerWindows,
  parseSwitchPoints,
  parseViolation,
  powerLimitValues,
  registersToBytes,
  switchPoints,
  timeModeCode,
  timeModeOf,
  violationDi,
  VIOLATIONS_KEPT,
  wattsOf,
} from './boxControl';
import {
  profileOf,
  type DeviceProfile,
  type Mapping,
  type Operation,
  type Protocol,
} from '../profiles/profiles';

export class MeterRefusal extends Error {
  constructor(
    readonly reasons: string[],
    what: string,
  ) {
    super(`the meter refused ${what}: ${reasons.join(', ') || 'unknown reason'}`);
  }
}

/** The operation cannot be done on this model (no mapping, or pending the vendor's manual). */
export class NotMapped extends Error {}

/** One device on the line: its model and protocol, its address, and (Modbus) its unit. */
export interface DeviceRef {
  model: string;
  protocol: Protocol;
  /** Twelve digits: the DL/T 645 address, and what MACs are bound to. */
  address: string;
  /** The Modbus unit address, 1–247. */
  unit: number | null;
}

/** What a prepaid meter says about purchases: the journal's evidence that one landed. */
export interface PurchaseReading {
  purchaseCount: number;
  cumulativePurchasedFen: number;
  remainingFen: number;
}

export type ReadOperation = Extract<
  Operation,
  | 'readEnergy'
  | 'readEnergySharp'
  | 'readEnergyPeak'
  | 'readEnergyFlat'
  | 'readEnergyValley'
  | 'readRemainingMoney'
  | 'readPurchaseCount'
  | 'readCumulativePurchased'
  | 'readPrice'
  | 'readStatus'
  | 'readVoltage'
  | 'readCurrent'
  | 'readPower'
>;
export type SettingOperation = Extract<
  Operation,
  'setAlarm1' | 'setAlarm2' | 'setOverdraft' | 'setHoarding'
>;
export type RelayOperation = Extract<Operation, 'relayTrip' | 'relayAllowClose' | 'keepPower'>;
export type BoxOperation = Extract<
  Operation,
  'setTimeControl' | 'setPowerLimit' | 'setMalignantLoad' | 'forceControl' | 'readViolations'
>;

const fen = (yuan: DiValue) => Math.round(Number(yuan) * 100);
const words32 = (n: number) => [(n >>> 16) & 0xffff, n & 0xffff];
const number32 = (r: number[]) => (r[0]! * 0x10000 + r[1]!) >>> 0;

export class MeterClient {
  constructor(private readonly bus: BusArbiter) {}

  private profile(device: DeviceRef): DeviceProfile {
    const profile = profileOf(device.model, device.protocol);
    if (!profile) throw new NotMapped(`no device profile for ${device.model} (${device.protocol})`);
    return profile;
  }

  private mapping(device: DeviceRef, operation: Operation): Mapping {
    const { mapping } = this.profile(device).operations[operation];
    if (mapping.kind === 'unavailable') throw new NotMapped(mapping.why);
    return mapping;
  }

  private async ask(frame: Parameters<typeof dlt645>[1], what: string, signal?: AbortSignal) {
    const reply: Reply = await dlt645(this.bus, frame, signal);
    if (reply.kind === 'error') throw new MeterRefusal(reply.reasons, what);
    return reply;
  }

  private async askModbus(
    device: DeviceRef,
    build: (unit: number) => ModbusRequest,
    what: string,
    signal?: AbortSignal,
  ): Promise<ModbusReply> {
    if (device.unit === null) throw new NotMapped(`meter ${device.address} has no Modbus unit set`);
    const reply = await modbus(this.bus, build(device.unit), signal);
    if (reply.kind === 'exception') throw new MeterRefusal([reply.reason], what);
    return reply;
  }

  async read(device: DeviceRef, operation: ReadOperation, signal?: AbortSignal): Promise<Reading> {
    const mapping = this.mapping(device, operation);
    if (mapping.kind === 'dlt645-read') {
      const reply = await this.ask(request.read(device.address, mapping.di), operation, signal);
      if (reply.kind !== 'data' || reply.di !== mapping.di)
        throw new MeterRefusal(['unexpected reply'], operation);
      return readingOf(reply);
    }
    if (mapping.kind === 'modbus-read') {
      const reply = await this.askModbus(
        device,
        (unit) => modbusRequest.read(unit, mapping.fn, mapping.register, mapping.words),
        operation,
        signal,
      );
      if (reply.kind !== 'registers') throw new MeterRefusal(['unexpected reply'], operation);
      const raw = mapping.words === 2 ? number32(reply.registers) : reply.registers[0]!;
      // A status word keeps its bits, shown in hex like DL/T 645's.
      const value =
        operation === 'readStatus'
          ? raw.toString(16).toUpperCase().padStart(4, '0')
          : raw / mapping.scale;
      return { di: `MB${mapping.fn}:${mapping.register}`, value, unit: mapping.unit };
    }
    throw new NotMapped(`${operation} is not a read`);
  }

  /** Count, cumulative purchased and remaining money, read one after another. */
  async purchaseReading(device: DeviceRef, signal?: AbortSignal): Promise<PurchaseReading> {
    const count = await this.read(device, 'readPurchaseCount', signal);
    const cumulative = await this.read(device, 'readCumulativePurchased', signal);
    const remaining = await this.read(device, 'readRemainingMoney', signal);
    return {
      purchaseCount: Number(count.value),
      cumulativePurchasedFen: fen(cumulative.value),
      remainingFen: fen(remaining.value),
    };
  }

  async recharge(
    device: DeviceRef,
    recharge: Recharge,
    key: Buffer,
    signal?: AbortSignal,
  ): Promise<RechargeReceipt> {
    const mapping = this.mapping(device, 'recharge');
    if (mapping.kind === 'dlt645-recharge') {
      const frame = rechargeRequest(device.address, recharge, key);
      const reply = await this.ask(frame, 'the recharge', signal);
      const receipt = reply.kind === 'data' ? decodeRechargeReceipt(reply.raw) : null;
      if (!receipt) throw new MeterRefusal(['unexpected reply'], 'the recharge');
      return receipt;
    }
    if (mapping.kind === 'modbus-recharge') {
      const { mac1 } = rechargeMacs(key, device.address, rechargeBody(recharge));
      await this.askModbus(
        device,
        (unit) =>
          modbusRequest.writeMultiple(unit, mapping.register, [
            ...words32(recharge.purchaseCount),
            ...words32(recharge.amountFen),
            ...words32(mac1.readUInt32BE(0)),
          ]),
        'the recharge',
        signal,
      );
      // A write's echo says nothing of the money: what the meter holds is read back.
      const after = await this.purchaseReading(device, signal);
      return {
        remainingFen: after.remainingFen,
        purchaseCount: after.purchaseCount,
        customerNo: recharge.customerNo,
      };
    }
    throw new NotMapped('recharge has no request');
  }

  /**
   * Sets the money the meter holds (balance preset): what is left after a refund, 0 as its account
   * closes. Returns what the meter reads back afterwards; whether it took is that reading's call.
   */
  async presetBalance(
    device: DeviceRef,
    preset: Preset,
    key: Buffer,
    signal?: AbortSignal,
  ): Promise<PurchaseReading> {
    const mapping = this.mapping(device, 'presetBalance');
    if (mapping.kind === 'dlt645-preset') {
      await this.ask(presetRequest(device.address, preset, key), 'the balance preset', signal);
    } else if (mapping.kind === 'modbus-preset') {
      const mac = presetMac(key, device.address, presetBody(preset));
      await this.askModbus(
        device,
        (unit) =>
          modbusRequest.writeMultiple(unit, mapping.register, [
            ...words32(preset.purchaseCount),
            ...words32(preset.presetFen),
            ...words32(mac.readUInt32BE(0)),
          ]),
        'the balance preset',
        signal,
      );
    } else throw new NotMapped('the balance preset has no request');
    // The reply says what the meter claims; what it holds is read back, as for a recharge.
    return this.purchaseReading(device, signal);
  }

  async relay(
    device: DeviceRef,
    operation: RelayOperation,
    until: string,
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const mapping = this.mapping(device, operation);
    if (mapping.kind === 'dlt645-relay') {
      await this.ask(request.relay(device.address, mapping.action, until, who), operation, signal);
      return;
    }
    if (mapping.kind === 'modbus-command') {
      await this.askModbus(
        device,
        (unit) => modbusRequest.writeSingle(unit, mapping.register, mapping.value),
        operation,
        signal,
      );
      return;
    }
    throw new NotMapped(`${operation} is not a relay command`);
  }

  /** Writes a money limit (alarm 1 / 2, overdraft, hoarding), given in fen. */
  async setLimit(
    device: DeviceRef,
    operation: SettingOperation,
    valueFen: number,
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const mapping = this.mapping(device, operation);
    if (mapping.kind === 'dlt645-write') {
      const format = dataId(mapping.di)!.format;
      const value = encodeValue(format, valueFen / 100);
      await this.ask(request.write(device.address, mapping.di, value, who), operation, signal);
      return;
    }
    if (mapping.kind === 'modbus-write') {
      await this.askModbus(
        device,
        (unit) => modbusRequest.writeMultiple(unit, mapping.register, words32(valueFen)),
        operation,
        signal,
      );
      return;
    }
    throw new NotMapped(`${operation} is not a write`);
  }

  /**
   * 调价: the four rate prices (sharp, peak, flat, valley; 1e-4 yuan/kWh, a rate a tariff does not
   * have given as its flat price) and, for time of use, the day's segments ("hh:mm/N", N 1–4).
   * Each is read back; a mismatch is the meter's refusal.
   */
  async setTariff(
    device: DeviceRef,
    tariff: { prices: readonly [number, number, number, number]; segments: string | null },
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const prices = this.mapping(device, 'setPrices');
    if (prices.kind !== 'dlt645-prices') throw new NotMapped('prices have no write');
    const writeBack = async (di: string, value: DiValue) => {
      const format = dataId(di)!.format;
      await this.ask(
        request.write(device.address, di, encodeValue(format, value), who),
        di,
        signal,
      );
      const reply = await this.ask(request.read(device.address, di), di, signal);
      const back = reply.kind === 'data' ? readingOf(reply).value : null;
      if (back !== value) throw new MeterRefusal([`${di} reads ${String(back)}`], 'the tariff');
    };
    for (const [i, di] of prices.dis.entries()) await writeBack(di, tariff.prices[i]! / 10_000);
    if (tariff.segments === null) return;
    const table = this.mapping(device, 'setTouTable');
    if (table.kind !== 'dlt645-write') throw new NotMapped('the segment table has no write');
    await writeBack(table.di, tariff.segments);
  }

  /**
   * The tariff the meter holds, read from where `setTariff` writes it: the four rate prices
   * (1e-4 yuan/kWh) and, when `withSegments`, the day's segment table. Used to settle a push
   * whose answer was cut off.
   */
  async readTariff(
    device: DeviceRef,
    withSegments: boolean,
    signal?: AbortSignal,
  ): Promise<{ prices: number[]; segments: string | null }> {
    const readDi = (di: string) => this.readDi(device, di, signal);
    const mapping = this.mapping(device, 'setPrices');
    if (mapping.kind !== 'dlt645-prices') throw new NotMapped('prices have no read');
    const prices: number[] = [];
    for (const di of mapping.dis) prices.push(Math.round(Number(await readDi(di)) * 10_000));
    if (!withSegments) return { prices, segments: null };
    const table = this.mapping(device, 'setTouTable');
    if (table.kind !== 'dlt645-write') throw new NotMapped('the segment table has no read');
    return { prices, segments: String(await readDi(table.di)) };
  }

  /** Reads a money limit back (fen), from where the profile writes it. */
  async readLimit(
    device: DeviceRef,
    operation: SettingOperation,
    signal?: AbortSignal,
  ): Promise<number> {
    const mapping = this.mapping(device, operation);
    if (mapping.kind === 'dlt645-write') {
      const reply = await this.ask(request.read(device.address, mapping.di), operation, signal);
      if (reply.kind !== 'data' || reply.di !== mapping.di)
        throw new MeterRefusal(['unexpected reply'], operation);
      return fen(readingOf(reply).value);
    }
    if (mapping.kind === 'modbus-write') {
      const reply = await this.askModbus(
        device,
        (unit) => modbusRequest.read(unit, 3, mapping.register, 2),
        operation,
        signal,
      );
      if (reply.kind !== 'registers') throw new MeterRefusal(['unexpected reply'], operation);
      return number32(reply.registers);
    }
    throw new NotMapped(`${operation} is not a write`);
  }

  /** The DIs a box operation uses (assumed), on DL/T 645 or in Modbus registers. */
  private boxDis(device: DeviceRef, operation: BoxOperation): readonly string[] {
    const mapping = this.mapping(device, operation);
    if (mapping.kind !== 'dlt645-box' && mapping.kind !== 'modbus-box')
      throw new NotMapped(`${operation} has no box request`);
    return mapping.dis;
  }

  /** A box DI's value: read as the DI on DL/T 645, from its registers on Modbus (boxRegister). */
  private async readBox(device: DeviceRef, di: string, signal?: AbortSignal): Promise<DiValue> {
    if (device.protocol === 'dlt645') return this.readDi(device, di, signal);
    const format = dataId(di)!.format;
    const length = formatBytes(format);
    const reply = await this.askModbus(
      device,
      (unit) => modbusRequest.read(unit, 3, boxRegister(di), Math.ceil(length / 2)),
      di,
      signal,
    );
    if (reply.kind !== 'registers') throw new MeterRefusal(['unexpected reply'], di);
    return decodeValue(format, registersToBytes(reply.registers, length));
  }

  /** A box DI written: with the password on DL/T 645, to its registers (10) on Modbus. */
  private async writeBox(
    device: DeviceRef,
    di: string,
    value: DiValue,
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const bytes = encodeValue(dataId(di)!.format, value);
    if (device.protocol === 'dlt645') {
      await this.ask(request.write(device.address, di, bytes, who), di, signal);
      return;
    }
    const reply = await this.askModbus(
      device,
      (unit) => modbusRequest.writeMultiple(unit, boxRegister(di), bytesToRegisters(bytes)),
      di,
      signal,
    );
    if (reply.kind !== 'written') throw new MeterRefusal(['unexpected reply'], di);
  }

  private async readDi(device: DeviceRef, di: string, signal?: AbortSignal): Promise<DiValue> {
    const reply = await this.ask(request.read(device.address, di), di, signal);
    if (reply.kind !== 'data' || reply.di !== di) throw new MeterRefusal(['unexpected reply'], di);
    return readingOf(reply).value;
  }

  /** Writes each value with the password and reads it back; a difference is the box's refusal. */
  private async writeBack(
    device: DeviceRef,
    values: readonly [string, DiValue][],
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    for (const [di, value] of values) {
      const format = dataId(di)!.format;
      await this.writeBox(device, di, value, who, signal);
      const back = await this.readBox(device, di, signal);
      // Compared as the wire carries them, so 0.4 and 0.4000 are the same value.
      if (!encodeValue(format, back).equals(encodeValue(format, value)))
        throw new MeterRefusal([`${di} reads ${String(back)}`], 'the setting');
    }
  }

  /**
   * The box's controls on one circuit (time control, power limit, malignant loads), each part
   * given written and read back.
   */
  async setBoxControls(
    device: DeviceRef,
    controls: BoxControls,
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const values: [string, DiValue][] = [];
    if (controls.timeControl) {
      const [mode, weekday, holiday] = this.boxDis(device, 'setTimeControl');
      const t = controls.timeControl;
      // The tables first: a mode switched on before its tables would cut power by the old ones.
      values.push(
        [weekday!, switchPoints(t.weekday)],
        [holiday!, switchPoints(t.holiday)],
        [mode!, timeModeCode(t.mode)],
      );
    }
    if (controls.powerLimit) {
      this.boxDis(device, 'setPowerLimit');
      values.push(...powerLimitValues(controls.powerLimit));
    }
    if (controls.malignantLoad) {
      this.boxDis(device, 'setMalignantLoad');
      values.push(...malignantValues(controls.malignantLoad));
    }
    await this.writeBack(device, values, who, signal);
  }

  /** What the circuit holds of the controls `setBoxControls` writes. */
  async readBoxControls(device: DeviceRef, signal?: AbortSignal): Promise<Required<BoxControls>> {
    this.boxDis(device, 'setTimeControl');
    const read = (di: string) => this.readBox(device, di, signal);
    return {
      timeControl: {
        mode: timeModeOf(await read(BOX_DI.timeMode)),
        weekday: onPeriods(parseSwitchPoints(await read(BOX_DI.weekday))),
        holiday: onPeriods(parseSwitchPoints(await read(BOX_DI.holiday))),
      },
      powerLimit: {
        limitW: wattsOf(await read(BOX_DI.powerLimit)),
        restoreAfterMin: Number(await read(BOX_DI.powerRestore)),
      },
      malignantLoad: {
        enabled: Number(await read(BOX_DI.malignantOn)) === 1,
        powerFactorMin: Number(await read(BOX_DI.powerFactorMin)),
        stepMinW: wattsOf(await read(BOX_DI.stepMin)),
        restoreAfterMin: Number(await read(BOX_DI.malignantRestore)),
        restoresMax: Number(await read(BOX_DI.restoresMax)),
        allowed: parsePowerWindows(await read(BOX_DI.allowed)),
      },
    };
  }

  /** 强制控制: forced on or off, or released to the circuit's own controls; read back. */
  async forceControl(
    device: DeviceRef,
    mode: ForcedMode,
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const [di] = this.boxDis(device, 'forceControl');
    await this.writeBack(device, [[di!, forcedCode(mode)]], who, signal);
  }

  async readForced(device: DeviceRef, signal?: AbortSignal): Promise<ForcedMode> {
    const [di] = this.boxDis(device, 'forceControl');
    return forcedOf(await this.readBox(device, di!, signal));
  }

  /**
   * 违规记录 the circuit kept after record `afterSeq` (the newest the office has), oldest first.
   * The box answers for its last ten; `missed` counts the ones gone before the office read them.
   */
  async readViolations(
    device: DeviceRef,
    afterSeq: number,
    signal?: AbortSignal,
  ): Promise<{ count: number; records: BoxViolation[]; missed: number }> {
    const [countDi] = this.boxDis(device, 'readViolations');
    const count = Number(await this.readBox(device, countDi!, signal));
    const fresh = Math.max(0, count - afterSeq);
    const readable = Math.min(fresh, VIOLATIONS_KEPT);
    const records: BoxViolation[] = [];
    for (let back = readable; back >= 1; back -= 1) {
      const seq = count - back + 1;
      const record = parseViolation(seq, await this.readBox(device, violationDi(back), signal));
      if (!record) throw new MeterRefusal([`record ${seq} unreadable`], 'the violation records');
      records.push(record);
    }
    return { count, records, missed: fresh - readable };
  }

  /** Broadcast time to every DL/T 645 meter on the line ("YYYY-MM-DD hh:mm:ss", office time). */
  timeSync(clock: string): Promise<void> {
    return this.bus.broadcast(encodeFrame(request.broadcastTime(clock)));
  }
}
