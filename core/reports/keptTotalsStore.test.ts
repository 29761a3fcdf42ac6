// How a period is cut into kept rows: whole years, whole months, and the days left at either end.
import { monthSpans, periodSpans } from './keptTotalsStore';

describe('a period as kept rows', () => {
  it('a day, a part of a month, a whole month', () => {
    expect(periodSpans('2025-03-07', '2025-03-07')).toEqual([
      { span: 'day', from: '2025-03-07', to: '2025-03-07' },
    ]);
    expect(periodSpans('2025-02-01', '2025-02-28')).toEqual([
      { span: 'month', from: '2025-02', to: '2025-02' },
    ]);
    // 2024 is a leap year: 02-28 does not end its February.
    expect(periodSpans('2024-02-01', '2024-02-28')).toEqual([
      { span: 'day', from: '2024-02-01', to: '2024-02-28' },
    ]);
  });

  it('a calendar year is one year row; odd ends are months and days', () => {
    expect(periodSpans('2025-01-01', '2025-12-31')).toEqual([
      { span: 'year', from: '2025', to: '2025' },
    ]);
    expect(periodSpans('2023-03-15', '2026-10-20')).toEqual([
      { span: 'day', from: '2023-03-15', to: '2023-03-31' },
      { span: 'month', from: '2023-04', to: '2023-12' },
      { span: 'year', from: '2024', to: '2025' },
      { span: 'month', from: '2026-01', to: '2026-09' },
      { span: 'day', from: '2026-10-01', to: '2026-10-20' },
    ]);
  });

  it('a chart by month never uses year rows', () => {
    expect(monthSpans('2024-12-31', '2026-01-01')).toEqual([
      { span: 'day', from: '2024-12-31', to: '2024-12-31' },
      { span: 'month', from: '2025-01', to: '2025-12' },
      { span: 'day', from: '2026-01-01', to: '2026-01-01' },
    ]);
  });
});
