// Card work at the till: reading whatever card is on the reader (and taking a meter's write-back
// into the ledger), and issuing a tenant's card (开户发卡). Every write to a card is a row of the
// device journal (cardIssue, cardReissue, cardRewrite, cardErase), begun before the card is
// touched. An issue also keeps the card's own row 'issuing' (the card is not live yet) and settles
// both in one transaction once the card reads back as written; a card pulled in between stays
// pending and is settled when it is next read.
import { purchaseUnloaded } from '../../shared/delivery';
import { refusalOf, writeCard, type CardReading } from '../../card/cardService';
import type { CardConnection } from '../../card/reader/types';
import type { BlockValues } from '../../card/layout/fields';
import type { CardReadView, CardView } from '../../shared/api/cards';
import { ABANDONABLE_KINDS, type DeviceOperationKind } from '../../shared/api/journal';
import { AppError } from '../../shared/errors';
import type { Write } from '../db/unitOfWork';
import type { AccountStore } from '../ledger/accountStore';
import type { CardRecord, CardStore } from '../ledger/cardStore';
import type { CardFeeStore } from '../ledger/cardFeeStore';
import { checkTendered } from '../ledger/cash';
import type { CardFeeView, PaymentMethod } from '../../shared/api/ledgerTypes';
import { formatYuan } from '../../shared/units';
import type { CustomerStore } from '../ledger/customerStore';
import { takesCard, type MeterStore } from '../ledger/meterStore';
import type { SaleService } from '../ledger/sales';
import type { TariffStore } from '../ledger/tariffStore';
import type { SettingsStore } from '../office/settingsStore';
import type { CardTarget } from './cardTarget';
import type { OfficeReader } from './officeReader';
import { encodeUserCard } from './userCard';
import type { SaleStore } from '../ledger/saleStore';
import { meterReportOf, type InspectionStore } from '../inspection/inspectionStore';
import type { Finding } from '../inspection/rules';
import type { AccountRecord } from '../ledger/accountStore';
import type { ManagementCardStore } from './managementCardStore';
import type { ManagementDesk } from './managementDesk';
import {
  CARD_ISSUE_KINDS,
  type CardWritePayload,
  type DeviceJournal,
  type DeviceOperation,
} from '../journal/deviceJournalStore';

export interface CardDeskDeps {
  saleStore: Pick<SaleStore, 'committedOnCount'>;
  journal: DeviceJournal;
  reader: OfficeReader;
  target: CardTarget;
  cards: CardStore;
  cardFees: CardFeeStore;
  accounts: AccountStore;
  customers: CustomerStore;
  meters: MeterStore;
  tariffs: TariffStore;
  settings: SettingsStore;
  sales: SaleService;
  management: ManagementDesk;
  managementCards: ManagementCardStore;
  inspection: InspectionStore;
}

/** The 工本费 the cashier charged for a card, as sent with the issue. */
export interface ChargedFee {
  amountFen: number;
  paymentMethod: PaymentMethod;
  tenderedFen?: number | undefined;
}

export function cardView(card: CardRecord, fee: CardFeeView | null = null): CardView {
  return {
    cardNo: card.cardNo,
    accountId: card.accountId,
    generation: card.generation,
    status: card.status,
    createdAt: card.createdAt,
    statusAt: card.statusAt,
    lastSeenAt: card.lastSeenAt,
    flaggedCount: card.flaggedCount,
    fee,
  };
}

export class CardDesk {
  constructor(private readonly deps: CardDeskDeps) {}

