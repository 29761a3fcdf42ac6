// The customer display (客显, issue 19): what the tenant sees at the till during a sale, the
// office's display as settings name it, and the calls that drive it.
import { z } from 'zod';
import type { ApiError } from '../errors';
import type { LedLamp } from '../displayText';
import type { EnergyE2, Fen } from '../units';
import { fen, id } from './fields';
import { method } from './method';
import { freeText } from './text';

/** Where the display hangs: none, a serial pole display, or a USB-HID one. */
export const DISPLAY_KINDS = ['none', 'serial', 'hid'] as const;
export type DisplayKind = (typeof DISPLAY_KINDS)[number];

/**
 * The command set the display speaks: `led8` the common Chinese 8-digit LED display with its four
 * lamps (单价 总计 收款 找零); `cd5220` the 2×20 VFD pole display's standard mode; `epson` the
 * ESC/POS customer-display commands (Epson's DM-D and the VFDs set to "EPSON mode"). A HID display
 * carries the same commands in its reports.
 */
export const DISPLAY_PROTOCOLS = ['led8', 'cd5220', 'epson'] as const;
export type DisplayProtocol = (typeof DISPLAY_PROTOCOLS)[number];

/** Whether the display shows two lines of 20 characters (a charset and a greeting of its own). */
export const showsLines = (protocol: DisplayProtocol): boolean => protocol !== 'led8';

/** A 2×20 display's characters: ASCII (the words in English) or GB2312 (the words in Chinese). */
export const DISPLAY_CHARSETS = ['ascii', 'gb2312'] as const;
export type DisplayCharset = (typeof DISPLAY_CHARSETS)[number];

/** Pole displays' usual speeds (most leave the factory at 2400 or 9600 bps, 8N1). */
export const DISPLAY_BAUD_RATES = [2400, 4800, 9600, 19200] as const;
export type DisplayBaudRate = (typeof DISPLAY_BAUD_RATES)[number];

export interface DisplaySettings {
  kind: DisplayKind;
  protocol: DisplayProtocol;
  charset: DisplayCharset;
  /** The serial port (kind serial). */
  port: string | null;
  baudRate: DisplayBaudRate;
  /** The HID device's path as the system lists it (kind hid). */
  hidPath: string | null;
  /** What the display says at rest; empty for the charset's own greeting. */
  greeting: string;
}

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = {
  kind: 'none',
  protocol: 'cd5220',
  charset: 'gb2312',
  port: null,
  baudRate: 2400,
  hidPath: null,
  greeting: '',
};

/**
 * What the tenant is shown: a greeting at rest; the amount (and the energy it buys, or the change
 * from the cash handed over) while the cashier confirms; what was paid, the balance and the
 * change once sold.
 */
export type DisplayScreen =
  | { kind: 'greeting' }
  | { kind: 'quote'; amountFen: Fen; energy: EnergyE2 | null; changeFen: Fen | null }
  | {
      kind: 'paid';
      amountFen: Fen;
      energy: EnergyE2 | null;
      /** The meter's or the office's balance after the sale, where the office knows it. */
      balanceFen: Fen | null;
      changeFen: Fen | null;
    }
  | { kind: 'test' };

export interface DisplayStateView {
  settings: DisplaySettings;
  /** What the display shows now (also with no display: the till shows the same on screen). */
  screen: DisplayScreen;
  /** As the tenant reads it: a VFD's two lines, or the LED's lamp and number. */
  shows:
    | { kind: 'lines'; lines: [string, string] }
    | { kind: 'led'; lamp: LedLamp | null; number: string };
  /** Why the last screen did not reach the display; null when it did (or there is none). */
  error: ApiError | null;
}

export interface HidDeviceView {
  path: string;
  vendorId: number;
  productId: number;
  product: string | null;
  manufacturer: string | null;
}

export const displaySettingsSchema = z
  .object({
    kind: z.enum(DISPLAY_KINDS),
    protocol: z.enum(DISPLAY_PROTOCOLS),
    charset: z.enum(DISPLAY_CHARSETS),
    port: z.string().max(200).nullable(),
    baudRate: z.union(DISPLAY_BAUD_RATES.map((rate) => z.literal(rate))),
    hidPath: z.string().max(300).nullable(),
    greeting: freeText(20),
  })
  .strict();

export const displayMethods = {
  /** The amount the cashier is about to confirm, shown to the tenant (and the change, for cash). */
  'display.quote': method<DisplayStateView>()({
    input: z.object({ accountId: id, amountFen: fen, tenderedFen: fen.optional() }).strict(),
    access: 'sell',
    mutating: false,
  }),
  /** Back to the greeting (the cashier cancelled, or turned to another tenant). */
  'display.rest': method<DisplayStateView>()({
    input: z.object({}).strict(),
    access: 'sell',
    mutating: false,
  }),
  'display.state': method<DisplayStateView>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['display'],
  }),
  /** Every digit and segment lit, to see the display is wired (and which way round). */
  'display.test': method<DisplayStateView>()({
    input: z.object({}).strict(),
    access: 'devices',
    mutating: false,
  }),
  'display.configure': method<DisplayStateView>()({
    input: displaySettingsSchema,
    access: 'devices',
    mutating: true,
    data: ['display'],
  }),
  /** The USB-HID devices the system lists, to choose the display among them. */
  'display.hidDevices': method<HidDeviceView[]>()({
    input: z.object({}).strict(),
    access: 'devices',
    mutating: false,
  }),
} as const;
