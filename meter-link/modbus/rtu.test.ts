// Modbus-RTU against docs/domain.md's vectors and the CRC catalogue, replies worked out by hand (the
// CRCs from a separate bit-by-bit calculation), and a fuzz run.
import { randomBytes } from 'node:crypto';
import {
  crc16Modbus,
  encodeReply,
  encodeRequest,
  modbusRequest,
  scanReply,
  scanRequests,
} from './rtu';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('Modbus-RTU', () => {
  it('CRC-16/MODBUS of "123456789" is 0x4B37', () => {
    expect(crc16Modbus(Buffer.from('123456789', 'ascii'))).toBe(0x4b37);
  });

  it('encodes the reads of docs/domain.md byte for byte', () => {
    expect(encodeRequest(modbusRequest.read(1, 3, 0, 10))).toEqual(hex('01 03 00 00 00 0A C5 CD'));
    expect(encodeRequest(modbusRequest.read(1, 4, 0, 2))).toEqual(hex('01 04 00 00 00 02 71 CB'));
    expect(encodeRequest(modbusRequest.read(0x11, 3, 0x6b, 3))).toEqual(
      hex('11 03 00 6B 00 03 76 87'),
    );
  });

  it('encodes writes: one register and several', () => {
    expect(encodeRequest(modbusRequest.writeSingle(1, 1, 3))).toEqual(
      hex('01 06 00 01 00 03 98 0B'),
    );
    expect(encodeRequest(modbusRequest.writeMultiple(1, 1, [0x000a, 0x0102]))).toEqual(
      hex('01 10 00 01 00 02 04 00 0A 01 02 92 30'),
    );
  });

  it('reads registers out of a reply, after an echo of the request and noise', () => {
    const request = modbusRequest.read(0x11, 3, 0x6b, 3);
    const line = Buffer.concat([
      encodeRequest(request), // an adapter that echoes what it sends
      hex('00 FF'),
      hex('11 03 06 02 2B 00 00 00 64 C8 BA'),
    ]);
    const scan = scanReply(request, line);
    expect(scan.reply).toEqual({
      kind: 'registers',
      unit: 0x11,
      fn: 3,
      registers: [0x022b, 0, 0x64],
    });
    expect(scan.consumed).toBe(line.length);
  });

  it('decodes an exception and the write echoes', () => {
    expect(scanReply(modbusRequest.read(1, 3, 0, 1), hex('01 83 02 C0 F1')).reply).toEqual({
      kind: 'exception',
      unit: 1,
      fn: 3,
      code: 2,
      reason: 'illegal-data-address',
    });
    expect(
      scanReply(modbusRequest.writeSingle(1, 1, 3), hex('01 06 00 01 00 03 98 0B')).reply,
    ).toEqual({
      kind: 'written',
      unit: 1,
      fn: 6,
      register: 1,
      value: 3,
    });
    expect(
      scanReply(modbusRequest.writeMultiple(1, 1, [10, 258]), hex('01 10 00 01 00 02 10 08')).reply,
    ).toMatchObject({ kind: 'written', register: 1, value: 2 });
  });

  it('waits for a reply not yet complete, and refuses a bad CRC or a wrong byte count', () => {
    const request = modbusRequest.read(0x11, 3, 0x6b, 3);
    const reply = hex('11 03 06 02 2B 00 00 00 64 C8 BA');
    expect(scanReply(request, reply.subarray(0, 7))).toMatchObject({ reply: null, consumed: 0 });
    const bad = Buffer.from(reply);
    bad[4] = 0x2c;
    expect(scanReply(request, bad).reply).toBeNull();
    // Another count than asked for: not the reply to this request.
    expect(scanReply(modbusRequest.read(0x11, 3, 0x6b, 2), reply).reply).toBeNull();
  });

  it('refuses requests it cannot make', () => {
    expect(() => modbusRequest.read(0, 3, 0, 1)).toThrow(RangeError);
    expect(() => modbusRequest.read(1, 3, 0, 126)).toThrow(RangeError);
    expect(() => modbusRequest.writeSingle(1, 70_000, 1)).toThrow(RangeError);
  });

  it('100,000 random and mutated replies: no crash, no false accept', () => {
    let seed = 7;
    const int = (n: number) =>
      Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * n);
    const request = modbusRequest.read(1, 3, 0, 4);
    const good = hex('01 03 08 00 01 00 02 00 03 00 04');
    const crc = crc16Modbus(good);
    const reply = Buffer.concat([good, Buffer.from([crc & 0xff, crc >> 8])]);
    expect(scanReply(request, reply).reply).toMatchObject({ registers: [1, 2, 3, 4] });
    for (let i = 0; i < 100_000; i += 1) {
      if (i % 2 === 0) {
        const scan = scanReply(request, randomBytes(int(40)));
        if (scan.reply?.kind === 'registers') expect(scan.reply.registers).toHaveLength(4);
      } else {
        const mutated = Buffer.from(reply);
        const at = int(mutated.length);
        mutated[at] = (mutated[at]! + 1 + int(255)) & 0xff;
        const scan = scanReply(request, mutated);
        expect(scan.reply?.kind === 'registers' && scan.reply.registers).not.toEqual([1, 2, 3, 4]);
      }
    }
  });
});

describe('Modbus-RTU, the device side', () => {
  it('cuts requests out of what a device hears, past noise and a bad CRC', () => {
    const read = hex('01 03 00 00 00 0A C5 CD');
    const write = hex('01 10 00 01 00 02 04 00 0A 01 02 92 30');
    const spoilt = Buffer.from(read);
    spoilt[7] = spoilt[7]! ^ 0xff;
    const { requests, rest } = scanRequests(
      Buffer.concat([hex('FF'), spoilt, read, write, read.subarray(0, 5)]),
    );
    expect(requests).toEqual([
      { unit: 1, fn: 3, data: hex('00 00 00 0A') },
      { unit: 1, fn: 0x10, data: hex('00 01 00 02 04 00 0A 01 02') },
    ]);
    // The start of the next request waits for the rest of it.
    expect(rest).toEqual(read.subarray(0, 5));
  });

  it('encodes replies the office’s scanner reads back (docs/domain.md request, hand-made reply)', () => {
    const request = modbusRequest.read(0x11, 3, 0x6b, 3);
    const reply = encodeReply({
      kind: 'registers',
      unit: 0x11,
      fn: 3,
      registers: [0x022b, 0, 0x64],
    });
    // The reply worked out by hand above (CRC C8 BA).
    expect(reply).toEqual(hex('11 03 06 02 2B 00 00 00 64 C8 BA'));
    expect(scanReply(request, reply).reply).toMatchObject({ registers: [0x022b, 0, 0x64] });
    expect(encodeReply({ kind: 'exception', unit: 1, fn: 3, code: 2, reason: '' })).toEqual(
      hex('01 83 02 C0 F1'),
    );
  });

  it('finds every request in 100,000 random inputs without crashing, and no false one', () => {
    for (let i = 0; i < 100_000; i += 1) {
      const { requests } = scanRequests(randomBytes(1 + (i % 40)));
      for (const r of requests) {
        const frame = encodeRequest(r);
        expect(crc16Modbus(frame.subarray(0, frame.length - 2))).toBe(
          frame.readUInt16LE(frame.length - 2),
        );
      }
    }
  });
});
