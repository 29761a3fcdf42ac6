// A tariff's prices in one line, as the tariff list, the tariff history and its exports show them.
import type { TariffDefinition, TouRate } from './tariff';
import { formatEnergy, formatPrice } from './units';

export const TOU_RATE_NAMES_ZH: Record<TouRate, string> = {
  sharp: '尖',
  peak: '峰',
  flat: '平',
  valley: '谷',
};

/** "0.8500"; "尖 1.2000 / 峰 1.0000 / …"; "≤100.00 0.5600 / ∞ 0.8600" (prices in yuan/kWh). */
export function describeTariffPrices(
  definition: TariffDefinition,
  rateNames: Record<TouRate, string> = TOU_RATE_NAMES_ZH,
): string {
  switch (definition.kind) {
    case 'flat':
      return formatPrice(definition.price);
    case 'tou':
      return (Object.entries(definition.rates) as [TouRate, number | undefined][])
        .filter(([, price]) => price !== undefined)
        .map(([rate, price]) => `${rateNames[rate]} ${formatPrice(price!)}`)
        .join(' / ');
    case 'stepped':
      return definition.steps
        .map((s) => `${s.upTo === null ? '∞' : `≤${formatEnergy(s.upTo)}`} ${formatPrice(s.price)}`)
        .join(' / ');
  }
}
