// 时间控制 as a week grid: seven days of 48 half-hour cells, green where the circuit has power.
// Monday to Friday show the weekday table and the weekend the holiday one (or every day the table
// the mode names); painting a day's cells (press and drag) edits the table that day shows, so
// the other days of that table change with it. Below, each table as the periods the box is sent.
import { Alert, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_ON_PERIODS,
  TIME_CONTROL_MODES,
  type TimeControl,
} from '../../../../shared/api/boxControls';
import { CELLS, cellsOf, periodsOf, tableOf, WEEK } from './weekGrid';

const CELL = 11;
const ON = '#52c41a';
const OFF = '#f0f0f0';

export function WeekGrid({
  value,
  onChange,
}: {
  value: TimeControl;
  onChange: (value: TimeControl) => void;
}) {
  const { t } = useTranslation();
  const [painting, setPainting] = useState<{ table: 'weekday' | 'holiday'; on: boolean } | null>(
    null,
  );
  useEffect(() => {
    const stop = () => setPainting(null);
    window.addEventListener('mouseup', stop);
    return () => window.removeEventListener('mouseup', stop);
  }, []);
  const cells = { weekday: cellsOf(value.weekday), holiday: cellsOf(value.holiday) };
  const paint = (table: 'weekday' | 'holiday', cell: number, on: boolean) => {
    if (cells[table][cell] === on) return;
    const next = [...cells[table]];
    next[cell] = on;
    onChange({ ...value, [table]: periodsOf(next) });
  };
  const periodsText = (table: 'weekday' | 'holiday') => {
    const periods = value[table];
    return periods.length === 0
      ? t('dorms.grid.noPower')
      : periods.map((p) => `${p.from}–${p.to}`).join('，');
  };
  const tooMany = (['weekday', 'holiday'] as const).filter(
    (table) => value[table].length > MAX_ON_PERIODS,
  );
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <span>{t('dorms.grid.mode')}</span>
        <Select
          aria-label={t('dorms.grid.mode')}
          style={{ width: 400 }}
          value={value.mode}
          onChange={(mode) => onChange({ ...value, mode })}
          options={TIME_CONTROL_MODES.map((mode) => ({
            value: mode,
            label: t(`dorms.grid.modes.${mode}`),
          }))}
        />
      </Space>
      <div
        style={{ userSelect: 'none', fontSize: 12 }}
        role="grid"
        aria-label={t('dorms.grid.title')}
      >
        <div style={{ display: 'flex', marginLeft: 48 }}>
          {Array.from({ length: 24 }, (_, h) => (
            <div key={h} style={{ width: CELL * 2, color: '#8c8c8c' }}>
              {h % 3 === 0 ? h : ''}
            </div>
          ))}
        </div>
        {WEEK.map((day) => {
          const table = tableOf(value.mode, day);
          return (
            <div key={day} role="row" style={{ display: 'flex', alignItems: 'center', height: 20 }}>
              <div style={{ width: 48 }}>{t(`dorms.grid.days.${day}`)}</div>
              {Array.from({ length: CELLS }, (_, cell) => {
                const on = table === null || cells[table][cell]!;
                return (
                  <div
                    key={cell}
                    role="gridcell"
                    aria-selected={on}
                    data-cell={`${day}-${cell}`}
                    onMouseDown={() => {
                      if (!table) return;
                      setPainting({ table, on: !on });
                      paint(table, cell, !on);
                    }}
                    onMouseEnter={() => {
                      if (painting && table === painting.table) paint(table, cell, painting.on);
                    }}
                    style={{
                      width: CELL - 1,
                      height: 16,
                      marginRight: cell % 2 ? 1 : 0,
                      background: on ? ON : OFF,
                      opacity: table === null ? 0.35 : 1,
                      cursor: table ? 'pointer' : 'not-allowed',
                    }}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {value.mode === 'off'
          ? t('dorms.grid.off')
          : t('dorms.grid.summary', {
              weekday: periodsText('weekday'),
              holiday: periodsText('holiday'),
            })}
      </Typography.Paragraph>
      {tooMany.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title={t('dorms.grid.tooMany', { max: MAX_ON_PERIODS })}
        />
      )}
    </div>
  );
}
