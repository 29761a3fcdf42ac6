// How long the line must stay silent between transactions, from its own speed: Modbus-RTU's 3.5
// character times (the Modbus over Serial Line specification, V1.02, 2.5.1.1: t3.5, fixed at
// 1.75 ms above 19,200 baud) plus the adapter's turnaround. At 9600 8E1 that is 6 ms where a
// fixed 20 ms gap left the line idle a third of a poll; at 1200 baud it is 33 ms, where 20 ms
// would run frames together.

export interface CharacterFormat {
  baudRate: number;
  parity: 'even' | 'odd' | 'none';
  stopBits: 1 | 2;
}

/**
 * Assumed, not measured per adapter: a USB-RS485 adapter with automatic direction control
 * releases the bus within about a character at 9600; 1 ms covers it. A line whose adapter is
 * slower gets its own gap in the line settings.
 */
export const ADAPTER_TURNAROUND_MS = 1;

/** A TCP serial gateway keeps its own serial timing; this is what we wait between frames. */
export const GATEWAY_GAP_MS = 20;

/** One character on the wire: a start bit, 8 data bits, the parity bit unless none, stop bits. */
export function characterMs({ baudRate, parity, stopBits }: CharacterFormat): number {
  const bits = 1 + 8 + (parity === 'none' ? 0 : 1) + stopBits;
  return (bits * 1_000) / baudRate;
}

/** The gap a serial line gets unless its settings name one: whole milliseconds, rounded up. */
export function defaultGapMs(format: CharacterFormat): number {
  const silence = format.baudRate > 19_200 ? 1.75 : 3.5 * characterMs(format);
  return Math.ceil(silence + ADAPTER_TURNAROUND_MS);
}
