// What the customer display (客显) says of each screen: two lines of 20 cells on a VFD pole
// display (an ASCII cell each, a GB2312 character two), or one number under one of four lamps on
// the common 8-digit LED display. The same lines are shown on the till's own screen.
import type { DisplayCharset, DisplayScreen } from './api/display';
import { formatEnergy, formatYuan } from './units';

/** Cells on a line of a 2×20 pole display. */
export const DISPLAY_COLUMNS = 20;

/** The lamps of the 8-digit LED display, in its command set's order (ESC s '1'..'4'). */
export const LED_LAMPS = ['price', 'total', 'paid', 'change'] as const;
export type LedLamp = (typeof LED_LAMPS)[number];

/** Digits an LED display shows (its decimal point takes no digit). */
export const LED_DIGITS = 8;

const WORDS: Record<DisplayCharset, Record<string, string>> = {
  // ASCII-only displays cannot show Chinese, nor the yuan sign.
  ascii: {
    greeting: 'WELCOME',
    total: 'TOTAL',
    energy: 'ENERGY',
    change: 'CHANGE',
    balance: 'BALANCE',
    paid: 'PAID',
    thanks: 'THANK YOU',
    money: ' RMB',
    kwh: ' kWh',
  },
  gb2312: {
    greeting: '欢迎光临',
    total: '金额',
    energy: '电量',
    change: '找零',
    balance: '余额',
    paid: '已付',
    thanks: '谢谢惠顾',
    money: '元',
    kwh: 'kWh',
  },
};

/** Cells a text takes: GB2312 gives a Chinese character two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x80 ? 1 : 2;
  return width;
}

/** A label on the left and its figure on the right, padded to the line's 20 cells. */
function row(label: string, value: string): string {
  const gap = DISPLAY_COLUMNS - displayWidth(label) - displayWidth(value);
  return gap >= 1 ? `${label}${' '.repeat(gap)}${value}` : `${label} ${value}`;
}

/** Centred, as a greeting is. */
function centred(text: string): string {
  const gap = Math.max(0, DISPLAY_COLUMNS - displayWidth(text));
  return `${' '.repeat(Math.floor(gap / 2))}${text}`;
}

/** The two lines a 2×20 display shows for a screen. */
export function screenLines(
  screen: DisplayScreen,
  charset: DisplayCharset,
  greeting: string,
): [string, string] {
  const w = WORDS[charset];
  const money = (fen: number) => `${formatYuan(fen)}${w.money}`;
  const energy = (e2: number) => `${formatEnergy(e2)}${w.kwh}`;
  switch (screen.kind) {
    case 'greeting':
      return [centred(greeting || w.greeting!), ''];
    case 'test':
      return ['8'.repeat(DISPLAY_COLUMNS), 'PowerTill 0123456789'];
    case 'quote':
      return [
        row(w.total!, money(screen.amountFen)),
        screen.changeFen !== null
          ? row(w.change!, money(screen.changeFen))
          : screen.energy !== null
            ? row(w.energy!, energy(screen.energy))
            : '',
      ];
    case 'paid':
      return [
        screen.balanceFen !== null
          ? row(w.balance!, money(screen.balanceFen))
          : row(w.paid!, money(screen.amountFen)),
        screen.changeFen !== null
          ? row(w.change!, money(screen.changeFen))
          : screen.energy !== null
            ? row(w.energy!, energy(screen.energy))
            : centred(w.thanks!),
      ];
  }
}

/**
 * The LED display's one number and lamp: the total while confirming (the change once the cash
 * is typed), then the change, or what was paid; dark at rest.
 */
export function ledReading(screen: DisplayScreen): { lamp: LedLamp | null; number: string } {
  switch (screen.kind) {
    case 'greeting':
      return { lamp: null, number: '' };
    case 'test':
      return { lamp: null, number: '8.8.8.8.8.8.8.8.' };
    case 'quote':
      return screen.changeFen !== null
        ? { lamp: 'change', number: formatYuan(screen.changeFen) }
        : { lamp: 'total', number: formatYuan(screen.amountFen) };
    case 'paid':
      return screen.changeFen !== null
        ? { lamp: 'change', number: formatYuan(screen.changeFen) }
        : { lamp: 'paid', number: formatYuan(screen.amountFen) };
  }
}
