// One meter: read it now, its last reading, relay and limit commands (supervisors), its command log.
import { Alert, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../../shared/api/ledgerTypes';
import { type MeterReadingView, type RelayCommand } from '../../../../shared/api/meterLink';
import { useMayCall } from '../../app/permissions';
import { useErrorText } from '../../app/hooks';
import { useReadMeterMutation } from './metersApi';
import { Commands } from './Commands';
import { ReadingFacts } from './ReadingFacts';
import { RelayDialog } from './RelayDialog';

export function MeterPanel({ meter }: { meter: MeterView }) {
  const mayCall = useMayCall();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [read, reading] = useReadMeterMutation();
  const [last, setLast] = useState<MeterReadingView | null>(null);
  const [relayCommand, setRelayCommand] = useState<RelayCommand | 'setTariff' | null>(null);
  if (meter.kind === 'card')
    return (
      <Card size="small" title={<code>{meter.meterNo}</code>}>
        <Alert type="info" showIcon title={t('meters.cardMeter')} />
      </Card>
    );
  const doRead = async () => {
    const result = await read({ meterId: meter.id });
    if ('data' in result && result.data) setLast(result.data);
  };
  return (
    <Card
      size="small"
      title={
        <span>
          <code>{meter.meterNo}</code> · {meter.model}
        </span>
      }
      extra={
        <Button type="primary" loading={reading.isLoading} onClick={() => void doRead()}>
          {t('meters.read')}
        </Button>
      }
    >
      {reading.error && <Alert type="error" showIcon title={errorText(reading.error)} />}
      {last && <ReadingFacts reading={last} />}
      {mayCall('meters.relay') && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button danger onClick={() => setRelayCommand('trip')}>
            {t('meters.relay.trip')}
          </Button>
          <Button onClick={() => setRelayCommand('allowClose')}>
            {t('meters.relay.allowClose')}
          </Button>
          <Button onClick={() => setRelayCommand('keepPower')}>
            {t('meters.relay.keepPower')}
          </Button>
          <Button onClick={() => setRelayCommand('setTariff')}>
            {t('meters.relay.setTariff')}
          </Button>
        </Space>
      )}
      <Commands meterId={meter.id} />
      {relayCommand && (
        <RelayDialog meter={meter} command={relayCommand} onClose={() => setRelayCommand(null)} />
      )}
    </Card>
  );
}
