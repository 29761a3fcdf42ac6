// Management cards (管理卡制作): a supervisor's order becomes a card the technician carries to the
// meters (parameter, check, clear, test, meter-change, time-set), and a card brought back is read
// into the books: the meters' results, check-card records into inspection, a clear card's result
// confirming the meter's refunded credit is gone. Made like a tenant's card: a row 'making' before
// the card is touched, 'made' once it reads back as written; a pulled card is settled when read.
import { writeCard, refusalOf, type CardReading } from '../../card/cardService';
import { encodeCard, type CardFields } from '../../card/layout/cardImage';
import type { BlockValues } from '../../card/layout/fields';
import type { ManagementCardView, ManagementOrder } from '../../shared/api/cards';
import { AppError } from '../../shared/errors';
import { officeDateTime } from '../../shared/officeTime';
import type { TariffDefinition } from '../../shared/tariff';
import { meterReportOf, type InspectionStore } from '../inspection/inspectionStore';
import type { AccountStore } from '../ledger/accountStore';
import type { CustomerStore } from '../ledger/customerStore';
import type { MeterStore } from '../ledger/meterStore';
import type { Write } from '../db/unitOfWork';
import type { TariffStore } from '../ledger/tariffStore';
import type { ManagementCardStore } from './managementCardStore';
import type { OfficeReader } from './officeReader';
import { type CardWritePayload, type DeviceJournal } from '../journal/deviceJournalStore';
export interface ManagementDeskDeps {
  journal: DeviceJournal;
  reader: OfficeReader;
  store: ManagementCardStore;
  accounts: AccountStore;
  customers: CustomerStore;
  meters: MeterStore;
  tariffs: TariffStore;
  inspection: InspectionStore;
}

/** What goes on the card for an order: office blocks, tariff, and the ledger links. */
interface Prepared {
  blocks: Record<string, BlockValues>;
  tariff?: TariffDefinition;
  accountId: number | null;
  replacementId: number | null;
}

const OFFICE_BLOCK = {
  parameter: 'parameters',
  clear: 'clear',
  meterChange: 'meterChange',
  timeSet: 'timeSet',
} as const;

export class ManagementDesk {
  constructor(private readonly deps: ManagementDeskDeps) {}

  private prepare(order: ManagementOrder, now: Date): Prepared {
    const { accounts, customers, meters, tariffs } = this.deps;
    const none = { accountId: null, replacementId: null };
    switch (order.kind) {
      case 'check':
      case 'test':
        return { blocks: {}, ...none };
      case 'timeSet':
        return {
          blocks: { timeSet: { setTo: order.setTo ?? officeDateTime(now.toISOString()) } },
          ...none,
        };
      case 'parameter': {
        const meter = order.meterId === null ? null : meters.byId(order.meterId);
        if (order.meterId !== null && !meter) throw new AppError('METER_NOT_FOUND');
        if (meter && meter.kind !== 'card')
          throw new AppError('METER_NOT_CARD_METER', { meterNo: meter.meterNo });
        if (order.alarm2Fen > order.alarm1Fen) throw new AppError('CARD_ALARMS_ORDER');
        const version = tariffs.versionAt(order.tariffId, now);
        if (!version) throw new AppError('TARIFF_NOT_IN_FORCE', { name: '' });
        return {
          blocks: {
            parameters: {
              targetMeterNo: meter?.meterNo ?? null,
              alarm1Fen: order.alarm1Fen,
              alarm2Fen: order.alarm2Fen,
              overdraftFen: order.overdraftFen,
              hoardingFen: order.hoardingFen,
              parameterSet: version.id & 0xffff,
            },
          },
          tariff: version.definition,
          ...none,
        };
      }
      case 'clear': {
        const account = accounts.byId(order.accountId);
        if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
        // Clearing takes the tenant's credit off the meter: only once it was refunded or closed.
        if (account.state === 'active') throw new AppError('CLEAR_ACCOUNT_ACTIVE');
        const meter = meters.byId(account.meterId)!;
        if (meter.kind !== 'card')
          throw new AppError('METER_NOT_CARD_METER', { meterNo: meter.meterNo });
        return {
          blocks: {
            clear: {
              targetMeterNo: meter.meterNo,
              purchaseCount: account.loadedCount,
              operation: `account ${account.accountNo}`.slice(0, 16),
            },
          },
          accountId: account.id,
          replacementId: null,
        };
      }
      case 'meterChange': {
        const replacement = accounts.replacements({ id: order.replacementId })[0];
        if (!replacement) throw new AppError('REPLACEMENT_NOT_FOUND');
        const account = accounts.byId(replacement.accountId)!;
        const newMeter = meters.byNumber(replacement.newMeterNo, 0);
        if (!newMeter || newMeter.kind !== 'card')
          throw new AppError('METER_NOT_CARD_METER', { meterNo: replacement.newMeterNo });
        return {
          blocks: {
            meterChange: {
              oldMeterNo: replacement.oldMeterNo,
              newMeterNo: replacement.newMeterNo,
              carriedFen: replacement.carriedFen,
              purchaseCount: replacement.purchaseCount,
              cumulativePurchasedFen: account.totalPurchasedFen,
              customerNo: customers.byId(account.customerId)!.customerNo.slice(0, 10),
            },
          },
          accountId: account.id,
          replacementId: replacement.id,
        };
      }
    }
  }

