// Sales delivered on the tenant's IC card: the card on the office's reader is read, checked to be
// this account's live card, written with the purchase, and read back (docs/architecture.md's journal
// does the pending → committed part around it). A card that cannot be reached is a TargetError
// the journal understands; a card that is the wrong one is a refusal the cashier reads.
import { refusalOf, writeCard, type CardReading } from '../../card/cardService';
import type { DeviceJournal } from '../journal/deviceJournalStore';
import type { CardConnection } from '../../card/reader/types';
import { decodeCard } from '../../card/layout/cardImage';
import {
  TargetError,
  type PurchaseTarget,
  type PurchaseWrite,
  type SessionWrite,
  type TargetRef,
  type TargetKind,
  type TargetState,
} from '../../shared/delivery';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { AccountRecord, AccountStore } from '../ledger/accountStore';
import type { CardRecord, CardStore } from '../ledger/cardStore';
import type { CustomerStore } from '../ledger/customerStore';
import type { MeterStore } from '../ledger/meterStore';
import type { TariffStore } from '../ledger/tariffStore';
import type { SettingsStore } from '../office/settingsStore';
import type { OfficeReader } from './officeReader';
import { encodeUserCard } from './userCard';
import type { SaleStore } from '../ledger/saleStore';

/** Failures that mean "the card is not there to work with": the journal waits for it. */
const UNREACHABLE: ReadonlySet<ErrorCode> = new Set([
  'CARD_NOT_PRESENT',
  'CARD_NO_READER',
  'CARD_READER_UNAVAILABLE',
  'CARD_REMOVED',
  'CARD_TIMEOUT',
  'CARD_READER_FAILED',
]);

/** A card that is not there to work with is a TargetError the journal waits on; others pass. */
function unreachableAsTargetError(error: unknown): unknown {
  if (error instanceof AppError && UNREACHABLE.has(error.code))
    return new TargetError(
      error.code === 'CARD_REMOVED' ? 'uncertain' : 'unreachable',
      error.message,
    );
  return error;
}

export interface CardTargetDeps {
  journal: Pick<DeviceJournal, 'codeMayBeFactory'>;
  saleStore: Pick<SaleStore, 'committedOnCount'>;
  reader: OfficeReader;
  cards: CardStore;
  accounts: AccountStore;
  customers: CustomerStore;
  meters: MeterStore;
  tariffs: TariffStore;
  settings: SettingsStore;
  clock: () => Date;
}

export interface IdentifiedCard {
  reading: CardReading;
  card: CardRecord;
  account: AccountRecord;
}

export class CardTarget implements PurchaseTarget {
  kindOf(): TargetKind {
    return 'card';
  }

  constructor(private readonly deps: CardTargetDeps) {}

  /**
   * This office's, valid, a user card, live in the ledger, and the account's own. `torn` also
   * accepts a card whose header is whole but a later block or the MAC is not (a write pulled
   * part-way), so that the interrupted write can be done again.
   */
  identify(reading: CardReading, accountNo?: string, torn = false): IdentifiedCard {
    const decoded = reading.card;
    // A MAC left stale by a write pulled after the blocks reads as forged: mendable likewise.
    const mendable =
      torn &&
      (decoded.status === 'corrupt' || decoded.status === 'forged') &&
      decoded.cardNo !== null;
    const refusal = mendable ? null : refusalOf(decoded);
    if (refusal) throw refusal;
    if (decoded.kind !== 'user')
      throw new AppError('CARD_NOT_USER_CARD', { kind: decoded.kind ?? '' });
    const card = this.deps.cards.byCardNo(decoded.cardNo!);
    if (!card) throw new AppError('CARD_UNKNOWN', { cardNo: decoded.cardNo! });
    if (card.status !== 'active' && card.status !== 'issuing')
      throw new AppError('CARD_NOT_LIVE', { cardNo: card.cardNo, status: card.status });
    const account = this.deps.accounts.byId(card.accountId)!;
    if (accountNo !== undefined && account.accountNo !== accountNo)
      throw new AppError('CARD_OTHER_ACCOUNT', {
        cardNo: card.cardNo,
        accountNo: account.accountNo,
      });
    return { reading, card, account };
  }

