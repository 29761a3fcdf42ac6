// 熄灯提醒 (issue 19): a dorm room told a quarter of an hour before its box cuts the power by its
// time table (the end of an on-period, by the table the circuit holds today), when the office turns
// it on — one message a room a cut, whatever the minute's timer does. A period that runs to 24:00
// is not a cut (the next day's table takes over). Off by default: a message every room every night
// costs the office and tires the students; most offices want it for exam weeks or a new term.
import type { OnPeriod, TimeControl, TimeControlMode } from '../../shared/api/boxControls';
import { officeDateTime } from '../../shared/officeTime';
import { minutesOf } from '../../shared/tariff';
import type { CalendarStore } from '../dorms/calendarStore';
import type { AccountStore } from '../ledger/accountStore';
import type { SettingsStore } from '../office/settingsStore';
import type { TenantNotices } from './notices';

/** How long before the cut the room is told. */
export const WARN_MINUTES = 15;

/** The table a circuit follows on a day of the week (0 Sunday), or none without time control. */
export function tableFor(
  timeControl: TimeControl,
  applied: TimeControlMode,
  weekday: number,
): OnPeriod[] | null {
  switch (applied) {
    case 'off':
      return null;
    case 'weekday':
      return timeControl.weekday;
    case 'holiday':
      return timeControl.holiday;
    case 'auto':
      return weekday >= 1 && weekday <= 5 ? timeControl.weekday : timeControl.holiday;
  }
}

/** The cut ("HH:mm") coming within the warning time after `now` ("HH:mm"), if any. */
export function cutComing(table: OnPeriod[], now: string): string | null {
  const at = minutesOf(now);
  const cut = table.find(
    (p) => p.to !== '24:00' && minutesOf(p.to) > at && minutesOf(p.to) - at <= WARN_MINUTES,
  );
  return cut?.to ?? null;
}

export class LightsOutWarnings {
  constructor(
    private readonly deps: {
      calendar: CalendarStore;
      accounts: Pick<AccountStore, 'openOnMeter'>;
      settings: SettingsStore;
      notices: TenantNotices;
      tx: <T>(fn: () => T) => T;
    },
  ) {}

  /** Tells the rooms whose power is cut within the warning time; how many cuts were coming. */
  run(now: Date): number {
    const { calendar, accounts, settings, notices, tx } = this.deps;
    if (!settings.outboxRules().lightsOutNotice) return 0;
    const wall = officeDateTime(now.toISOString());
    const day = wall.slice(0, 10);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    let coming = 0;
    for (const circuit of calendar.underTimeControl()) {
      const table = tableFor(circuit.timeControl, circuit.applied, weekday);
      const cut = table && cutComing(table, wall.slice(11, 16));
      const account = cut ? accounts.openOnMeter(circuit.meterId) : undefined;
      if (!cut || !account) continue;
      tx(() => notices.lightsOut(account, day, cut, now));
      coming += 1;
    }
    return coming;
  }
}
