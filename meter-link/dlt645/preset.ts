// Balance preset (余额预置) of a prepaid DL/T 645 meter: set the money the meter holds to a given
// figure, so the office can take refunded credit off an NK meter (preset to what is left after
// the refund, 0 when the account closes) and load a replacement meter with the carried balance.
// DI 070103FF under the security control code 0x03, modelled on State Grid's 钱包初始化 (wallet
// initialisation) of the same family as the recharge (recharge.ts): operator code, the preset
// money and the purchase count the meter must be at, as 4-byte binary low byte first, then a MAC
// over the address, the money and the count. The reply carries the meter's money, count and
// customer number after the change, laid out as the recharge's receipt.
//
// Assumed, pending Acrel's manual (docs/protocols.md): the DI and layout, that the count is left as
// it was (State Grid's wallet initialisation also resets it; PowerTill's books count purchases per
// meter across accounts, so its assumed meter keeps the count), and the MAC (HMAC-SHA256 under the
// meter's recharge key, with its own label so a recharge's MAC never passes for a preset's).
import { createHmac } from 'node:crypto';
import type { Dlt645Frame } from './frame';
import { diBytes, diText } from './dataIds';
import { SECURITY } from './recharge';

export const PRESET_DI = '070103FF';

export interface Preset {
  /** What the meter is to hold afterwards, in fen. */
  presetFen: number;
  /**
   * The purchase count the meter must be at: a recharge that landed in between makes the meter
   * refuse the preset ("purchase count wrong") instead of wiping the new money.
   */
  purchaseCount: number;
  /** Eight hex digits identifying who operates. */
  operator: string;
}

const u32 = (n: number, what: string) => {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new RangeError(`${what} must be a whole number from 0 to 4294967295`);
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** The fields as sent and as the MAC covers them (the same for every protocol). */
export interface PresetBody {
  money: Buffer;
  count: Buffer;
}

export function presetBody(p: Pick<Preset, 'presetFen' | 'purchaseCount'>): PresetBody {
  return { money: u32(p.presetFen, 'the preset money'), count: u32(p.purchaseCount, 'the count') };
}

/** MAC over the address, a label, the money and the count, under the meter's recharge key. */
export function presetMac(key: Buffer, address: string, body: PresetBody) {
  return createHmac('sha256', key)
    .update(Buffer.from(address, 'ascii'))
    .update(Buffer.from('preset', 'ascii'))
    .update(body.money)
    .update(body.count)
    .digest()
    .subarray(0, 4);
}

export function presetRequest(address: string, p: Preset, key: Buffer): Dlt645Frame {
  if (!/^[0-9A-Fa-f]{8}$/.test(p.operator))
    throw new RangeError('the operator code is 8 hex digits');
  const body = presetBody(p);
  return {
    address,
    control: SECURITY,
    data: Buffer.concat([
      diBytes(PRESET_DI),
      Buffer.from(p.operator, 'hex').reverse(),
      body.money,
      body.count,
      presetMac(key, address, body),
    ]),
  };
}

/** A preset request as the meter reads it (for the simulated meter); null if it is not one. */
export function parsePresetRequest(
  data: Buffer,
): (Preset & { body: PresetBody; mac: Buffer }) | null {
  if (data.length !== 20 || diText(data) !== PRESET_DI) return null;
  const body: PresetBody = { money: data.subarray(8, 12), count: data.subarray(12, 16) };
  return {
    operator: Buffer.from(data.subarray(4, 8)).reverse().toString('hex').toUpperCase(),
    presetFen: body.money.readUInt32LE(),
    purchaseCount: body.count.readUInt32LE(),
    body,
    mac: data.subarray(16, 20),
  };
}

/** The meter's reply: the DI, then its money, count and customer number after the change. */
export function encodePresetReceipt(receipt: {
  remainingFen: number;
  purchaseCount: number;
  customerNo: string;
}): Buffer {
  return Buffer.concat([
    diBytes(PRESET_DI),
    u32(receipt.remainingFen, 'the remaining money'),
    u32(receipt.purchaseCount, 'the purchase count'),
    Buffer.from(receipt.customerNo, 'hex').reverse(),
  ]);
}
