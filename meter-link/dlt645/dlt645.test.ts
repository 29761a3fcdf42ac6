// The DL/T 645-2007 codec against the standard's examples (docs/domain.md), vectors worked out by hand
// from the standard (checksums summed in the comments), round trips, and a fuzz run.
import { randomBytes } from 'node:crypto';
import { dataId, decodeValue, encodeValue, ValueError } from './dataIds';
import { encodeFrame, FrameReader, scanFrames, type Dlt645Frame } from './frame';
import { clockBytes, parseReply, readingOf, request } from './messages';
import { replyTo } from './transaction';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const METER = '000000000161';

describe('DL/T 645-2007 frames: the standard’s examples', () => {
  it('reads forward active energy of meter 000000000161', () => {
    expect(encodeFrame(request.read(METER, '00010000'))).toEqual(
      hex('FE FE FE FE 68 61 01 00 00 00 00 68 11 04 33 33 34 33 14 16'),
    );
  });

  it('decodes the reply as 0.26 kWh', () => {
    const { frames } = scanFrames(
      hex('68 61 01 00 00 00 00 68 91 08 33 33 34 33 59 33 33 33 8A 16'),
    );
    expect(frames).toHaveLength(1);
    const reply = parseReply(frames[0]!);
    expect(reply).toMatchObject({ kind: 'data', address: METER, di: '00010000', more: false });
    expect(readingOf(reply as Extract<typeof reply, { kind: 'data' }>)).toEqual({
      di: '00010000',
      value: 0.26,
      unit: 'kWh',
    });
  });

  it('reads the address with the wildcard', () => {
    expect(encodeFrame(request.readAddress(), { preamble: false })).toEqual(
      hex('68 AA AA AA AA AA AA 68 13 00 DF 16'),
    );
  });
});

describe('DL/T 645-2007 frames: vectors worked out by hand', () => {
  it('remaining money 123.45 yuan (DI 00900200)', () => {
    // 68+61+01+68+91+08+33+35+C3+33+78+56+34+33 = 0x55E → CS 5E
    const [frame] = scanFrames(
      hex('68 61 01 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 5E 16'),
    ).frames;
    const reply = parseReply(frame!) as Extract<ReturnType<typeof parseReply>, { kind: 'data' }>;
    expect(readingOf(reply)).toEqual({ di: '00900200', value: 123.45, unit: 'yuan' });
  });

  it('a negative active power, −1.2345 kW (sign in the top bit)', () => {
    // value 01 23 45 → sent 45 23 81 (+33: 78 56 B4); CS = 0x51D → 1D
    const [frame] = scanFrames(
      hex('68 61 01 00 00 00 00 68 91 07 33 33 36 35 78 56 B4 1D 16'),
    ).frames;
    const reply = parseReply(frame!) as Extract<ReturnType<typeof parseReply>, { kind: 'data' }>;
    expect(readingOf(reply)).toEqual({ di: '02030000', value: -1.2345, unit: 'kW' });
  });

  it('an error reply: no such data', () => {
    // C = 91 | 40 = D1, error byte 02 (+33 = 35); CS = 0x239 → 39
    const [frame] = scanFrames(hex('68 61 01 00 00 00 00 68 D1 01 35 39 16')).frames;
    expect(parseReply(frame!)).toEqual({
      kind: 'error',
      address: METER,
      fn: 0x11,
      code: 0x02,
      reasons: ['no-such-data'],
    });
  });

  it('the meter answering its address', () => {
    // 93 06 then the address 61 01 00 00 00 00 (+33: 94 34 33 33 33 33); CS = 0x55F → 5F
    const [frame] = scanFrames(hex('68 61 01 00 00 00 00 68 93 06 94 34 33 33 33 33 5F 16')).frames;
    expect(parseReply(frame!)).toEqual({ kind: 'address', address: METER });
  });

  it('broadcast time 2026-11-25 10:30:05', () => {
    // data 05 30 10 25 11 26 (+33: 38 63 43 58 44 59); CS = 0x447 → 47
    expect(encodeFrame(request.broadcastTime('2026-11-25 10:30:05'), { preamble: false })).toEqual(
      hex('68 99 99 99 99 99 99 68 08 06 38 63 43 58 44 59 47 16'),
    );
  });

  it('write and relay commands carry password and operator code after the DI', () => {
    const who = { password: '02123456', operator: '00000001' };
    const write = request.write(
      METER,
      '04001001',
      encodeValue(dataId('04001001')!.format, 20),
      who,
    );
    // DI 01 10 00 04, password 56 34 12 02, operator 01 00 00 00, value 20.00 → 00 20 00 00
    expect(write.data).toEqual(hex('01 10 00 04 56 34 12 02 01 00 00 00 00 20 00 00'));
    const relay = request.relay(METER, 'trip', '2026-11-25 23:59:59', who);
    expect(relay.control).toBe(0x1c);
    expect(relay.data).toEqual(hex('56 34 12 02 01 00 00 00 1A 00 59 59 23 25 11 26'));
    expect(clockBytes('2026-01-02 03:04:05')).toEqual(hex('05 04 03 02 01 26'));
  });
});

