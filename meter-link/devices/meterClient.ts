// Device operations on one RS485 line, driven by the meter's profile: the office asks for
// "remaining money" or "trip the relay" and the profile says which request that is. A meter's
// refusal is a MeterRefusal with the standard's reasons; a line that does not answer is a BusError.
import type { BusArbiter } from '../bus/arbiter';
import { encodeValue, dataId, type DiValue } from '../dlt645/dataIds';
import { encodeFrame } from '../dlt645/frame';
import { readingOf, request, type Credentials, type Reading, type Reply } from '../dlt645/messages';
import {
  decodeRechargeReceipt,
  rechargeRequest,
  type Recharge,
  type RechargeReceipt,
} from '../dlt645/recharge';
import { dlt645 } from '../dlt645/transaction';
import { profileOf, type DeviceProfile, type Operation } from '../profiles/profiles';

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

/** What a prepaid meter says about purchases: the journal's evidence that one landed. */
export interface PurchaseReading {
  purchaseCount: number;
  cumulativePurchasedFen: number;
  remainingFen: number;
}

export type ReadOperation = Extract<
  Operation,
  | 'readEnergy'
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

const fen = (yuan: DiValue) => Math.round(Number(yuan) * 100);

export class MeterClient {
  constructor(private readonly bus: BusArbiter) {}

  private profile(model: string): DeviceProfile {
    const profile = profileOf(model);
    if (!profile) throw new NotMapped(`no device profile for ${model}`);
    return profile;
  }

  private mapping(model: string, operation: Operation) {
    const { mapping } = this.profile(model).operations[operation];
    if (mapping.kind === 'unavailable') throw new NotMapped(mapping.why);
    return mapping;
  }

  private async ask(frame: Parameters<typeof dlt645>[1], what: string, signal?: AbortSignal) {
    const reply: Reply = await dlt645(this.bus, frame, signal);
    if (reply.kind === 'error') throw new MeterRefusal(reply.reasons, what);
    return reply;
  }

  async read(
    model: string,
    address: string,
    operation: ReadOperation,
    signal?: AbortSignal,
  ): Promise<Reading> {
    const mapping = this.mapping(model, operation);
    if (mapping.kind !== 'dlt645-read') throw new NotMapped(`${operation} is not a read`);
    const reply = await this.ask(request.read(address, mapping.di), operation, signal);
    if (reply.kind !== 'data' || reply.di !== mapping.di)
      throw new MeterRefusal(['unexpected reply'], operation);
    return readingOf(reply);
  }

  /** Count, cumulative purchased and remaining money, read one after another. */
  async purchaseReading(
    model: string,
    address: string,
    signal?: AbortSignal,
  ): Promise<PurchaseReading> {
    const count = await this.read(model, address, 'readPurchaseCount', signal);
    const cumulative = await this.read(model, address, 'readCumulativePurchased', signal);
    const remaining = await this.read(model, address, 'readRemainingMoney', signal);
    return {
      purchaseCount: Number(count.value),
      cumulativePurchasedFen: fen(cumulative.value),
      remainingFen: fen(remaining.value),
    };
  }

  async recharge(
    model: string,
    address: string,
    recharge: Recharge,
    key: Buffer,
    signal?: AbortSignal,
  ): Promise<RechargeReceipt> {
    const mapping = this.mapping(model, 'recharge');
    if (mapping.kind !== 'dlt645-recharge') throw new NotMapped('recharge has no request');
    const reply = await this.ask(rechargeRequest(address, recharge, key), 'the recharge', signal);
    const receipt = reply.kind === 'data' ? decodeRechargeReceipt(reply.raw) : null;
    if (!receipt) throw new MeterRefusal(['unexpected reply'], 'the recharge');
    return receipt;
  }

  async relay(
    model: string,
    address: string,
    operation: RelayOperation,
    until: string,
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const mapping = this.mapping(model, operation);
    if (mapping.kind !== 'dlt645-relay') throw new NotMapped(`${operation} is not a relay command`);
    await this.ask(request.relay(address, mapping.action, until, who), operation, signal);
  }

  /** Writes a money limit (alarm 1 / 2, overdraft, hoarding), given in fen. */
  async setLimit(
    model: string,
    address: string,
    operation: SettingOperation,
    valueFen: number,
    who: Credentials,
    signal?: AbortSignal,
  ): Promise<void> {
    const mapping = this.mapping(model, operation);
    if (mapping.kind !== 'dlt645-write') throw new NotMapped(`${operation} is not a write`);
    const format = dataId(mapping.di)!.format;
    const value = encodeValue(format, valueFen / 100);
    await this.ask(request.write(address, mapping.di, value, who), operation, signal);
  }

  /** Reads a money limit back (fen), from the DI the profile writes it to. */
  async readLimit(
    model: string,
    address: string,
    operation: SettingOperation,
    signal?: AbortSignal,
  ): Promise<number> {
    const mapping = this.mapping(model, operation);
    if (mapping.kind !== 'dlt645-write') throw new NotMapped(`${operation} is not a write`);
    const reply = await this.ask(request.read(address, mapping.di), operation, signal);
    if (reply.kind !== 'data' || reply.di !== mapping.di)
      throw new MeterRefusal(['unexpected reply'], operation);
    return fen(readingOf(reply).value);
  }

  /** Broadcast time to every meter on the line ("YYYY-MM-DD hh:mm:ss", the office's clock). */
  timeSync(clock: string): Promise<void> {
    return this.bus.broadcast(encodeFrame(request.broadcastTime(clock)));
  }
}
