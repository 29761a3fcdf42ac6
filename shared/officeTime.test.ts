// The office day in China Standard Time, whatever zone the computer or browser runs in.
import { officeDateTime, officeDay, officeDayRange, officeDaysBetween } from './officeTime';

describe('office time', () => {
  it('puts a moment on the office day, not the UTC day', () => {
    expect(officeDay('2026-11-24T15:59:59.999Z')).toBe('2026-11-24');
    expect(officeDay('2026-11-24T16:00:00.000Z')).toBe('2026-11-25');
    expect(officeDay('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });

  it('agrees with the platform time zone database for every hour of a year', () => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const clock = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'medium',
      hourCycle: 'h23',
    });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3600_000 + 17_000) {
      const iso = new Date(t).toISOString();
      expect(officeDay(iso)).toBe(format.format(new Date(t)));
      expect(officeDateTime(iso)).toBe(clock.format(new Date(t)));
    }
  });

  it('gives the UTC bounds of an office day and the days of a range', () => {
    expect(officeDayRange('2026-11-24')).toEqual({
      from: '2026-11-23T16:00:00.000Z',
      to: '2026-11-24T16:00:00.000Z',
    });
    expect(officeDaysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(officeDaysBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(officeDateTime('2026-11-24T16:00:01Z')).toBe('2026-11-25 00:00:01');
  });
});
