// The SMS PDU codec against vectors from outside this code: the 7-bit packing example of GSM 03.38
// ("hellohello"), an SMS-SUBMIT from Lars Pettersson's widely used "SMS and the PDU format" worked
// from 3GPP TS 23.040, and vectors worked here by hand from TS 23.040 / 23.038 (the working in the
// comments), then round trips of what the simulated modem must read back.
import { fromSeptets, packSeptets, toSeptets, unpackSeptets } from './gsm7';
import {
  decodeStatusReport,
  decodeSubmit,
  encodeAddress,
  encodeStatusReport,
  encodeSubmit,
  PduError,
  segmentsOf,
} from './pdu';

describe('the GSM 7-bit alphabet', () => {
  it('packs "hellohello" as GSM 03.38 shows it', () => {
    const septets = toSeptets('hellohello')!;
    expect(packSeptets(septets).toString('hex').toUpperCase()).toBe('E8329BFD4697D9EC37');
    expect(fromSeptets(unpackSeptets(Buffer.from('E8329BFD4697D9EC37', 'hex'), 10))).toBe(
      'hellohello',
    );
  });

  it('puts @ at 0x00 and à at 0x7F, takes € and [ through the escape, and refuses Chinese', () => {
    // TS 23.038 §6.2.1: @ is 0x00, ¥ 0x03, Δ 0x10, space 0x20, ¡ 0x40, à 0x7F; € is 1B 65.
    expect(toSeptets('@¥Δ ¡à')).toEqual([0x00, 0x03, 0x10, 0x20, 0x40, 0x7f]);
    expect(toSeptets('€[')).toEqual([0x1b, 0x65, 0x1b, 0x3c]);
    expect(fromSeptets([0x1b, 0x65, 0x41])).toBe('€A');
    expect(toSeptets('余额')).toBeNull();
  });

  it('starts the text after a header on a septet boundary (one fill bit after six octets)', () => {
    // 'A' = 0x41 after 1 fill bit: 0x41 << 1 = 0x82.
    expect(packSeptets([0x41], 1)).toEqual(Buffer.from([0x82]));
    expect(unpackSeptets(Buffer.from([0x82]), 1, 1)).toEqual([0x41]);
  });
});

