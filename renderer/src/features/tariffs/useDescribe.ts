// A tariff's prices in one line, in the language on screen (flat, stepped, time of use).
import { useTranslation } from 'react-i18next';
import { TOU_RATES, type TariffDefinition, type TouRate } from '../../../../shared/tariff';
import { describeTariffPrices } from '../../../../shared/tariffText';

/** A tariff version's prices in one line, as the office reads them. */
export function useDescribe() {
  const { t } = useTranslation();
  const names = Object.fromEntries(TOU_RATES.map((rate) => [rate, t(`tariffs.rates.${rate}`)]));
  return (definition: TariffDefinition): string =>
    describeTariffPrices(definition, names as Record<TouRate, string>);
}
