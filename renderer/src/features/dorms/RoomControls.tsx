// A room's box controls: what each of its circuits holds, read from the box when asked (time
// control, power limit, forbidden-load detection, forcing), and 强制控制 of the room — all its
// circuits, or one purpose's — forced off, forced on, or released, with the reason, as a batch.
import { Alert, Button, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForcedMode } from '../../../../shared/api/boxControls';
import type { CircuitControlsView, CircuitPurpose, RoomView } from '../../../../shared/api/dorms';
import { useErrorText, useNotifyError } from '../../app/hooks';
import { useMayCall } from '../../app/permissions';
import { BatchProgress } from '../meters/BatchProgress';
import { useRetryBatchMutation } from '../meters/metersApi';
import { useForceRoomMutation, useLazyRoomControlsQuery } from './dormsApi';

const FORCED_COLORS: Record<ForcedMode, string> = { released: 'default', on: 'green', off: 'red' };

export function RoomControls({ room }: { room: RoomView }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [read, reading] = useLazyRoomControlsQuery();
  const [force, forcing] = useForceRoomMutation();
  const [retry, retrying] = useRetryBatchMutation();
  const [asking, setAsking] = useState<ForcedMode | null>(null);
  const [purpose, setPurpose] = useState<CircuitPurpose | 'any'>('any');
  const [reason, setReason] = useState('');
  const [batchId, setBatchId] = useState<number | null>(null);

  const periods = (c: CircuitControlsView) => {
    const time = c.controls?.timeControl;
    if (!time) return '—';
    if (time.mode === 'off') return t('dorms.grid.short.off');
    const text = (ps: { from: string; to: string }[]) =>
      ps.length === 0 ? t('dorms.grid.noPower') : ps.map((p) => `${p.from}–${p.to}`).join('，');
    return t('dorms.grid.withMode', {
      mode: t(`dorms.grid.short.${time.mode}`),
      summary: t('dorms.grid.summary', {
        weekday: text(time.weekday),
        holiday: text(time.holiday),
      }),
    });
  };

  const send = async () => {
    if (!asking) return;
    const result = await force({
      buildingId: room.buildingId,
      roomIds: [room.id],
      ...(purpose !== 'any' && { purpose }),
      mode: asking,
      reason,
    });
    if ('error' in result) return notifyError(result.error);
    setAsking(null);
    setReason('');
    setBatchId(result.data.id);
  };

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button loading={reading.isFetching} onClick={() => void read({ roomId: room.id })}>
          {t('dorms.readControls')}
        </Button>
        {mayCall('dorms.force') && (
          <>
            <Button danger onClick={() => setAsking('off')}>
              {t('dorms.forceOff')}
            </Button>
            <Button onClick={() => setAsking('on')}>{t('dorms.forceOn')}</Button>
            <Button onClick={() => setAsking('released')}>{t('dorms.forceRelease')}</Button>
          </>
        )}
      </Space>
      {reading.error && <Alert type="error" showIcon title={errorText(reading.error)} />}
      {reading.data && (
        <Table<CircuitControlsView>
          rowKey="meterId"
          size="small"
          pagination={false}
          dataSource={reading.data}
          columns={[
            {
              title: t('dorms.purpose'),
              dataIndex: 'purpose',
              width: 70,
              render: (p: CircuitPurpose) => t(`dorms.purposes.${p}`),
            },
            { title: t('dorms.circuit'), dataIndex: 'circuit', width: 56 },
            {
              title: t('dorms.power'),
              key: 'relay',
              width: 70,
              render: (_, c) =>
                c.relay ? (
                  <Tag color={c.relay === 'closed' ? 'green' : 'red'}>
                    {t(`dorms.relay.${c.relay}`)}
                  </Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: t('dorms.partNames.timeControl'),
              key: 'time',
              render: (_, c) => (c.error ? errorText(c.error) : periods(c)),
            },
            {
              title: t('dorms.limitW'),
              key: 'limit',
              width: 90,
              render: (_, c) =>
                !c.controls
                  ? '—'
                  : c.controls.powerLimit.limitW === 0
                    ? t('dorms.noLimit')
                    : `${c.controls.powerLimit.limitW} W`,
            },
            {
              title: t('dorms.partNames.malignantLoad'),
              key: 'malignant',
              width: 90,
              render: (_, c) =>
                !c.controls
                  ? '—'
                  : c.controls.malignantLoad.enabled
                    ? t('dorms.on')
                    : t('dorms.off'),
            },
            {
              title: t('dorms.forced'),
              key: 'forced',
              width: 90,
              render: (_, c) =>
                c.forced ? (
                  <Tag color={FORCED_COLORS[c.forced]}>{t(`dorms.forcedModes.${c.forced}`)}</Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      {batchId !== null && (
        <BatchProgress
          key={batchId}
          id={batchId}
          retrying={retrying.isLoading}
          onRetry={async () => {
            const result = await retry({ id: batchId });
            if ('data' in result && result.data) setBatchId(result.data.id);
          }}
        />
      )}
      <Modal
        open={asking !== null}
        title={asking ? `${t(`dorms.forcedModes.${asking}`)} — ${room.name}` : ''}
        okText={t('meters.relaySend')}
        okButtonProps={{ disabled: reason.trim() === '', danger: asking === 'off' }}
        confirmLoading={forcing.isLoading}
        onOk={() => void send()}
        onCancel={() => setAsking(null)}
      >
        <p>{asking && t(`dorms.forceText.${asking}`)}</p>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('dorms.purpose')}
            style={{ width: 200 }}
            value={purpose}
            onChange={setPurpose}
            options={[
              { value: 'any', label: t('dorms.purposes.any') },
              ...room.circuits.map((c) => ({
                value: c.purpose,
                label: t(`dorms.purposes.${c.purpose}`),
              })),
            ]}
          />
          <Input
            aria-label={t('meters.reason')}
            placeholder={t('meters.reason')}
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      </Modal>
    </div>
  );
}
