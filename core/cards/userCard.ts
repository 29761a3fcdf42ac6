// A tenant's card image from the ledger: who, which meter, the purchase the meter is to load, the
// limits and the tariff in force. Every write carries the tariff in force, so a price change
// reaches the meter with the next purchase; and clears the write-back, which tells the meter the
// office has taken its last report (the count rule loads purchase N only onto a clear write-back).
import { encodeCard, type CardFields } from '../../card/layout/cardImage';
import { AppError } from '../../shared/errors';
import type { TariffDefinition } from '../../shared/tariff';
import type { AccountRecord } from '../ledger/accountStore';
import type { CustomerStore } from '../ledger/customerStore';
import type { MeterStore } from '../ledger/meterStore';
import type { TariffStore } from '../ledger/tariffStore';
import type { SettingsStore } from '../office/settingsStore';

/** Alarm levels and overdraft the meter applies until parameter cards set others. */
export const CARD_LIMITS = { alarm1Fen: 2_000, alarm2Fen: 1_000, overdraftFen: 0 } as const;

export interface UserCardContent {
  cardNo: string;
  generation: number;
  meterNo: string;
  customerNo: string;
  purchaseCount: number;
  /** Money of purchase `purchaseCount` that the meter is to load (0 when it has nothing to load). */
  lastPurchaseFen: number;
  cumulativePurchasedFen: number;
  hoardingFen: number;
  tariff: TariffDefinition;
}

export function userCardFields(c: UserCardContent): CardFields {
  return {
    cardNo: c.cardNo,
    generation: c.generation,
    tariff: c.tariff,
    blocks: {
      purchase: {
        meterNo: c.meterNo,
        // The card has room for 10 characters; the ledger identifies the card by its number.
        customerNo: c.customerNo.slice(0, 10),
        purchaseCount: c.purchaseCount,
        lastPurchaseFen: c.lastPurchaseFen,
        cumulativePurchasedFen: c.cumulativePurchasedFen,
        ...CARD_LIMITS,
        hoardingFen: c.hoardingFen,
      },
    },
  };
}

export interface UserCardBooks {
  customers: CustomerStore;
  meters: MeterStore;
  tariffs: TariffStore;
  settings: SettingsStore;
}

/** The purchase part of a card write: which count, the money to load, the cumulative after. */
export type UserCardPurchase = Pick<
  UserCardContent,
  'purchaseCount' | 'lastPurchaseFen' | 'cumulativePurchasedFen'
>;

/**
 * The account's card image for `purchase`, with its meter, customer, limits and tariff: the one
 * the sale resolved at its instant when given, else the one in force `now`.
 */
export function encodeUserCard(
  books: UserCardBooks,
  account: AccountRecord,
  card: { cardNo: string; generation: number },
  purchase: UserCardPurchase,
  siteKey: Buffer,
  now: Date,
  resolved?: TariffDefinition,
): Buffer {
  const definition = resolved ?? books.tariffs.versionAt(account.tariffId, now)?.definition;
  if (!definition) throw new AppError('TARIFF_NOT_IN_FORCE', { name: '' });
  return encodeCard(
    'user',
    userCardFields({
      cardNo: card.cardNo,
      generation: card.generation,
      meterNo: books.meters.byId(account.meterId)!.meterNo,
      customerNo: books.customers.byId(account.customerId)!.customerNo,
      ...purchase,
      hoardingFen: books.settings.read().hoardingLimitFen,
      tariff: definition,
    }),
    siteKey,
  );
}
