// 熄灯提醒 (issue 19): a dorm room is told a quarter of an hour before its box's time table cuts
// the power, once a cut, when the office turns it on. The table a circuit follows today is the one
// it holds (weekday / holiday, or by the day of the week under 'auto').
import { CalendarStore } from '../../core/dorms/calendarStore';
import { cutComing, tableFor } from '../../core/messages/lightsOut';
import type { TimeControl } from '../../shared/api/boxControls';
import { openLineOffice, openNkAccount, type LineOffice } from './lineOffice';

const TABLES: TimeControl = {
  mode: 'auto',
  weekday: [
    { from: '06:30', to: '12:00' },
    { from: '13:30', to: '23:00' },
  ],
  holiday: [{ from: '07:00', to: '24:00' }],
};

describe('the table and the cut', () => {
  it('follows the day of the week under auto, the held table otherwise', () => {
    expect(tableFor(TABLES, 'auto', 3)).toBe(TABLES.weekday);
    expect(tableFor(TABLES, 'auto', 0)).toBe(TABLES.holiday);
    expect(tableFor(TABLES, 'holiday', 3)).toBe(TABLES.holiday);
    expect(tableFor(TABLES, 'off', 3)).toBeNull();
  });
  it('finds a cut within the quarter hour, not one at midnight', () => {
    expect(cutComing(TABLES.weekday, '22:44')).toBeNull();
    expect(cutComing(TABLES.weekday, '22:45')).toBe('23:00');
    expect(cutComing(TABLES.weekday, '22:59')).toBe('23:00');
    expect(cutComing(TABLES.weekday, '23:00')).toBeNull();
    expect(cutComing(TABLES.weekday, '11:50')).toBe('12:00');
    expect(cutComing(TABLES.holiday, '23:55')).toBeNull();
  });
});

describe('lights-out warnings to rooms', () => {
  let o: LineOffice;
  // A Wednesday, 22:50 in the office (UTC+8).
  const at = new Date('2026-12-09T14:50:00Z');
  const outbox = () => o.core.services.messages.outboxStore.list(null, 50);
  const configure = (lightsOutNotice: boolean) =>
    o.core.ok(
      'messages.configure',
      {
        modemPort: null,
        quietFrom: '23:30',
        quietTo: '07:00',
        dailyCap: 5,
        purchaseNotice: false,
        lightsOutNotice,
      },
      o.supervisor,
    );

  beforeAll(async () => {
    o = await openLineOffice([{ address: '000000000995' }]);
    const { meterId } = await openNkAccount(
      o,
      { name: '1号楼-203', phone: '13700001111' },
      '000000000995',
    );
    // The circuit's time control as the office pushed it (dorm box controls keep it so).
    new CalendarStore(o.core.services.db).keep(meterId, TABLES, 'auto', at.toISOString());
  }, 60_000);
  afterAll(() => o?.close());

  it('tells nothing unless the office asks', async () => {
    await configure(false);
    expect(o.core.services.messages.lightsOut.run(at)).toBe(0);
    expect(outbox()).toEqual([]);
  });

  it('tells the room once a quarter hour before the cut', async () => {
    await configure(true);
    expect(o.core.services.messages.lightsOut.run(at)).toBe(1);
    expect(o.core.services.messages.lightsOut.run(new Date(at.getTime() + 60_000))).toBe(1);
    const [told, ...more] = outbox();
    expect(more).toEqual([]);
    expect(told).toMatchObject({ kind: 'dorm-control', state: 'queued' });
    expect(told!.text).toBe('【万达广场物业服务中心】1号楼-203：23:00 熄灯断电，请提前做好准备。');
    // The next night is another cut, another message.
    o.core.services.messages.lightsOut.run(new Date(at.getTime() + 86_400_000));
    expect(outbox()).toHaveLength(2);
  });
});
