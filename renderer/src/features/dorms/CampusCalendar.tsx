// 校历: the campus calendar, a month at a time. Days marked 假 (a holiday on a weekday: the dorm
// boxes take the holiday table) or 班 (a make-up working day at the weekend: the weekday table);
// any other day follows the week. Clicking a day marks it or lets it follow the week again.
import { Calendar, Input, Modal, Segmented, Space, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayKind } from '../../../../shared/api/dorms';
import { useNotifyError } from '../../app/hooks';
import { useMayCall } from '../../app/permissions';
import { useCampusCalendarQuery, useSetCalendarDayMutation } from './dormsApi';

type Choice = CalendarDayKind | 'week';

export function CampusCalendar({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const notifyError = useNotifyError();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const days = useCampusCalendarQuery({
    from: month.startOf('month').format('YYYY-MM-DD'),
    to: month.endOf('month').format('YYYY-MM-DD'),
  });
  const [setDay, setting] = useSetCalendarDayMutation();
  const [editing, setEditing] = useState<{ day: string; choice: Choice; note: string } | null>(
    null,
  );
  const marked = new Map((days.data ?? []).map((d) => [d.day, d]));

  const save = async () => {
    if (!editing) return;
    const result = await setDay({
      day: editing.day,
      kind: editing.choice === 'week' ? null : editing.choice,
      note: editing.note,
    });
    if ('error' in result) return notifyError(result.error);
    setEditing(null);
  };

  return (
    <Modal open width={520} title={t('dorms.calendar.title')} footer={null} onCancel={onClose}>
      <p className="pt-hint">{t('dorms.calendar.hint')}</p>
      <Calendar
        fullscreen={false}
        value={month}
        onPanelChange={(value) => setMonth(value)}
        onSelect={(date, { source }) => {
          setMonth(date);
          if (source !== 'date' || !mayCall('dorms.setCalendarDay')) return;
          const day = date.format('YYYY-MM-DD');
          const found = marked.get(day);
          setEditing({ day, choice: found?.kind ?? 'week', note: found?.note ?? '' });
        }}
        cellRender={(date, info) => {
          if (info.type !== 'date') return info.originNode;
          const found = marked.get(date.format('YYYY-MM-DD'));
          if (!found) return null;
          return (
            <Tooltip title={found.note || undefined}>
              <div
                style={{
                  fontSize: 11,
                  lineHeight: '12px',
                  color: found.kind === 'holiday' ? '#cf1322' : '#1d39c4',
                }}
              >
                {t(`dorms.calendar.short.${found.kind}`)}
              </div>
            </Tooltip>
          );
        }}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('dorms.calendar.dayTitle', { day: editing.day }) : ''}
        confirmLoading={setting.isLoading}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
      >
        {editing && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Segmented<Choice>
              value={editing.choice}
              onChange={(choice) => setEditing({ ...editing, choice })}
              options={(['week', 'holiday', 'workday'] as const).map((choice) => ({
                value: choice,
                label: t(`dorms.calendar.kinds.${choice}`),
              }))}
            />
            <Input
              aria-label={t('dorms.calendar.note')}
              placeholder={t('dorms.calendar.note')}
              maxLength={60}
              value={editing.note}
              disabled={editing.choice === 'week'}
              onChange={(e) => setEditing({ ...editing, note: e.target.value })}
            />
          </Space>
        )}
      </Modal>
    </Modal>
  );
}