describe('SMS-SUBMIT', () => {
  it('matches the worked SUBMIT of "hellohello" to +46708251358, four days valid', () => {
    const [pdu, ...more] = encodeSubmit('+46708251358', 'hellohello', {
      statusReport: false,
      concatReference: 0,
      validityHours: 96,
    });
    expect(more).toEqual([]);
    expect(pdu!.hex).toBe('0011000B916407281553F80000AA0AE8329BFD4697D9EC37');
    // AT+CMGS counts the TPDU only: the whole is 24 octets, less the SCA's one.
    expect(pdu!.tpduLength).toBe(23);
  });

  it('sends Chinese as UCS2 with a status report asked for (worked by hand)', () => {
    // First octet 0x31: SUBMIT 01 | VPF relative 0x10 | SRR 0x20. MR 00. DA: 13 digits,
    // international, 8613912345678 → 68 31 19 32 54 76 F8. PID 00, DCS 08, VP A7 (24 h),
    // UDL 04, 你 4F60 好 597D.
    const [pdu] = encodeSubmit('+8613912345678', '你好', {
      statusReport: true,
      concatReference: 0,
    });
    expect(pdu!.hex).toBe('0031000D91683119325476F80008A7044F60597D');
    expect(decodeSubmit(pdu!.hex)).toEqual({
      to: '+8613912345678',
      text: '你好',
      encoding: 'ucs2',
      statusReport: true,
      part: null,
    });
  });

  it('cuts a 150-character Chinese message into three parts of 67, 67 and 16, each with its header', () => {
    const text = '尊敬的用户，您的电表余额不足十元，请及时购电。'.repeat(7).slice(0, 150);
    expect(segmentsOf(text)).toEqual({ encoding: 'ucs2', units: 150, parts: 3 });
    const parts = encodeSubmit('+8613912345678', text, {
      statusReport: true,
      concatReference: 0x2a,
    });
    expect(parts).toHaveLength(3);
    // First octet 0x71 (UDHI); UDL = 6 + 2 × characters (140 = 0x8C, 38 = 0x26); UDH 05 00 03 2A 03 0n.
    expect(parts.map((p) => p.hex.slice(2, 4))).toEqual(['71', '71', '71']);
    expect(parts.map((p) => p.hex.slice(30, 44))).toEqual([
      '8C0500032A0301',
      '8C0500032A0302',
      '260500032A0303',
    ]);
    const decoded = parts.map((p) => decodeSubmit(p.hex));
    expect(decoded.map((d) => d.part)).toEqual(
      [1, 2, 3].map((seq) => ({ reference: 0x2a, total: 3, seq })),
    );
    expect(decoded.map((d) => d.text).join('')).toBe(text);
    expect(parts.map((p) => p.tpduLength)).toEqual([
      parts[0]!.hex.length / 2 - 1,
      parts[1]!.hex.length / 2 - 1,
      parts[2]!.hex.length / 2 - 1,
    ]);
  });

  it('cuts a long Latin text at 153 septets, never between an escape and its character', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(20)}`;
    const parts = encodeSubmit('10086', text, { statusReport: false, concatReference: 1 });
    const decoded = parts.map((p) => decodeSubmit(p.hex));
    expect(decoded.map((d) => d.text)).toEqual(['a'.repeat(152), `€${'b'.repeat(20)}`]);
    expect(decoded[0]!.to).toBe('10086');
    // A national number: type 0x81, 5 digits 10086 → 01 80 F6.
    expect(encodeAddress('10086')).toEqual(Buffer.from([0x05, 0x81, 0x01, 0x80, 0xf6]));
  });

  it('keeps an emoji’s two halves in one part, and refuses what it cannot send', () => {
    const text = `${'好'.repeat(66)}😀${'好'.repeat(10)}`;
    const decoded = encodeSubmit('+8613912345678', text, {
      statusReport: false,
      concatReference: 2,
    }).map((p) => decodeSubmit(p.hex).text);
    expect(decoded[0]).toBe('好'.repeat(66));
    expect(decoded.join('')).toBe(text);
    expect(() =>
      encodeSubmit('139-1234', 'x', { statusReport: false, concatReference: 0 }),
    ).toThrow(PduError);
    expect(() =>
      encodeSubmit('+8613912345678', '', { statusReport: false, concatReference: 0 }),
    ).toThrow(PduError);
    expect(() =>
      encodeSubmit('+8613912345678', '好'.repeat(67 * 8 + 1), {
        statusReport: false,
        concatReference: 0,
      }),
    ).toThrow(PduError);
  });
});

/** The report below with its TP-ST. */
const REPORT_OF = (status: number) =>
  `00062A0D91683119325476F86221708103002362217081035023${status.toString(16).padStart(2, '0').toUpperCase()}`;

describe('SMS-STATUS-REPORT', () => {
  it('reads a report worked by hand from TS 23.040 §9.2.2.3', () => {
    // 00 SCA; 06 STATUS-REPORT with SRQ; MR 2A; RA 0D 91 683119325476F8; SCTS 26 12 07 18 30 00
    // +32 quarters → 62 21 70 81 03 00 23; DT 26 12 07 18 30 05 → 62 21 70 81 03 50 23; ST 00.
    const report = decodeStatusReport(REPORT_OF(0x00));
    expect(report).toEqual({
      reference: 0x2a,
      recipient: '+8613912345678',
      submittedAt: '2026-12-07T18:30:00+08:00',
      decidedAt: '2026-12-07T18:30:05+08:00',
      status: 0,
      state: 'delivered',
    });
    expect(
      encodeStatusReport({
        reference: 0x2a,
        recipient: '+8613912345678',
        submittedAt: '2026-12-07 18:30:00',
        decidedAt: '2026-12-07 18:30:05',
        status: 0,
      }).hex,
    ).toBe(REPORT_OF(0x00));
    // 0x30 still trying (temporary error); 0x41 given up (incompatible destination).
    expect(decodeStatusReport(REPORT_OF(0x30)).state).toBe('pending');
    expect(decodeStatusReport(REPORT_OF(0x41)).state).toBe('failed');
  });

  it('refuses what is not a report, and a PDU cut short', () => {
    expect(() => decodeStatusReport('0031000D91683119325476F80008A7044F60597D')).toThrow(PduError);
    expect(() => decodeStatusReport('00062A0D9168')).toThrow(PduError);
    expect(() => decodeSubmit('zz')).toThrow(PduError);
  });
});
