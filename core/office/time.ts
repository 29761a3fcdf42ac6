// The office's clock: times are stored UTC and read in the office's zone (China Standard Time
// until offices can set their own).
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** The office's calendar day of a moment, as YYYY-MM-DD. */
export function officeDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: OFFICE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}