  /**
   * Reads the card on the reader and says everything about it. For a card of this office it also
   * settles what was left pending on it (an issue, a sale, a management card being made), records
   * that it was seen (flagging a lost or replaced card), takes the meter's write-back into the
   * account and through the inspection rules, and takes in what meters wrote on a management card.
   */
  async read(operatorId: number, now: Date, write: Write): Promise<CardReadView> {
    const { reader, cards, accounts, customers, meters } = this.deps;
    const readNow = () => reader.with((connection) => reader.read(connection));
    let reading = await readNow();
    // A card of this office torn by a write pulled part-way: the pending purchase is written
    // again, or, with nothing pending, the card is written again from the books; then re-read.
    // A write pulled between the blocks and the MAC leaves every CRC whole and the MAC stale, so
    // with a purchase pending a MAC mismatch is taken as torn too; with nothing pending it stays
    // what it looks like, a forged card, for the supervisor to see (and rewrite if they choose).
    const status = reading.card.status;
    if ((status === 'corrupt' || status === 'forged') && reading.card.cardNo) {
      const torn = cards.byCardNo(reading.card.cardNo);
      if (torn && (torn.status === 'active' || torn.status === 'issuing')) {
        const outcome = await this.deps.sales.redeliver(torn.accountId, now, write);
        if (outcome) reading = await readNow();
        else if (status === 'corrupt' && torn.status === 'active') {
          await this.rewrite(torn.accountId, operatorId, now, write, true);
          reading = await readNow();
        }
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
      management: this.deps.management.takeIn(reading, now, write),
      findings: [],
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
    const findings = write(
      () => {
        // Settled by this read: the writer was cut off, perhaps before the card's code change.
        if (row.status === 'issuing')
          this.settleIssue(row.id, 'active', at, { settledByRead: true });
        cards.seen(row.id, at, !live);
        if (!observe) return [];
        accounts.observe(account.id, back.loadedCount as number, back.remainingFen as number, at);
        return this.inspectWriteBack(row.cardNo, account, meter.id, back, at);
      },
      (found) => ({
        cardNo: row.cardNo,
        cardStatus: row.status,
        flagged: !live,
        ...(observe && { writeBack: back }),
        ...(found.length > 0 && { findings: found.map((f) => f.rule) }),
      }),
    );
    view.observed = observe;
    view.findings = findings.map((f) => ({ rule: f.rule, severity: f.severity }));
    // A sale left pending on this account is settled now that its card is here.
    if (live) await this.deps.sales.settleAccount(account.id, now, write);
    const customer = customers.byId(account.customerId)!;
    view.ledger = {
      card: this.view(row.id),
      accountId: account.id,
      accountNo: account.accountNo,
      customerId: customer.id,
      customerNo: customer.customerNo,
      customerName: customer.name,
      meterNo: meter.meterNo,
    };
    return view;
  }

  /** The write-back as a meter report for the inspection rules (inside the read's transaction). */
  private inspectWriteBack(
    cardNo: string,
    account: AccountRecord,
    meterId: number,
    back: BlockValues,
    at: string,
  ): Pick<Finding, 'rule' | 'severity'>[] {
    const report = meterReportOf(back);
    const taken = this.deps.inspection.takeReport(
      { meterId, accountId: account.id, source: 'write-back', cardNo, report },
      at,
    );
    // Read before: what it raised is shown again until a supervisor has acknowledged it.
    return taken ? taken.findings : this.deps.inspection.openFindingsOf(meterId, report);
  }

  /**
   * The account's card as the books say it should be: the purchase count sold, the purchase the
   * meter has not loaded (if any), the account's meter, the tariff in force, write-back cleared.
   */
  private imageFromBooks(
    account: AccountRecord,
    card: { cardNo: string; generation: number },
    siteKey: Buffer,
    now: Date,
  ): Buffer {
    const unloaded = purchaseUnloaded(account.purchaseCount, account.loadedCount);
    return encodeUserCard(
      this.deps,
      account,
      card,
      {
        purchaseCount: account.purchaseCount,
        // The purchase the meter has not loaded yet travels on the card; nothing otherwise.
        lastPurchaseFen: unloaded
          ? this.deps.saleStore.committedOnCount(account.id, account.purchaseCount)
          : 0,
        cumulativePurchasedFen: account.totalPurchasedFen,
      },
      siteKey,
      now,
    );
  }

  /**
   * Writes the account's live card again from the books: after a meter replacement (the card
   * must name the new meter), or to mend a card torn with nothing pending. No money moves, so
   * there is no journal entry; a write pulled part-way is mended the same way when next read.
   */
  async rewrite(
    accountId: number,
    operatorId: number,
    now: Date,
    write: Write,
    torn = false,
  ): Promise<CardView> {
    const { reader, cards, accounts } = this.deps;
    const account = accounts.byId(accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    const live = cards.liveFor(account.id);
    if (!live || live.status !== 'active') throw new AppError('CARD_NONE_ACTIVE');
    const pending = this.deps.sales.pendingPurchase(account.id);
    if (pending) throw new AppError('CARD_PENDING_SALE', { count: account.purchaseCount + 1 });
    return reader.with(async (connection) => {
      const reading = await reader.read(connection);
      const onReader = reading.card.cardNo;
      // Asked for by a person (or mending a torn card): the books' image goes over a damaged or
      // altered card of this account; the card is still named by its header.
      const mendable = ['corrupt', 'forged'].includes(reading.card.status);
      if (!mendable) {
        const refusal = refusalOf(reading.card);
        if (refusal) throw refusal;
      }
      if (onReader !== live.cardNo)
        throw new AppError('CARD_OTHER_ACCOUNT', {
          cardNo: onReader ?? '',
          accountNo: account.accountNo,
        });
      const image = this.imageFromBooks(account, live, reader.siteKey(), now);
      const operation = this.beginWrite(
        'cardRewrite',
        { cardNo: live.cardNo, cardId: live.id, torn },
        account,
        operatorId,
        now,
        write,
      );
      await this.journaledWrite(operation, now, write, () =>
        this.writeImage(connection, reading, live, image),
      );
      write(
        () => {
          cards.seen(live.id, now.toISOString(), false);
          this.deps.journal.resolve(
            operation.id,
            'committed',
            { readBack: true },
            now.toISOString(),
          );
        },
        () => ({
          cardNo: live.cardNo,
          accountNo: account.accountNo,
          rewritten: true,
          torn,
          cardWas: reading.card.status,
        }),
      );
      return this.view(live.id);
    });
  }

  private async writeImage(
    connection: CardConnection,
    reading: CardReading,
    card: { cardNo: string },
    next: Buffer,
    options: { toFactoryPsc?: boolean } = {},
  ): Promise<void> {
    await writeCard(connection, {
      current: reading.image,
      next,
      cardNo: card.cardNo,
      siteKey: this.deps.reader.siteKey(),
      // An erase may follow one cut off after the code went back to the factory's.
      mayHoldFactoryCode:
        options.toFactoryPsc === true || this.deps.journal.codeMayBeFactory(card.cardNo),
      ...options,
    });
  }

  /**
   * Wipes the card on the reader back to blank (factory code, nothing written), so the plastic
   * can be issued again: a tenant's card no longer in use, or a management card.
   */
  async erase(
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<{ cardNo: string; kind: string }> {
    const { reader, cards, accounts } = this.deps;
    return reader.with(async (connection) => {
      const reading = await reader.read(connection);
      const card = reading.card;
      if (card.status === 'blank') throw new AppError('CARD_BLANK');
      const ours = card.status === 'valid' || (card.status === 'corrupt' && card.cardNo !== null);
      if (!ours) throw refusalOf(card) ?? new AppError('CARD_BLANK');
      const cardNo = card.cardNo!;
      const kind = card.kind ?? 'unknown';
      const tenant = kind === 'user' ? cards.byCardNo(cardNo) : undefined;
      if (tenant && (tenant.status === 'active' || tenant.status === 'issuing'))
        throw new AppError('CARD_ERASE_LIVE', {
          accountNo: accounts.byId(tenant.accountId)!.accountNo,
        });
      const management = kind !== 'user' ? this.deps.managementCards.current(cardNo) : undefined;
      const empty = Buffer.from(reading.image);
      empty.fill(0, 32);
      const operation = this.beginWrite(
        'cardErase',
        { cardNo, cardId: tenant?.id ?? null, cardKind: kind },
        tenant ? accounts.byId(tenant.accountId)! : null,
        operatorId,
        now,
        write,
      );
      await this.journaledWrite(operation, now, write, () =>
        this.writeImage(connection, reading, { cardNo }, empty, { toFactoryPsc: true }),
      );
      const at = now.toISOString();
      write(
        () => {
          if (management) this.deps.managementCards.setStatus(management.id, 'erased', at);
          this.deps.journal.resolve(operation.id, 'committed', { readBack: true }, at);
        },
        () => ({ cardNo, kind, erased: true, ledgerStatus: tenant?.status ?? null }),
      );
      return { cardNo, kind };
    });
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
    return this.view(live.id);
  }

  /**
   * 作废 from 待确认: a card issue or a management card left pending whose plastic is gone (lost,
   * or never written), voided by a supervisor with the reason. The card row goes void with its
   * fee; should the plastic turn up, it reads as a void card and is refused for sales.
   */
  abandon(
    operationId: number,
    reason: string,
    now: Date,
    write: Write,
  ): { id: number; kind: DeviceOperationKind; cardNo: string } {
    const operation = this.deps.journal.byId<CardWritePayload>(operationId);
    if (!operation || operation.state !== 'pending') throw new AppError('OPERATION_NOT_PENDING');
    const kind = operation.kind;
    if (!(ABANDONABLE_KINDS as readonly string[]).includes(kind))
      throw new AppError('OPERATION_NOT_ABANDONABLE');
    const { cardNo, cardId } = operation.payload;
    const at = now.toISOString();
    const outcome = { abandoned: true, reason };
    write(
      () => {
        if (kind === 'managementCard') this.deps.management.abandon(cardNo, outcome, at);
        else this.settleIssue(cardId!, 'void', at, outcome);
      },
      () => ({ operation: operationId, kind, cardNo, phase: 'voided', reason }),
    );
    return { id: operationId, kind, cardNo };
  }

  /** The card as the ledger has it, with the fee taken for it. */
  view(cardId: number): CardView {
    return cardView(this.deps.cards.byId(cardId)!, this.deps.cardFees.forCard(cardId) ?? null);
  }

  /**
   * An issue settles: its journal row, the card's row and its fee (committed or voided) in one
   * transaction.
   */
  private settleIssue(
    cardId: number,
    status: 'active' | 'void',
    at: string,
    outcome: Record<string, unknown> = {},
  ): void {
    this.deps.journal.resolveOnCard(
      this.deps.cards.byId(cardId)!.cardNo,
      CARD_ISSUE_KINDS,
      status === 'active' ? 'committed' : 'voided',
      { cardStatus: status, ...outcome },
      at,
    );
    this.deps.cards.setStatus(cardId, status, at);
    this.deps.cardFees.settle(cardId, status === 'active' ? 'committed' : 'void');
  }

  /** A rewrite or an erase, journaled pending before the card is touched. */
  private beginWrite(
    kind: 'cardRewrite' | 'cardErase',
    payload: CardWritePayload,
    account: AccountRecord | null,
    operatorId: number,
    now: Date,
    write: Write,
  ): DeviceOperation<CardWritePayload> {
    return write(
      () =>
        this.deps.journal.begin(
          {
            kind,
            target: 'card',
            meterId: account?.meterId ?? null,
            accountId: account?.id ?? null,
            payload,
            operatorId,
          },
          now.toISOString(),
        ),
      (operation) => ({ phase: 'pending', kind, cardNo: payload.cardNo, operation: operation.id }),
    );
  }

  /**
   * Runs a rewrite's or an erase's card write; a failure voids its row (no money rides on it: a
   * card pulled part-way reads torn and is mended when next read), then is thrown on.
   */
  private async journaledWrite(
    operation: DeviceOperation<CardWritePayload>,
    now: Date,
    write: Write,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'CARD_WRITE_FAILED';
      write(
        () => this.deps.journal.resolve(operation.id, 'voided', { error: code }, now.toISOString()),
        () => ({ phase: 'voided', cardNo: operation.payload.cardNo, error: code }),
      );
      throw error;
    }
  }

  /** The office's fee for this card, checked against what the cashier charged. */
  private feeFor(reissue: boolean, charged: ChargedFee | undefined): ChargedFee | null {
    const office = this.deps.settings.read();
    const due = reissue ? office.cardReissueFeeFen : office.cardIssueFeeFen;
    if (due === 0) {
      if (charged) throw new AppError('CARD_FEE_NONE');
      return null;
    }
    if (!charged) throw new AppError('CARD_FEE_DUE', { fee: formatYuan(due) });
    if (charged.amountFen !== due)
      throw new AppError('CARD_FEE_CHANGED', {
        fee: formatYuan(due),
        charged: formatYuan(charged.amountFen),
      });
    checkTendered(charged.paymentMethod, charged.tenderedFen, due);
    return charged;
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
    charged?: ChargedFee,
  ): Promise<CardView> {
    const { reader, cards, accounts, meters, tariffs } = this.deps;
    const account = accounts.byId(accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    if (account.state !== 'active') throw new AppError('ACCOUNT_NOT_ACTIVE');
    const meter = meters.byId(account.meterId)!;
    if (!takesCard(meter)) throw new AppError('METER_NOT_CARD_METER', { meterNo: meter.meterNo });
    const tariff = tariffs.versionAt(account.tariffId, now);
    if (!tariff) throw new AppError('TARIFF_NOT_IN_FORCE', { name: '' });
    const fee = this.feeFor(reissue, charged);
    const at = now.toISOString();

    return reader.with(async (connection) => {
      const reading = await reader.read(connection);
      const existing = cards.liveFor(account.id);
      // A card issued but not confirmed (pulled, crash): settled by what the reader shows now.
      if (existing?.status === 'issuing') {
        if (reading.card.status === 'valid' && reading.card.cardNo === existing.cardNo) {
          write(
            () => this.settleIssue(existing.id, 'active', at, { settledByRead: true }),
            () => ({ cardNo: existing.cardNo, phase: 'committed', settled: true }),
          );
          return this.view(existing.id);
        }
        write(
          () => this.settleIssue(existing.id, 'void', at),
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
          const made = cards.begin(
            { cardNo: cards.nextCardNo(), accountId: account.id, generation, operatorId },
            at,
          );
          this.deps.journal.begin<CardWritePayload>(
            {
              kind: reissue ? 'cardReissue' : 'cardIssue',
              target: 'card',
              meterId: account.meterId,
              accountId: account.id,
              payload: {
                cardNo: made.cardNo,
                cardId: made.id,
                generation,
                replaces: replaced?.cardNo ?? null,
              },
              operatorId,
            },
            at,
          );
          const taken = fee
            ? this.deps.cardFees.begin(
                {
                  cardId: made.id,
                  accountId: account.id,
                  kind: reissue ? 'reissue' : 'issue',
                  amountFen: fee.amountFen,
                  paymentMethod: fee.paymentMethod,
                  tenderedFen: fee.tenderedFen ?? null,
                  operatorId,
                },
                at,
              )
            : null;
          return { ...made, fee: taken };
        },
        (c) => ({
          cardNo: c.cardNo,
          accountId: account.id,
          generation,
          phase: 'pending',
          ...(c.fee && {
            feeFen: c.fee.amountFen,
            feeReceiptNo: c.fee.receiptNo,
            paymentMethod: c.fee.paymentMethod,
          }),
          ...(reissue && { reissue: true, replaces: replaced?.cardNo ?? null }),
        }),
      );
      const siteKey = reader.siteKey();
      const image = this.imageFromBooks(account, card, siteKey, now);
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
            () => this.settleIssue(card.id, 'void', at),
            () => ({ cardNo: card.cardNo, phase: 'voided', reason: (error as Error).message }),
          );
        throw error;
      }
      write(
        () => this.settleIssue(card.id, 'active', at),
        () => ({ cardNo: card.cardNo, phase: 'committed' }),
      );
      return this.view(card.id);
    });
  }
}
