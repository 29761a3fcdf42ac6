// What a management card does and what the meters reported on it, in the language on screen.
import { useTranslation } from 'react-i18next';
import type { ManagementCardView, ManagementKind } from '../../../../shared/api/cards';
import { formatMoney } from '../../../../shared/units';

/** What is on the card, in a line: the limits, the time to set, the credit to carry. */
export function useDescribeContents() {
  const { t } = useTranslation();
  return (card: Pick<ManagementCardView, 'kind' | 'contents'>): string => {
    const c = card.contents as Record<string, string | number | null>;
    const yuan = (key: string) => formatMoney(Number(c[key] ?? 0));
    switch (card.kind) {
      case 'parameter':
        return t('management.contents.parameter', {
          meter: c.targetMeterNo ?? t('management.allMeters'),
          alarm1: yuan('alarm1Fen'),
          alarm2: yuan('alarm2Fen'),
          hoarding: Number(c.hoardingFen) ? yuan('hoardingFen') : t('management.noLimit'),
        });
      case 'clear':
        return t('management.contents.clear', {
          meter: c.targetMeterNo,
          count: c.purchaseCount,
        });
      case 'meterChange':
        return t('management.contents.meterChange', {
          from: c.oldMeterNo,
          to: c.newMeterNo,
          amount: yuan('carriedFen'),
          count: c.purchaseCount,
        });
      case 'timeSet':
        return t('management.contents.timeSet', { time: c.setTo });
      default:
        return '';
    }
  };
}

/** What the meters wrote on it: one line per meter. */
export function useDescribeResults() {
  const { t } = useTranslation();
  return (card: Pick<ManagementCardView, 'kind' | 'results'>): string[] =>
    card.results.map((r) => {
      const at = `${String(r.meterNo)} · ${String(r.writtenAt ?? '')}`;
      switch (card.kind as ManagementKind) {
        case 'parameter':
          return t('management.results.parameter', { at, count: r.appliedCount });
        case 'clear':
          return t('management.results.clear', { at, amount: formatMoney(Number(r.clearedFen)) });
        case 'meterChange':
          return t('management.results.meterChange', {
            at,
            amount: formatMoney(Number(r.loadedFen)),
          });
        case 'timeSet':
          return t('management.results.timeSet', { at, previous: r.previousTime });
        case 'check':
          return t('management.results.check', {
            at,
            remaining: formatMoney(Number(r.remainingFen)),
            count: r.loadedCount,
          });
        default:
          return at;
      }
    });
}
