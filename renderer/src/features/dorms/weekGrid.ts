// The time tables as the week grid shows them: a day is 48 half-hour cells, on or off; a run of
// on-cells is an on-period. Monday to Friday show the weekday table and Saturday and Sunday the
// holiday one (as the box does in 'auto'), or every day the one its mode names.
import {
  MAX_ON_PERIODS,
  type OnPeriod,
  type TimeControlMode,
} from '../../../../shared/api/boxControls';

export const CELLS = 48;

const cellTime = (cell: number) =>
  cell === CELLS
    ? '24:00'
    : `${String(Math.floor(cell / 2)).padStart(2, '0')}:${cell % 2 ? '30' : '00'}`;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** A day's cells from its on-periods (a period is rounded out to the half hours it touches). */
export function cellsOf(periods: readonly OnPeriod[]): boolean[] {
  const cells = Array<boolean>(CELLS).fill(false);
  for (const p of periods) {
    const end = Math.ceil(minutesOf(p.to) / 30);
    for (let c = Math.floor(minutesOf(p.from) / 30); c < end; c += 1) cells[c] = true;
  }
  return cells;
}

/** The on-periods a day's cells say, in time order. */
export function periodsOf(cells: readonly boolean[]): OnPeriod[] {
  const periods: OnPeriod[] = [];
  let from: number | null = null;
  for (let c = 0; c <= CELLS; c += 1) {
    const on = c < CELLS && cells[c];
    if (on && from === null) from = c;
    if (!on && from !== null) {
      periods.push({ from: cellTime(from), to: cellTime(c) });
      from = null;
    }
  }
  return periods;
}

/** Whether a day's cells fit the box's table (at most MAX_ON_PERIODS runs). */
export const fitsTable = (cells: readonly boolean[]) => periodsOf(cells).length <= MAX_ON_PERIODS;

/** Monday first, as the office's calendar hangs. 0 = Monday … 6 = Sunday. */
export const WEEK = [0, 1, 2, 3, 4, 5, 6] as const;

/** Which table a day of the week shows under a mode; null: no time control, power all day. */
export function tableOf(mode: TimeControlMode, day: number): 'weekday' | 'holiday' | null {
  if (mode === 'off') return null;
  if (mode === 'weekday' || mode === 'holiday') return mode;
  return day >= 5 ? 'holiday' : 'weekday';
}
