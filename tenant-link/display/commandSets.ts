// The bytes a pole display is sent for a screen, in the two command sets counters use:
// - `cd5220`: the 2×20 VFD's standard mode (public: the CD5220 user's manual, "CD5220 standard
//   mode command list" — ESC @ initialise, CLR clear, ESC Q A / ESC Q B a string to the upper /
//   lower line ended by CR);
// - `led8`: the common Chinese 8-digit LED display (public, the "通用客显指令集" its makers print
//   and POS forums quote, e.g. bbs.bccn.net/thread-471533: ESC s '2' lights 总计) — CLR clear,
//   ESC s n a lamp ('0' none, '1' 单价, '2' 总计, '3' 收款, '4' 找零), ESC Q A the number then CR;
// - `epson`: the ESC/POS customer-display commands of Epson's DM-D displays, which most 2×20 VFDs
//   also take in their "EPSON mode" (public: the command tables in the POSX XP8200 manual, §4.1.2
//   "EPSON Command Mode", and the Posiflex PD-300 manual) — ESC @ initialise, US MD1 overwrite
//   mode, CLR clear, US $ x y the cursor to column x of row y (both from 1), the text after it.
import iconv from 'iconv-lite';
import type { DisplayCharset, DisplayProtocol, DisplayScreen } from '../../shared/api/display';
import { DISPLAY_COLUMNS, LED_LAMPS, ledReading, screenLines } from '../../shared/displayText';

export const ESC = 0x1b;
export const CLR = 0x0c;
export const CR = 0x0d;
export const US = 0x1f;

/**
 * What a display is sent once, when its port is opened: a VFD initialised (an ESC/POS one also
 * told to overwrite, so a full line never scrolls the screen), the LED cleared.
 */
export function initialBytes(protocol: DisplayProtocol): Buffer {
  if (protocol === 'cd5220') return Buffer.from([ESC, 0x40]);
  if (protocol === 'epson') return Buffer.from([ESC, 0x40, US, 0x01]);
  return Buffer.from([CLR]);
}

/**
 * A character's GB2312 bytes, or null if GB2312 has none. iconv-lite's "gb2312" is really GBK
 * (CP936), which also has € and the rarer hanzi: a GB2312 display has only the rows A1–F7 with
 * cells A1–FE (GB 2312-80), so those alone are taken.
 */
function gb2312Char(char: string): Buffer | null {
  if (/^[\x20-\x7e]$/.test(char)) return Buffer.from(char, 'latin1');
  const bytes = iconv.encode(char, 'gb2312');
  const [row = 0, cell = 0] = bytes;
  const inTable = bytes.length === 2 && row >= 0xa1 && row <= 0xf7 && cell >= 0xa1 && cell <= 0xfe;
  return inTable && iconv.decode(bytes, 'gb2312') === char ? bytes : null;
}

const QUESTION = Buffer.from('?', 'latin1');

/** Text in the display's charset, a character it cannot show sent as '?' rather than dropped. */
export function encodeText(text: string, charset: DisplayCharset): Buffer {
  if (charset === 'gb2312') return Buffer.concat([...text].map((c) => gb2312Char(c) ?? QUESTION));
  return Buffer.from(text.replace(/[^\x20-\x7e]/gu, '?'), 'latin1');
}

/** A line padded with spaces to the display's 20 cells (or cut there). */
function line(text: string, charset: DisplayCharset): Buffer {
  const bytes = encodeText(text, charset);
  if (bytes.length >= DISPLAY_COLUMNS) return bytes.subarray(0, DISPLAY_COLUMNS);
  return Buffer.concat([bytes, Buffer.alloc(DISPLAY_COLUMNS - bytes.length, 0x20)]);
}

export function screenBytes(
  screen: DisplayScreen,
  how: { protocol: DisplayProtocol; charset: DisplayCharset; greeting: string },
): Buffer {
  if (how.protocol === 'cd5220') {
    const [upper, lower] = screenLines(screen, how.charset, how.greeting);
    return Buffer.concat([
      Buffer.from([CLR, ESC, 0x51, 0x41]),
      line(upper, how.charset),
      Buffer.from([CR, ESC, 0x51, 0x42]),
      line(lower, how.charset),
      Buffer.from([CR]),
    ]);
  }
  if (how.protocol === 'epson') {
    const [upper, lower] = screenLines(screen, how.charset, how.greeting);
    return Buffer.concat([
      Buffer.from([CLR, US, 0x24, 1, 1]),
      line(upper, how.charset),
      Buffer.from([US, 0x24, 1, 2]),
      line(lower, how.charset),
    ]);
  }
  const { lamp, number } = ledReading(screen);
  const lampCode = 0x30 + (lamp === null ? 0 : LED_LAMPS.indexOf(lamp) + 1);
  return Buffer.concat([
    Buffer.from([CLR, ESC, 0x73, lampCode]),
    ...(number
      ? [Buffer.from([ESC, 0x51, 0x41]), Buffer.from(number, 'latin1'), Buffer.from([CR])]
      : []),
  ]);
}

/** Characters of a text the display's charset cannot show (none: it can show it all). */
export function unshowable(text: string, charset: DisplayCharset): string[] {
  const chars = [...text];
  if (charset === 'ascii') return chars.filter((c) => !/^[\x20-\x7e]$/.test(c));
  return chars.filter((c) => gb2312Char(c) === null);
}