describe('DL/T 645-2007 frames: the line as it really is', () => {
  const good = encodeFrame(request.read(METER, '00900200'));
  const other = encodeFrame(request.read('000000000162', '00010000'), { preamble: false });

  it('finds frames after noise, between echoes, split across reads', () => {
    const line = Buffer.concat([hex('00 FF 68 12 16'), good, hex('68 68'), other]);
    const reader = new FrameReader();
    const frames: Dlt645Frame[] = [];
    for (let at = 0; at < line.length; at += 3)
      frames.push(...reader.push(line.subarray(at, at + 3)));
    expect(frames.map((f) => f.address)).toEqual([METER, '000000000162']);
    expect(reader.rejected).toBeGreaterThan(0);
  });

  it('refuses a wrong checksum, a wrong end byte and a wrong length, then finds the next frame', () => {
    const badSum = Buffer.from(other);
    badSum[badSum.length - 2] = badSum[badSum.length - 2]! ^ 0x01;
    const badEnd = Buffer.from(other);
    badEnd[badEnd.length - 1] = 0x17;
    const badLength = Buffer.from(other);
    badLength[9] = 0x05;
    for (const bad of [badSum, badEnd, badLength]) {
      const scan = scanFrames(Buffer.concat([bad, good]));
      expect(scan.frames.map((f) => f.address)).toEqual([METER]);
      expect(scan.rejected).toBeGreaterThan(0);
    }
  });

  it('keeps a frame not yet complete for the next read', () => {
    const scan = scanFrames(good.subarray(0, good.length - 3));
    expect(scan.frames).toEqual([]);
    expect(scan.consumed).toBe(4); // the preamble only
  });
});

describe('DL/T 645-2007 values', () => {
  it('decodes and encodes every registered format', () => {
    const cases: [string, number | string, string][] = [
      ['00010000', 123456.78, '78 56 34 12'],
      ['02010100', 220.1, '01 22'],
      ['02020100', -1.5, '00 15 80'],
      ['02800020', 0.85, '00 85 00 00'],
      ['03330201', 17, '17 00'],
      ['04000401', '000000000161', '61 01 00 00 00 00'],
      ['04000101', '2026-11-25', '03 25 11 26'], // a Wednesday
      ['04000102', '10:30:05', '05 30 10'],
      ['04000503', '0014', '14 00'],
    ];
    for (const [di, value, bytes] of cases) {
      const format = dataId(di)!.format;
      expect([di, encodeValue(format, value)]).toEqual([di, hex(bytes)]);
      expect([di, decodeValue(format, hex(bytes))]).toEqual([di, value]);
    }
  });

  it('refuses what does not fit', () => {
    const money = dataId('00900200')!.format;
    expect(() => decodeValue(money, hex('7A 00 00 00'))).toThrow(ValueError);
    expect(() => decodeValue(money, hex('00 00 00'))).toThrow(ValueError);
    expect(() => encodeValue(money, -1)).toThrow(ValueError);
    expect(() => encodeValue(money, 1_000_000)).toThrow(ValueError);
    expect(() => encodeValue(dataId('04000102')!.format, '25:00')).toThrow(ValueError);
  });
});

