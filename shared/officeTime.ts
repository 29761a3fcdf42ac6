// The office's clock: times are stored UTC and read in the office's zone (China Standard Time
// until offices can set their own).
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** China Standard Time is UTC+8 all year (no daylight saving), so days are plain arithmetic. */
const OFFICE_OFFSET_MS = 8 * 3600_000;

/** The office's calendar day of a moment, as YYYY-MM-DD (cheap enough for every row of a year). */
export function officeDay(iso: string): string {
  return new Date(Date.parse(iso) + OFFICE_OFFSET_MS).toISOString().slice(0, 10);
}

/** The days from `from` to `to` inclusive, as YYYY-MM-DD. */
/** How many calendar days from `from` to `to`, both included (0 when `to` is before `from`). */
export function officeDayCount(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  return Number.isFinite(days) && days > 0 ? days : 0;
}

export function officeDaysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The UTC moments an office day starts and ends (China Standard Time has no daylight saving). */
export function officeDayRange(day: string): { from: string; to: string } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { from: start.toISOString(), to: new Date(start.getTime() + 24 * 3600_000).toISOString() };
}

/** The office's calendar day now: what "today" means on the till and in the reports. */
export const officeToday = (): string => officeDay(new Date().toISOString());

/** The office's wall-clock time of a moment, as YYYY-MM-DD HH:mm:ss (the arithmetic of officeDay). */
export function officeDateTime(iso: string): string {
  return new Date(Date.parse(iso) + OFFICE_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
