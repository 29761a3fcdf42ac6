// Card work at the till: reading whatever card is on the reader (and taking a meter's write-back
// into the ledger), and issuing a tenant's card (开户发卡). Issuing follows the journal pattern on
// the card's own row: 'issuing' before the card is touched, 'active' once it reads back as
// written; a card pulled in between stays 'issuing' and is settled when it is next read.
import { writeCard } from '../../card/cardService';
import { encodeCard } from '../../card/layout/cardImage';
import type { CardReadView, CardView } from '../../shared/api/cards';
import { AppError } from '../../shared/errors';
import type { Write } from '../ledger/sales';
import type { AccountStore } from '../ledger/accounts';
import type { CardRecord, CardStore } from '../ledger/cards';
import type { CustomerStore } from '../ledger/customers';
import type { MeterStore } from '../ledger/meters';
import type { SaleService } from '../ledger/sales';
import type { TariffStore } from '../ledger/tariffs';
import type { SettingsStore } from '../office/settings';
import type { CardTarget } from './cardTarget';
import type { OfficeReader } from './officeReader';
import { userCardFields } from './userCard';
import { committedOnCount } from './purchases';
import type { Db } from '../db/open';

export interface CardDeskDeps {
  db: Db;
  reader: OfficeReader;
  target: CardTarget;
  cards: CardStore;
  accounts: AccountStore;
  customers: CustomerStore;
  meters: MeterStore;
  tariffs: TariffStore;
  settings: SettingsStore;
  sales: SaleService;
}

export function cardView(card: CardRecord): CardView {
  return {
    cardNo: card.cardNo,
    accountId: card.accountId,
    generation: card.generation,
    status: card.status,
    createdAt: card.createdAt,
    statusAt: card.statusAt,
    lastSeenAt: card.lastSeenAt,
    flaggedCount: card.flaggedCount,
  };
}

export class CardDesk {
  constructor(private readonly deps: CardDeskDeps) {}

  /**
   * Reads the card on the reader and says everything about it. For a card of this office it also
   * settles what was left pending on it (an issue, a sale), records that it was seen (flagging a
   * lost or replaced card), and takes the meter's write-back into the account.
   */
  async read(now: Date, write: Write): Promise<CardReadView> {
    const { reader, cards, accounts, customers, meters } = this.deps;
    const readNow = () => reader.with((connection) => reader.read(connection));
    let reading = await readNow();
    // A card of this office torn by a write pulled part-way: the pending purchase is written
    // again, which mends it, and the card is read once more.
    if (reading.card.status === 'corrupt' && reading.card.cardNo) {
      const torn = cards.byCardNo(reading.card.cardNo);
      if (torn && (torn.status === 'active' || torn.status === 'issuing')) {
        const outcome = await this.deps.sales.redeliver(torn.accountId, now, write);
        if (outcome) reading = await readNow();
      }
    }
    const at = now.toISOString();
    const view: CardReadView = {
      reader: reading.reader,
      atr: reading.atr,
      media: reading.media,
      status: reading.card.status,
      kind: reading.card.kind,
      cardNo: reading.card.cardNo,
      generation: reading.card.generation,
      mac: reading.card.mac,
      blocks: reading.card.blocks,
      records: reading.card.records,
      problems: reading.card.problems,
      hex: reading.image.toString('hex'),
      ledger: null,
      observed: false,
    };
    const row =
      reading.card.status === 'valid' && reading.card.kind === 'user'
        ? cards.byCardNo(reading.card.cardNo!)
        : undefined;
    if (!row) return view;

    const live = row.status === 'active' || row.status === 'issuing';
    const back = reading.card.blocks.writeBack;
    const account = accounts.byId(row.accountId)!;
    const meter = meters.byId(account.meterId)!;
    const observe = live && back?.present === true && back.meterNo === meter.meterNo;
    write(
      () => {
        if (row.status === 'issuing') cards.setStatus(row.id, 'active', at);
        cards.seen(row.id, at, !live);
        if (observe)
          accounts.observe(account.id, back.loadedCount as number, back.remainingFen as number, at);
      },
      () => ({
        cardNo: row.cardNo,
        cardStatus: row.status,
        flagged: !live,
        ...(observe && { writeBack: back }),
      }),
    );
    view.observed = observe;
    // A sale left pending on this account is settled now that its card is here.
    if (live) await this.deps.sales.settleAccount(account.id, now, write);
    const customer = customers.byId(account.customerId)!;
    view.ledger = {
      card: cardView(cards.byId(row.id)!),
      accountId: account.id,
      accountNo: account.accountNo,
      customerNo: customer.customerNo,
      customerName: customer.name,
      meterNo: meter.meterNo,
    };
    return view;
  }

