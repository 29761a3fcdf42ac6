// Balance preset frames (DI 070103FF under 0x03) against bytes worked out by hand from the layout
// in preset.ts; the MAC is checked against HMAC-SHA256 computed here with node's crypto.
import { createHmac } from 'node:crypto';
import { encodeFrame, scanFrames } from './frame';
import { parseReply } from './messages';
import { encodePresetReceipt, parsePresetRequest, presetRequest } from './preset';
import { decodeRechargeReceipt } from './recharge';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const METER = '000000000161';
const KEY = Buffer.alloc(32, 7);
const unshift = (b: Buffer) => Buffer.from(b.map((x) => (x - 0x33) & 0xff));

describe('balance preset (070103FF)', () => {
  const frame = encodeFrame(
    presetRequest(METER, { presetFen: 2_550, purchaseCount: 3, operator: '00000001' }, KEY),
    { preamble: false },
  );

  it('lays out DI, operator, money and count as sent (+33), 20 data bytes', () => {
    expect(frame.subarray(0, 10)).toEqual(hex('68 61 01 00 00 00 00 68 03 14'));
    // DI FF 03 01 07, operator 01 00 00 00, 25.50 yuan = 2550 fen = F6 09 00 00, count 3.
    expect(frame.subarray(10, 26)).toEqual(hex('32 36 34 3A 34 33 33 33 29 3C 33 33 36 33 33 33'));
    expect(frame.subarray(31)).toEqual(hex('16'));
  });

  it('carries a MAC over the address, its label, the money and the count', () => {
    const data = unshift(frame.subarray(10, 30));
    const mac = createHmac('sha256', KEY)
      .update(METER)
      .update('preset')
      .update(hex('F6 09 00 00'))
      .update(hex('03 00 00 00'))
      .digest()
      .subarray(0, 4);
    expect(data.subarray(16, 20)).toEqual(mac);
  });

  it('the meter reads back what was sent, and nothing else passes for a preset', () => {
    const [sent] = scanFrames(frame).frames;
    expect(parsePresetRequest(sent!.data)).toMatchObject({
      presetFen: 2_550,
      purchaseCount: 3,
      operator: '00000001',
    });
    expect(parsePresetRequest(sent!.data.subarray(0, 19))).toBeNull();
    const otherDi = Buffer.from(sent!.data);
    otherDi[0] = 0xfe;
    expect(parsePresetRequest(otherDi)).toBeNull();
  });

  it('decodes the meter’s answer: 25.50 yuan now, count 3, whose', () => {
    const reply = encodeFrame(
      {
        address: METER,
        control: 0x83,
        data: encodePresetReceipt({
          remainingFen: 2_550,
          purchaseCount: 3,
          customerNo: '000000000012',
        }),
      },
      { preamble: false },
    );
    const [parsed] = scanFrames(reply).frames;
    const answer = parseReply(parsed!);
    expect(answer).toMatchObject({ kind: 'data', di: '070103FF' });
    if (answer.kind !== 'data') throw new Error('not data');
    expect(decodeRechargeReceipt(answer.raw)).toEqual({
      remainingFen: 2_550,
      purchaseCount: 3,
      customerNo: '000000000012',
    });
  });
});
