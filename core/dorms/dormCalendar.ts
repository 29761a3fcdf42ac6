// The campus calendar at work: each minute (the poller's), the box circuits whose time-control
// mode is not what today asks — the holiday table on a holiday that falls on a weekday, the weekday
// table on a make-up working day at the weekend, the box's own 'auto' again the day after — are
// switched, through the journal, as the first admin. A circuit that does not answer is tried
// again a quarter of an hour later; one already right is not touched, so a restart repeats
// nothing.
import { officeDay } from '../../shared/officeTime';
import type { OperatorStore } from '../auth/operatorStore';
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import type { MeterDesk } from '../remote/meterDesk';
import type { CalendarStore } from './calendarStore';

const REASON = {
  holiday: '校历：节假日',
  weekday: '校历：调休上班',
  auto: '校历：恢复按星期',
  off: '校历',
};

export class DormCalendar {
  constructor(
    private readonly deps: {
      calendar: CalendarStore;
      desk: Pick<MeterDesk, 'setBoxControls'>;
      operators: Pick<OperatorStore, 'firstAdmin'>;
      log: Logger;
    },
  ) {}

  /** Switches what today asks; returns how many circuits were switched. */
  async apply(now: Date, write: Write): Promise<number> {
    const { calendar, desk, operators, log } = this.deps;
    const due = calendar.toSwitch(officeDay(now.toISOString()), now);
    const admin = due.length > 0 ? operators.firstAdmin() : undefined;
    if (!admin) return 0;
    let switched = 0;
    for (const circuit of due) {
      try {
        await desk.setBoxControls(
          {
            meterId: circuit.meterId,
            controls: { timeControl: { ...circuit.timeControl, mode: circuit.mode } },
            reason: REASON[circuit.mode],
            byCalendar: true,
          },
          admin.id,
          now,
          write,
        );
        switched += 1;
      } catch (error) {
        log.warn({ err: error, meterId: circuit.meterId }, 'calendar switch failed');
        write(
          () => calendar.failed(circuit.meterId, now.toISOString()),
          () => ({ meterId: circuit.meterId, mode: circuit.mode, failed: true }),
        );
      }
    }
    return switched;
  }
}