describe('DL/T 645-2007 frames: properties and fuzz', () => {
  let seed = 2026;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const int = (n: number) => Math.floor(random() * n);
  const randomFrame = (): Dlt645Frame => ({
    address: Array.from({ length: 12 }, () => String(int(10))).join(''),
    control: int(256),
    data: Buffer.from(Array.from({ length: int(201) }, () => int(256))),
  });

  it('decodes what it encodes, with and without the preamble', () => {
    for (let i = 0; i < 5_000; i += 1) {
      const frame = randomFrame();
      const scan = scanFrames(encodeFrame(frame, { preamble: i % 2 === 0 }));
      expect(scan.frames).toEqual([frame]);
    }
  });

  it('refuses a frame whose address is not digits, whatever its checksum', () => {
    // The standard's reply with address byte 61 made E1 (+80): CS 8A + 80 = 10A → 0A.
    const spoilt = hex('68 E1 01 00 00 00 00 68 91 08 33 33 34 33 59 33 33 33 0A 16');
    // Two candidates thrown away: the frame from its first 68, then from the second.
    expect(scanFrames(spoilt)).toMatchObject({ frames: [], rejected: 2 });
  });

  it('100,000 random and mutated inputs: no crash, no false accept', () => {
    let accepted = 0;
    for (let i = 0; i < 100_000; i += 1) {
      if (i % 2 === 0) {
        // Random bytes (with 68s sprinkled in): whatever is accepted must be a real frame there.
        const input = randomBytes(int(300));
        for (let k = 0; k < 4; k += 1) if (input.length) input[int(input.length)] = 0x68;
        const scan = scanFrames(input);
        for (const frame of scan.frames) {
          accepted += 1;
          expect(input.includes(encodeFrame(frame, { preamble: false }))).toBe(true);
        }
      } else {
        // A valid frame with one byte changed (past the preamble) is never accepted.
        const frame = encodeFrame(randomFrame(), { preamble: false });
        const at = int(frame.length);
        frame[at] = (frame[at]! + 1 + int(255)) & 0xff;
        expect(scanFrames(frame).frames).toEqual([]);
      }
    }
    // Random noise forming a valid frame is possible but must be rare.
    expect(accepted).toBeLessThan(10);
  });
});

describe('cutting a reply out of what the line delivers', () => {
  it('counts a bad frame once, however many chunks come after it', () => {
    const cut = replyTo(request.read(METER, '00010000'));
    const good = hex('68 61 01 00 00 00 00 68 91 08 33 33 34 33 59 33 33 33 8A 16');
    const bad = Buffer.from(good);
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 0xff;
    expect(cut(bad).kind).toBe('rejected');
    // More bytes of the good reply arrive in pieces: nothing new is rejected until it is whole.
    expect(cut(Buffer.concat([bad, good.subarray(0, 5)])).kind).toBe('incomplete');
    expect(cut(Buffer.concat([bad, good.subarray(0, 12)])).kind).toBe('incomplete');
    expect(cut(Buffer.concat([bad, good])).kind).toBe('reply');
  });
});

describe('a day segment table (04010001)', () => {
  const format = dataId('04010001')!.format;
  const table = '00:00/4,08:00/2,11:00/1,13:00/2,17:00/1,21:00/3,23:00/4,23:00/4';

  it('sends each segment hh mm NN low byte first', () => {
    // 08:00 rate 2 → digits 080002 → sent 02 00 08.
    const bytes = encodeValue(format, table);
    expect(bytes).toHaveLength(24);
    expect(bytes.subarray(3, 6)).toEqual(hex('02 00 08'));
    expect(bytes.subarray(0, 3)).toEqual(hex('04 00 00'));
    expect(decodeValue(format, bytes)).toBe(table);
  });

  it('refuses a table of the wrong size or a rate outside 1–4', () => {
    expect(() => encodeValue(format, '00:00/1')).toThrow(ValueError);
    expect(() => encodeValue(format, table.replace('08:00/2', '08:00/5'))).toThrow(ValueError);
    expect(() => encodeValue(format, table.replace('08:00', '24:00'))).toThrow(ValueError);
  });
});