  /** What the card holds, with the meter's last report when it wrote one. */
  stateOf({ reading, account }: IdentifiedCard): TargetState {
    const purchase = reading.card.blocks.purchase!;
    const back = reading.card.blocks.writeBack;
    const reported = back?.present === true;
    return {
      purchaseCount: purchase.purchaseCount as number,
      cumulativePurchasedFen: purchase.cumulativePurchasedFen as number,
      // A clear write-back means the meter has not seen the card since the office wrote it:
      // what it last loaded is what the ledger last learnt.
      loadedCount: reported ? (back.loadedCount as number) : account.loadedCount,
      remainingFen: reported ? (back.remainingFen as number) : null,
    };
  }

  private async onCard<T>(
    use: (reading: CardReading, connection: CardConnection) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.deps.reader.with(async (connection) =>
        use(await this.deps.reader.read(connection), connection),
      );
    } catch (error) {
      throw unreachableAsTargetError(error);
    }
  }

  read(ref: TargetRef): Promise<TargetState> {
    return this.onCard(async (reading) => this.stateOf(this.identify(reading, ref.accountNo)));
  }

  async write(purchase: PurchaseWrite): Promise<TargetState> {
    return this.onCard(async (reading, connection) =>
      this.writeOn(connection, this.identify(reading, purchase.accountNo, true), purchase),
    );
  }

  /**
   * A sale in one card session: one connection, one read and identification, then at most one
   * write and its read-back on the same connection. A card pulled during the write is an
   * uncertain TargetError, which the journal settles when the card is next read.
   */
  session<T>(ref: TargetRef, use: (state: TargetState, write: SessionWrite) => Promise<T>) {
    return this.onCard(async (reading, connection) => {
      const found = this.identify(reading, ref.accountNo);
      let written = false;
      return use(this.stateOf(found), async (purchase) => {
        // One purchase per session: a second would start from an image the card no longer holds.
        if (written) throw new Error('one write per card session');
        written = true;
        try {
          return await this.writeOn(connection, found, purchase);
        } catch (error) {
          throw unreachableAsTargetError(error);
        }
      });
    });
  }

  /** Writes `purchase` over the card `found` was read from, and reads it back. */
  private async writeOn(
    connection: CardConnection,
    found: IdentifiedCard,
    purchase: PurchaseWrite,
  ): Promise<TargetState> {
    const { reading } = found;
    if (reading.card.status === 'valid') {
      const now = this.stateOf(found);
      // Written already (a retry after an uncertain write): nothing more to do.
      if (
        now.purchaseCount === purchase.purchaseCount &&
        now.cumulativePurchasedFen === purchase.cumulativeAfterFen
      )
        return now;
      if (now.cumulativePurchasedFen !== purchase.cumulativeBeforeFen)
        throw new AppError('CARD_STATE_CHANGED', { cardNo: found.card.cardNo });
    }
    const siteKey = this.deps.reader.siteKey();
    const next = this.image(found, purchase, siteKey);
    let back: Buffer;
    try {
      back = await writeCard(connection, {
        current: reading.image,
        next,
        cardNo: found.card.cardNo,
        siteKey,
        mayHoldFactoryCode: this.deps.journal.codeMayBeFactory(found.card.cardNo),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CARD_REMOVED')
        throw new TargetError('uncertain', error.message);
      throw error;
    }
    const card = decodeCard(back, siteKey);
    return this.stateOf({ ...found, reading: { ...reading, image: back, card } });
  }

  /**
   * The money of purchase `count` the meter is to load: what the books hold committed on that
   * count plus this write's amount (negative for a reversal); nothing when the write takes the card
   * back to a count the meter has already loaded.
   */
  private lastPurchaseFen(account: AccountRecord, p: PurchaseWrite): number {
    if (p.purchaseCount < account.purchaseCount) return 0;
    return this.deps.saleStore.committedOnCount(account.id, p.purchaseCount) + p.amountFen;
  }

  /** The card after the purchase (or reversal) `p`. */
  private image({ card, account }: IdentifiedCard, p: PurchaseWrite, siteKey: Buffer): Buffer {
    return encodeUserCard(
      this.deps,
      account,
      card,
      {
        purchaseCount: p.purchaseCount,
        lastPurchaseFen: this.lastPurchaseFen(account, p),
        cumulativePurchasedFen: p.cumulativeAfterFen,
      },
      siteKey,
      this.deps.clock(),
      p.tariff,
    );
  }
}
