// Remote recharge frames (DI 070102FF under 0x03) against vectors worked out by hand from the
// layout in recharge.ts (checksums summed in the comments); the MACs are checked against HMAC-SHA256
// computed here with node's crypto, not with the codec.
import { createHmac, randomBytes } from 'node:crypto';
import { encodeFrame, scanFrames } from './frame';
import { parseReply } from './messages';
import {
  decodeRechargeReceipt,
  encodeRechargeReceipt,
  parseRechargeRequest,
  rechargeRequest,
} from './recharge';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const METER = '000000000161';
const KEY = Buffer.alloc(32, 7);
const unshift = (b: Buffer) => Buffer.from(b.map((x) => (x - 0x33) & 0xff));

describe('remote recharge (070102FF)', () => {
  const frame = encodeFrame(
    rechargeRequest(
      METER,
      { amountFen: 10_000, purchaseCount: 3, customerNo: '000000000012', operator: '00000001' },
      KEY,
    ),
    { preamble: false },
  );

  it('lays out DI, operator, money, count, MAC1, customer, MAC2 as sent (+33)', () => {
    expect(frame.subarray(0, 10)).toEqual(hex('68 61 01 00 00 00 00 68 03 1E'));
    const data = frame.subarray(10, 40);
    // DI FF 02 01 07, operator 01 00 00 00, 100.00 yuan = 10000 fen = 10 27 00 00, count 3.
    expect(data.subarray(0, 16)).toEqual(hex('32 35 34 3A 34 33 33 33 43 5A 33 33 36 33 33 33'));
    expect(data.subarray(20, 26)).toEqual(hex('45 33 33 33 33 33'));
    expect(frame.subarray(41)).toEqual(hex('16'));
  });

  it('carries MACs over the address and the fields they guard', () => {
    const data = unshift(frame.subarray(10, 40));
    const hmac = (...parts: Buffer[]) => {
      const h = createHmac('sha256', KEY).update(METER);
      for (const p of parts) h.update(p);
      return h.digest().subarray(0, 4);
    };
    expect(data.subarray(16, 20)).toEqual(hmac(hex('10 27 00 00'), hex('03 00 00 00')));
    expect(data.subarray(26, 30)).toEqual(hmac(hex('12 00 00 00 00 00')));
  });

  it('the meter reads back what was sent', () => {
    const [sent] = scanFrames(frame).frames;
    expect(parseRechargeRequest(sent!.data)).toMatchObject({
      amountFen: 10_000,
      purchaseCount: 3,
      customerNo: '000000000012',
      operator: '00000001',
    });
  });

  it('decodes the meter’s receipt: 150.00 yuan left, count 3', () => {
    // 68+61+01+68+83+12 = 1C7; data D5+19E+CF+144 = 486; 1C7+486 = 64D → CS 4D
    const [reply] = scanFrames(
      hex(
        '68 61 01 00 00 00 00 68 83 12 32 35 34 3A CB 6D 33 33 36 33 33 33 45 33 33 33 33 33 4D 16',
      ),
    ).frames;
    const parsed = parseReply(reply!);
    expect(parsed).toMatchObject({ kind: 'data', di: '070102FF' });
    expect(decodeRechargeReceipt((parsed as { raw: Buffer }).raw)).toEqual({
      remainingFen: 15_000,
      purchaseCount: 3,
      customerNo: '000000000012',
    });
  });

  it('decodes the 2-byte security error word: repeated recharge', () => {
    // C = 03 | C0 = C3, SERR 0002 sent 02 00 (+33: 35 33); 68+61+01+68+C3+02+35+33 = 25F → 5F
    const [reply] = scanFrames(hex('68 61 01 00 00 00 00 68 C3 02 35 33 5F 16')).frames;
    expect(parseReply(reply!)).toEqual({
      kind: 'error',
      address: METER,
      fn: 0x03,
      code: 2,
      reasons: ['repeated-recharge'],
    });
  });

  it('round-trips receipts and refuses what is not one', () => {
    const receipt = { remainingFen: 123_456, purchaseCount: 65_536, customerNo: '123456789012' };
    expect(decodeRechargeReceipt(encodeRechargeReceipt(receipt).subarray(4))).toEqual(receipt);
    for (let i = 0; i < 1_000; i += 1) {
      const junk = randomBytes(i % 40);
      if (junk.length !== 30) expect(parseRechargeRequest(junk)).toBeNull();
      if (junk.length !== 14) expect(decodeRechargeReceipt(junk)).toBeNull();
    }
  });

  it('refuses fields that do not fit', () => {
    const base = {
      amountFen: 1,
      purchaseCount: 1,
      customerNo: '000000000001',
      operator: '00000000',
    };
    expect(() => rechargeRequest(METER, { ...base, amountFen: -1 }, KEY)).toThrow(RangeError);
    expect(() => rechargeRequest(METER, { ...base, amountFen: 0.5 }, KEY)).toThrow(RangeError);
    expect(() => rechargeRequest(METER, { ...base, customerNo: '12' }, KEY)).toThrow(RangeError);
    expect(() => rechargeRequest(METER, { ...base, operator: 'xyz' }, KEY)).toThrow(RangeError);
  });
});
