// What a meter said when last read: when, energy, money left, purchases and their total, price,
// voltage, current, power, relay, and what it could not answer.
import { Alert, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type MeterReadingView } from '../../../../shared/api/meterLink';
import { formatMoney } from '../../../../shared/units';
import { formatOfficeTime } from '../../components/officeClock';

export function ReadingFacts({ reading }: { reading: MeterReadingView }) {
  const { t, i18n } = useTranslation();
  // "readVoltage: no-such-data" in the office's words: what was asked, and why it did not come.
  const problemText = (problem: string) => {
    const [operation = '', reasons = ''] = problem.split(': ');
    const asked = t(`meters.operations.${operation}`, { defaultValue: operation });
    const why = reasons
      .split(',')
      .map((r) => t(`meters.refusals.${r.trim()}`, { defaultValue: r.trim() }))
      .join(t('meters.listSep'));
    return why ? t('meters.problem', { asked, why }) : asked;
  };
  const value = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'at',
            label: t('meters.readAt'),
            children: formatOfficeTime(reading.at, i18n.language),
          },
          { key: 'energy', label: t('meters.energy'), children: value(reading.energyKwh, ' kWh') },
          {
            key: 'remaining',
            label: t('meters.remaining'),
            children: reading.remainingFen === null ? '—' : formatMoney(reading.remainingFen),
          },
          {
            key: 'count',
            label: t('meters.purchaseCount'),
            children: value(reading.purchaseCount),
          },
          {
            key: 'cumulative',
            label: t('meters.cumulative'),
            children:
              reading.cumulativePurchasedFen === null
                ? '—'
                : formatMoney(reading.cumulativePurchasedFen),
          },
          { key: 'price', label: t('meters.price'), children: value(reading.priceYuan) },
          { key: 'voltage', label: t('meters.voltage'), children: value(reading.voltage, ' V') },
          { key: 'current', label: t('meters.current'), children: value(reading.current, ' A') },
          { key: 'power', label: t('meters.power'), children: value(reading.powerKw, ' kW') },
          {
            key: 'relay',
            label: t('meters.relayState'),
            children:
              reading.relay === null ? (
                '—'
              ) : (
                <Tag color={reading.relay === 'open' ? 'red' : 'green'}>
                  {t(`meters.relayStates.${reading.relay}`)}
                </Tag>
              ),
          },
        ]}
      />
      {reading.settled && reading.settled !== 'pending' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          title={t(`meters.settled.${reading.settled}`)}
        />
      )}
      {reading.problems.length > 0 && (
        <div className="pt-hint">
          {t('meters.problems', {
            list: reading.problems.map(problemText).join(t('meters.listSep')),
          })}
        </div>
      )}
    </>
  );
}
