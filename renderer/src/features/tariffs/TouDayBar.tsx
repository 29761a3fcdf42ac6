// A time-of-use tariff's day at a glance: 00:00 to 24:00 as one bar of 尖峰平谷 segments, each as
// wide as its hours, so a supervisor sees the schedule without opening the tariff.
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TariffDefinition, TouRate } from '../../../../shared/tariff';

const COLORS: Record<TouRate, string> = {
  sharp: '#c0392b',
  peak: '#e67e22',
  flat: '#2e86c1',
  valley: '#27ae60',
};

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function TouDayBar({ definition }: { definition: TariffDefinition }) {
  const { t } = useTranslation();
  if (definition.kind !== 'tou' || definition.segments.length === 0) return null;
  const starts = definition.segments.map((s) => minutes(s.start));
  // Each segment runs to the next one's start; the last wraps round to the first (midnight).
  const pieces = definition.segments.flatMap((segment, i) => {
    const from = starts[i]!;
    const to = i + 1 < starts.length ? starts[i + 1]! : starts[0]! + 24 * 60;
    const end = definition.segments[(i + 1) % definition.segments.length]!.start;
    const label = `${t(`tariffs.rates.${segment.rate}`)} ${segment.start}–${end}`;
    // The wrap past midnight is drawn at both ends of the day.
    return to <= 24 * 60
      ? [{ from, to, rate: segment.rate, label }]
      : [
          { from, to: 24 * 60, rate: segment.rate, label },
          { from: 0, to: to - 24 * 60, rate: segment.rate, label },
        ];
  });
  return (
    <div
      role="img"
      aria-label={pieces.map((p) => p.label).join(' · ')}
      data-testid="tou-day-bar"
      style={{
        position: 'relative',
        height: 14,
        width: 240,
        borderRadius: 3,
        overflow: 'hidden',
        background: '#eee',
      }}
    >
      {pieces.map((piece) => (
        <Tooltip key={`${piece.from}-${piece.rate}`} title={piece.label}>
          <div
            style={{
              position: 'absolute',
              left: `${(piece.from / 1440) * 100}%`,
              width: `${((piece.to - piece.from) / 1440) * 100}%`,
              top: 0,
              bottom: 0,
              background: COLORS[piece.rate],
            }}
          />
        </Tooltip>
      ))}
    </div>
  );
}