  /** Writes the order onto the card on the reader: a blank card, or one of our management cards. */
  async make(
    order: ManagementOrder,
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<ManagementCardView> {
    const { reader, store } = this.deps;
    const prepared = this.prepare(order, now);
    const at = now.toISOString();
    return reader.with(async (connection) => {
      const reading = await reader.read(connection);
      const decoded = reading.card;
      const blank = decoded.status === 'blank';
      let cardNo: string;
      if (blank) cardNo = store.nextCardNo();
      else if (
        decoded.cardNo !== null &&
        store.known(decoded.cardNo) &&
        (decoded.status === 'valid' || decoded.status === 'corrupt')
      )
        // Our management card (or one torn while being made): made again under its number.
        cardNo = decoded.cardNo;
      else if (decoded.status === 'valid')
        throw new AppError('CARD_IN_USE', { cardNo: decoded.cardNo ?? '' });
      else throw refusalOf(decoded) ?? new AppError('CARD_NOT_BLANK', { status: decoded.status });

      const fields: CardFields = {
        cardNo,
        generation: 0,
        blocks: prepared.blocks,
        ...(prepared.tariff && { tariff: prepared.tariff }),
      };
      const blockName = OFFICE_BLOCK[order.kind as keyof typeof OFFICE_BLOCK];
      const contents = {
        ...(blockName && prepared.blocks[blockName]),
        ...(prepared.tariff && { tariff: prepared.tariff }),
      };
      const unconfirmed = this.deps.journal.pendingOnCard(cardNo, ['managementCard']) !== undefined;
      const made = write(
        () => {
          // Made again before the last making was seen: that one is superseded, and its write
          // with it.
          const earlier = this.deps.journal.pendingOnCard(cardNo, ['managementCard']);
          if (earlier)
            this.deps.journal.resolve(earlier.id, 'voided', { cardStatus: 'superseded' }, at);
          const begun = store.begin(
            {
              cardNo,
              kind: order.kind,
              contents,
              accountId: prepared.accountId,
              replacementId: prepared.replacementId,
              operatorId,
            },
            at,
          );
          this.deps.journal.begin<CardWritePayload>(
            {
              kind: 'managementCard',
              target: 'card',
              meterId: null,
              accountId: prepared.accountId,
              payload: { cardNo, cardId: null, cardKind: order.kind },
              operatorId,
            },
            at,
          );
          return begun;
        },
        (m) => ({ cardNo, kind: order.kind, contents, phase: 'pending', managementCardId: m.id }),
      );
      const siteKey = reader.siteKey();
      const image = encodeCard(order.kind, fields, siteKey);
      try {
        await writeCard(connection, {
          current: reading.image,
          next: image,
          cardNo,
          siteKey,
          blank,
          // Made again over a making never confirmed, or one settled after a cut-off: the code
          // change may not have happened.
          mayHoldFactoryCode: !blank && (unconfirmed || this.deps.journal.codeMayBeFactory(cardNo)),
        });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CARD_REMOVED'))
          write(
            () => this.settleMaking(made.id, cardNo, 'void', at),
            () => ({ cardNo, phase: 'voided', reason: (error as Error).message }),
          );
        throw error;
      }
      write(
        () => this.settleMaking(made.id, cardNo, 'made', at),
        () => ({ cardNo, phase: 'committed' }),
      );
      return store.byId(made.id)!;
    });
  }

  /**
   * A management card of this office was read: its making is settled, and what meters wrote on it
   * is taken into the books. Returns the card as the books now know it, or null when it is not one
   * of ours.
   */
  takeIn(reading: CardReading, now: Date, write: Write): ManagementCardView | null {
    const { store } = this.deps;
    const card = reading.card;
    if (card.status !== 'valid' || !card.kind || card.kind === 'user' || !card.cardNo) return null;
    const current = store.current(card.cardNo);
    if (!current || current.kind !== card.kind) return null;
    const at = now.toISOString();
    const results = card.kind === 'check' ? card.records : meterResult(card.blocks.result);
    write(
      () => {
        // Settled by this read: the writer was cut off, perhaps before the card's code change.
        if (current.status === 'making')
          this.settleMaking(current.id, current.cardNo, 'made', at, { settledByRead: true });
        store.setResults(current.id, results, at);
        if (card.kind === 'check') this.takeCheckRecords(card.cardNo!, card.records, at);
        if (card.kind === 'clear') this.takeClearResult(current, card.blocks.result!, at);
      },
      () => ({ cardNo: current.cardNo, kind: current.kind, results }),
    );
    return store.byId(current.id)!;
  }

  /** Inside the caller's transaction: a making whose card is gone, voided by a supervisor. */
  abandon(cardNo: string, outcome: Record<string, unknown>, at: string): void {
    const making = this.deps.store.current(cardNo);
    if (making?.status === 'making') this.settleMaking(making.id, cardNo, 'void', at, outcome);
    else this.deps.journal.resolveOnCard(cardNo, ['managementCard'], 'voided', outcome, at);
  }

  /** A making settles: its journal row and the card's row, in one transaction. */
  private settleMaking(
    id: number,
    cardNo: string,
    status: 'made' | 'void',
    at: string,
    outcome: Record<string, unknown> = {},
  ): void {
    this.deps.journal.resolveOnCard(
      cardNo,
      ['managementCard'],
      status === 'made' ? 'committed' : 'voided',
      { cardStatus: status, ...outcome },
      at,
    );
    this.deps.store.setStatus(id, status, at);
  }

  private takeCheckRecords(cardNo: string, records: BlockValues[], at: string): void {
    const { meters, accounts, inspection } = this.deps;
    for (const record of records) {
      const meter = meters.byNumber(record.meterNo as string, 0);
      if (!meter) continue;
      inspection.takeReport(
        {
          meterId: meter.id,
          accountId: accounts.openOnMeter(meter.id)?.id ?? null,
          source: 'check-card',
          cardNo,
          report: meterReportOf(record),
        },
        at,
      );
    }
  }

  /** The meter says it cleared: the refunded credit it held is gone, as the books expected. */
  private takeClearResult(made: ManagementCardView, result: BlockValues, at: string): void {
    // Taken once: the first reading that carries the meter's result.
    if (result.present !== true || made.accountId === null || made.results.length > 0) return;
    const account = this.deps.accounts.byId(made.accountId)!;
    if (account.state !== 'active') this.deps.accounts.clearMeterCredit(account.id, at);
  }
}

function meterResult(result: BlockValues | undefined): BlockValues[] {
  return result?.present === true ? [result] : [];
}
