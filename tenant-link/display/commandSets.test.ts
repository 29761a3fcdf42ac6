// The display's bytes against the command sets as their manuals print them (commandSets.ts names
// the sources), and GB2312 codes from the GB 2312-80 table (checked with Python's own gb2312
// codec, not ours): 欢 BBB6 迎 D3AD 光 B9E2 临 C1D9, 金 BDF0 额 B6EE, 找 D5D2 零 C1E3, 电 B5E7 量 C1BF.
import { hidReports, HID_REPORT_SIZE } from './links';
import { initialBytes, screenBytes, unshowable } from './commandSets';

const hex = (bytes: Buffer) => bytes.toString('hex').toUpperCase();
const spaces = (n: number) => '20'.repeat(n);
const ascii = (text: string) => Buffer.from(text, 'latin1').toString('hex').toUpperCase();

describe('the CD5220 command set (2×20 VFD)', () => {
  it('initialises with ESC @', () => {
    expect(hex(initialBytes('cd5220'))).toBe('1B40');
  });

  it('greets in GB2312, centred, each line by ESC Q A / ESC Q B … CR', () => {
    const bytes = screenBytes(
      { kind: 'greeting' },
      { protocol: 'cd5220', charset: 'gb2312', greeting: '' },
    );
    // CLR; ESC Q A, 6 spaces, 欢迎光临 (8 bytes), 6 spaces, CR; ESC Q B, 20 spaces, CR.
    expect(hex(bytes)).toBe(
      `0C1B5141${spaces(6)}BBB6D3ADB9E2C1D9${spaces(6)}0D1B5142${spaces(20)}0D`,
    );
  });

  it('shows the amount and the change, label left and figure right in 20 cells', () => {
    const bytes = screenBytes(
      { kind: 'quote', amountFen: 10_000, energy: 11_764, changeFen: 5_000 },
      { protocol: 'cd5220', charset: 'gb2312', greeting: '' },
    );
    // 金额 (4 cells) + 8 spaces + "100.00" (6) + 元 (2) = 20; 找零 + 9 + "50.00" + 元 = 20.
    expect(hex(bytes)).toBe(
      `0C1B5141BDF0B6EE${spaces(8)}${ascii('100.00')}D4AA0D` +
        `1B5142D5D2C1E3${spaces(9)}${ascii('50.00')}D4AA0D`,
    );
  });

  it('says it in English on an ASCII display, with no character it cannot show', () => {
    const bytes = screenBytes(
      { kind: 'quote', amountFen: 10_000, energy: 11_764, changeFen: null },
      { protocol: 'cd5220', charset: 'ascii', greeting: '' },
    );
    expect(bytes.toString('latin1')).toBe(
      '\x0c\x1bQATOTAL     100.00 RMB\r\x1bQBENERGY    117.64 kWh\r',
    );
  });
});

describe('the ESC/POS (Epson DM-D) command set', () => {
  it('initialises with ESC @ and sets overwrite mode with US MD1', () => {
    expect(hex(initialBytes('epson'))).toBe('1B401F01');
  });

  it('clears, then writes each line at its row start by US $ 1 1 / US $ 1 2', () => {
    const bytes = screenBytes(
      { kind: 'greeting' },
      { protocol: 'epson', charset: 'gb2312', greeting: '' },
    );
    // CLR; US $ 1 1, 6 spaces, 欢迎光临, 6 spaces; US $ 1 2, 20 spaces. No CR: the cursor is set.
    expect(hex(bytes)).toBe(
      `0C1F240101${spaces(6)}BBB6D3ADB9E2C1D9${spaces(6)}1F240102${spaces(20)}`,
    );
  });

  it('shows the amount and the energy in English on an ASCII display', () => {
    const bytes = screenBytes(
      { kind: 'quote', amountFen: 10_000, energy: 11_764, changeFen: null },
      { protocol: 'epson', charset: 'ascii', greeting: '' },
    );
    expect(bytes.toString('latin1')).toBe(
      '\x0c\x1f$\x01\x01TOTAL     100.00 RMB\x1f$\x01\x02ENERGY    117.64 kWh',
    );
  });
});

describe('the 8-digit LED command set', () => {
  it('clears, lights 总计 (ESC s 2) and sends the number by ESC Q A … CR', () => {
    const bytes = screenBytes(
      { kind: 'quote', amountFen: 10_000, energy: null, changeFen: null },
      { protocol: 'led8', charset: 'gb2312', greeting: '' },
    );
    expect(hex(bytes)).toBe(`0C1B73321B5141${ascii('100.00')}0D`);
  });

  it('lights 找零 (ESC s 4) for the change, and goes dark (ESC s 0) at rest', () => {
    const paid = screenBytes(
      { kind: 'paid', amountFen: 8_000, energy: null, balanceFen: null, changeFen: 2_000 },
      { protocol: 'led8', charset: 'gb2312', greeting: '' },
    );
    expect(hex(paid)).toBe(`0C1B73341B5141${ascii('20.00')}0D`);
    const rest = screenBytes(
      { kind: 'greeting' },
      { protocol: 'led8', charset: 'gb2312', greeting: '' },
    );
    expect(hex(rest)).toBe('0C1B7330');
  });
});

describe('HID reports', () => {
  it('carries the bytes in 64-byte output reports after report ID 0 and a count', () => {
    const bytes = Buffer.from(Array.from({ length: 70 }, (_, i) => i + 1));
    const reports = hidReports(bytes);
    expect(reports.map((r) => r.length)).toEqual([HID_REPORT_SIZE + 1, HID_REPORT_SIZE + 1]);
    expect([...reports[0]!.subarray(0, 4)]).toEqual([0, 63, 1, 2]);
    expect([...reports[1]!.subarray(0, 10)]).toEqual([0, 7, 64, 65, 66, 67, 68, 69, 70, 0]);
    expect(reports[1]!.subarray(9).every((b) => b === 0)).toBe(true);
  });
});

describe('what a display can show', () => {
  it('refuses Chinese on ASCII, and characters GB2312 lacks', () => {
    expect(unshowable('欢迎 Welcome', 'ascii')).toEqual(['欢', '迎']);
    expect(unshowable('欢迎光临 Welcome', 'gb2312')).toEqual([]);
    // 𠀀 (U+20000) and € are not in GB2312 (iconv-lite's GBK has €: 0x80), nor is 镕 (GBK only).
    expect(unshowable('𠀀€镕', 'gb2312')).toEqual(['𠀀', '€', '镕']);
  });
});