  /** 挂失: the account's card is reported lost; it is refused (and flagged) if presented again. */
  reportLost(accountId: number, now: Date, write: Write): CardView {
    const { cards, accounts } = this.deps;
    if (!accounts.byId(accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
    const live = cards.liveFor(accountId);
    if (!live || live.status !== 'active') throw new AppError('CARD_NONE_ACTIVE');
    write(
      () => cards.setStatus(live.id, 'lost', now.toISOString()),
      () => ({ cardNo: live.cardNo, before: 'active', after: 'lost' }),
    );
    return cardView(cards.byId(live.id)!);
  }

  /**
   * 开户发卡 / 补卡: the blank card on the reader becomes the account's card. A reissue carries the
   * purchase count and, when the meter has not loaded the last purchase, that purchase, so it is
   * neither lost nor loaded twice (the meter's count rule refuses it from the other card); the
   * card it replaces (lost, or damaged and still active) is dead from then on.
   */
  async issue(
    accountId: number,
    operatorId: number,
    now: Date,
    write: Write,
    reissue = false,
  ): Promise<CardView> {
    const { reader, cards, accounts, customers, meters, tariffs, settings } = this.deps;
    const account = accounts.byId(accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    if (account.state !== 'active') throw new AppError('ACCOUNT_NOT_ACTIVE');
    const meter = meters.byId(account.meterId)!;
    if (meter.kind !== 'card')
      throw new AppError('METER_NOT_CARD_METER', { meterNo: meter.meterNo });
    const tariff = tariffs.versionAt(account.tariffId, now);
    if (!tariff) throw new AppError('TARIFF_NOT_IN_FORCE', { name: '' });
    const at = now.toISOString();

    return reader.with(async (connection) => {
      const reading = await reader.read(connection);
      const existing = cards.liveFor(account.id);
      // A card issued but not confirmed (pulled, crash): settled by what the reader shows now.
      if (existing?.status === 'issuing') {
        if (reading.card.status === 'valid' && reading.card.cardNo === existing.cardNo) {
          write(
            () => cards.setStatus(existing.id, 'active', at),
            () => ({ cardNo: existing.cardNo, phase: 'committed', settled: true }),
          );
          return cardView(cards.byId(existing.id)!);
        }
        write(
          () => cards.setStatus(existing.id, 'void', at),
          () => ({ cardNo: existing.cardNo, phase: 'voided' }),
        );
      } else if (existing && !reissue) {
        throw new AppError('CARD_ALREADY_ISSUED', { cardNo: existing.cardNo });
      }
      const history = cards.forAccount(account.id);
      if (reissue && history.length === 0) throw new AppError('CARD_NONE_TO_REISSUE');
      if (!reissue && history.some((c) => c.status === 'lost' || c.status === 'replaced'))
        throw new AppError('CARD_USE_REISSUE');
      const replaced = reissue ? cards.liveFor(account.id) : undefined;
      const generation = reissue ? Math.max(...history.map((c) => c.generation)) + 1 : 0;
      if (generation > 255) throw new AppError('CARD_REISSUE_LIMIT');
      if (reading.card.status !== 'blank') {
        if (reading.card.status === 'valid')
          throw new AppError('CARD_IN_USE', { cardNo: reading.card.cardNo ?? '' });
        throw new AppError('CARD_NOT_BLANK', { status: reading.card.status });
      }

      const card = write(
        () => {
          if (replaced) cards.setStatus(replaced.id, 'replaced', at);
          return cards.begin(
            { cardNo: cards.nextCardNo(), accountId: account.id, generation, operatorId },
            at,
          );
        },
        (c) => ({
          cardNo: c.cardNo,
          accountId: account.id,
          generation,
          phase: 'pending',
          ...(reissue && { reissue: true, replaces: replaced?.cardNo ?? null }),
        }),
      );
      const unloaded = account.purchaseCount > account.loadedCount;
      const siteKey = reader.siteKey();
      const image = encodeCard(
        'user',
        userCardFields({
          cardNo: card.cardNo,
          generation,
          meterNo: meter.meterNo,
          customerNo: customers.byId(account.customerId)!.customerNo,
          purchaseCount: account.purchaseCount,
          // The purchase the meter has not loaded yet travels on the new card; nothing otherwise.
          lastPurchaseFen: unloaded
            ? committedOnCount(this.deps.db, account.id, account.purchaseCount)
            : 0,
          cumulativePurchasedFen: account.totalPurchasedFen,
          hoardingFen: settings.read().hoardingLimitFen,
          tariff: tariff.definition,
        }),
        siteKey,
      );
      try {
        await writeCard(connection, {
          current: reading.image,
          next: image,
          cardNo: card.cardNo,
          siteKey,
          blank: true,
        });
      } catch (error) {
        // Pulled mid-write: the row stays 'issuing' until the card is seen again. Anything that
        // failed before a byte was written (wrong code, locked card) voids the attempt.
        if (!(error instanceof AppError && error.code === 'CARD_REMOVED'))
          write(
            () => cards.setStatus(card.id, 'void', at),
            () => ({ cardNo: card.cardNo, phase: 'voided', reason: (error as Error).message }),
          );
        throw error;
      }
      write(
        () => cards.setStatus(card.id, 'active', at),
        () => ({ cardNo: card.cardNo, phase: 'committed' }),
      );
      return cardView(cards.byId(card.id)!);
    });
  }
}
