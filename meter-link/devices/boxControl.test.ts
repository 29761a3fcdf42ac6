// The box's controls on the wire: byte vectors worked by hand from the formats in
// docs/protocols.md (BCD fields, low byte first), and on-periods to switch points and back.
import { decodeValue, encodeValue, dataId } from '../dlt645/dataIds';
import {
  BOX_DI,
  boxDiAt,
  boxRegister,
  bytesToRegisters,
  registersToBytes,
  onPeriods,
  parsePowerWindows,
  parseSwitchPoints,
  parseViolation,
  powerAt,
  powerWindows,
  switchPoints,
  violationDi,
} from './boxControl';

const format = (di: string) => dataId(di)!.format;

describe('the box controls on the wire', () => {
  it('writes a lights-out table as switch points, each hh mm SS low byte first', () => {
    const text = switchPoints([{ from: '06:30', to: '23:00' }]);
    expect(text.split(',').slice(0, 3)).toEqual(['06:30/on', '23:00/off', '23:00/off']);
    const bytes = encodeValue(format(BOX_DI.weekday), text);
    expect(bytes.length).toBe(48);
    // 06:30 on → 06 30 01, sent 01 30 06; 23:00 off → 23 00 00, sent 00 00 23.
    expect(bytes.subarray(0, 6).toString('hex')).toBe('013006000023');
    expect(decodeValue(format(BOX_DI.weekday), bytes)).toBe(text);
  });

  it('refuses a switch point that is neither on nor off', () => {
    const bytes = encodeValue(format(BOX_DI.weekday), switchPoints([]));
    bytes[2] = 0x07;
    bytes[0] = 0x02; // state 02
    expect(() => decodeValue(format(BOX_DI.weekday), bytes)).toThrow('not a switch point');
  });

  it('carries the day over midnight: before the first point, the last one holds', () => {
    const night = parseSwitchPoints(switchPoints([{ from: '06:30', to: '23:00' }]));
    expect(
      ['00:00', '06:29', '06:30', '22:59', '23:00', '23:59'].map((t) => powerAt(night, t)),
    ).toEqual([false, false, true, true, false, false]);
    const late = parseSwitchPoints(
      switchPoints([
        { from: '00:00', to: '01:00' },
        { from: '18:00', to: '24:00' },
      ]),
    );
    expect(['00:30', '01:00', '17:59', '18:00', '23:59'].map((t) => powerAt(late, t))).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
    expect(powerAt(parseSwitchPoints(switchPoints([])), '12:00')).toBe(false);
    // On until midnight but not from it: 00:00 says off, or the evening would carry over.
    const evening = parseSwitchPoints(switchPoints([{ from: '06:30', to: '24:00' }]));
    expect(evening.slice(0, 2)).toEqual([
      { at: '00:00', on: false },
      { at: '06:30', on: true },
    ]);
    expect(['03:00', '06:30', '23:59'].map((t) => powerAt(evening, t))).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('reads back the on-periods it wrote, eight a day', () => {
    const tables = [
      [],
      [{ from: '00:00', to: '24:00' }],
      [{ from: '06:30', to: '23:00' }],
      [{ from: '06:30', to: '24:00' }],
      [
        { from: '06:00', to: '08:00' },
        { from: '12:00', to: '13:00' },
        { from: '18:00', to: '24:00' },
      ],
      [
        { from: '00:00', to: '01:00' },
        { from: '18:00', to: '24:00' },
      ],
      Array.from({ length: 8 }, (_, i) => ({
        from: `${String(i * 3 + 1).padStart(2, '0')}:00`,
        to: i === 7 ? '24:00' : `${String(i * 3 + 2).padStart(2, '0')}:30`,
      })),
      Array.from({ length: 8 }, (_, i) => ({
        from: `${String(i * 3).padStart(2, '0')}:00`,
        to: `${String(i * 3 + 1).padStart(2, '0')}:30`,
      })),
    ];
    for (const periods of tables) {
      const wire = decodeValue(
        format(BOX_DI.weekday),
        encodeValue(format(BOX_DI.weekday), switchPoints(periods)),
      );
      expect(onPeriods(parseSwitchPoints(wire))).toEqual(periods);
    }
  });

  it('writes allowed windows as pairs of XX.XXXX kW', () => {
    const text = powerWindows([{ fromW: 400, toW: 600 }]);
    const bytes = encodeValue(format(BOX_DI.allowed), text);
    expect(bytes.length).toBe(24);
    // 0.4000 kW → 00 40 00 (low byte first), 0.6000 → 00 60 00.
    expect(bytes.subarray(0, 6).toString('hex')).toBe('004000006000');
    expect(parsePowerWindows(decodeValue(format(BOX_DI.allowed), bytes))).toEqual([
      { fromW: 400, toW: 600 },
    ]);
  });

  it('reads a violation record: YYMMDDhhmm, the kind, the power', () => {
    const bytes = Buffer.from('052307122601000002', 'hex');
    const text = decodeValue(format(violationDi(1)), bytes);
    expect(text).toBe('2026-12-07 23:05/1/2.0000');
    expect(parseViolation(7, text)).toEqual({
      seq: 7,
      at: '2026-12-07 23:05',
      kind: 'malignantLoad',
      powerW: 2_000,
    });
    expect(encodeValue(format(violationDi(1)), text).equals(bytes)).toBe(true);
    expect(parseViolation(1, '2026-12-07 23:05/9/2.0000')).toBeNull();
    expect(() =>
      decodeValue(format(violationDi(1)), Buffer.from('0523071226010000', 'hex')),
    ).toThrow('expected 9 bytes');
  });

  it('puts each DI in its own 32 registers over Modbus, its bytes two to a register', () => {
    // Worked by hand from the rule in docs/protocols.md: 0x1000 + (DI2 − A1) × 0x400 + DI0 × 0x20.
    expect(boxRegister('04A10001')).toBe(0x1020);
    expect(boxRegister('04A10002')).toBe(0x1040);
    expect(boxRegister('04A30006')).toBe(0x18c0);
    expect(boxRegister('04A50010')).toBe(0x2200);
    expect(boxDiAt(0x2200)).toBe('04A50010');
    expect(boxDiAt(0x2201)).toBeUndefined();
    expect(() => boxRegister('00900200')).toThrow(RangeError);
    // No two DIs share a register: the largest (a day table, 48 bytes) takes 24 of its 32.
    const starts = [...Object.values(BOX_DI), '04A50001', '04A50010']
      .map(boxRegister)
      .sort((a, b) => a - b);
    expect(starts.slice(1).every((start, i) => start - starts[i]! >= 24)).toBe(true);
    // 0.4000 kW (XX.XXXX, three bytes low first: 00 40 00) padded to two registers.
    const bytes = encodeValue(dataId(BOX_DI.powerLimit)!.format, 0.4);
    expect(bytes).toEqual(Buffer.from([0x00, 0x40, 0x00]));
    expect(bytesToRegisters(bytes)).toEqual([0x0040, 0x0000]);
    expect(registersToBytes([0x0040, 0x0000], 3)).toEqual(bytes);
  });
});
