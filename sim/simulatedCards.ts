// Simulated tenant cards and card meters, for tests, demo and training. They live in their own
// SQLite file, apart from the ledger, as a real card is apart from it: the ledger can only learn
// what happened by reading them back. The meter side applies the purchase-count rule of
// docs/domain.md and writes its state back onto the card.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  TargetError,
  type PurchaseTarget,
  type PurchaseWrite,
  type TargetKind,
  type TargetRef,
  type TargetState,
} from '../shared/delivery';

/** Faults to inject into the next call, each used once. */
export interface CardFaults {
  /** The card is not on the reader. */
  nextRead?: 'unreachable';
  /**
   * unreachable: nothing written, the reader says so;
   * lost: the card was pulled before the write landed (the caller cannot know);
   * unconfirmed: the write landed but its read-back failed (the card is still there);
   * pulled: the write landed, then the card was taken off the reader before the read-back.
   */
  nextWrite?: 'unreachable' | 'lost' | 'unconfirmed' | 'pulled';
}

export type LoadOutcome = 'loaded' | 'write-back-only' | 'old-card' | 'rejected';

interface CardRow {
  purchase_count: number;
  cumulative_fen: number;
  written_back_count: number;
  written_back_remaining: number | null;
}

interface MeterRow {
  loaded_count: number;
  loaded_cumulative_fen: number;
  remaining_fen: number;
}

export class SimulatedCards implements PurchaseTarget {
  /** Training hooks: cards that exist only as rows (no reader, no vpcd). */
  readonly cards = 'simulated' as const;
  kindOf(): TargetKind {
    return 'simulated';
  }
  readonly faults: CardFaults = {};
  /** Whether the tenant's card lies on the reader; reads and writes fail while it does not. */
  onReader = true;
  private readonly db: Database.Database;

  constructor(file = ':memory:') {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS cards (
        account_no TEXT PRIMARY KEY, meter_no TEXT NOT NULL,
        purchase_count INTEGER NOT NULL, cumulative_fen INTEGER NOT NULL,
        written_back_count INTEGER NOT NULL DEFAULT 0, written_back_remaining INTEGER);
      CREATE TABLE IF NOT EXISTS meters (
        meter_no TEXT PRIMARY KEY, loaded_count INTEGER NOT NULL DEFAULT 0,
        loaded_cumulative_fen INTEGER NOT NULL DEFAULT 0, remaining_fen INTEGER NOT NULL DEFAULT 0);
    `);
  }

  async read(ref: TargetRef): Promise<TargetState> {
    if (this.take('nextRead') || !this.onReader)
      throw new TargetError('unreachable', 'no card on the reader');
    return this.state(ref);
  }

  async write(purchase: PurchaseWrite): Promise<TargetState> {
    const fault = this.take('nextWrite');
    if (fault === 'unreachable' || !this.onReader)
      throw new TargetError('unreachable', 'no card on the reader');
    if (fault === 'lost') throw new TargetError('uncertain', 'card removed during the write');
    this.db
      .prepare(
        `INSERT INTO cards (account_no, meter_no, purchase_count, cumulative_fen) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_no) DO UPDATE SET purchase_count = excluded.purchase_count, cumulative_fen = excluded.cumulative_fen`,
      )
      .run(
        purchase.accountNo,
        purchase.meterNo,
        purchase.purchaseCount,
        purchase.cumulativeAfterFen,
      );
    if (fault === 'pulled') this.onReader = false;
    if (fault === 'unconfirmed' || fault === 'pulled') {
      throw new TargetError('uncertain', 'card removed before the read-back');
    }
    return this.state(purchase);
  }

  /** The tenant inserts the card into the meter: the count rule decides, then the write-back. */
  insertIntoMeter(ref: TargetRef): LoadOutcome {
    return this.db
      .transaction((): LoadOutcome => {
        const card = this.card(ref);
        const meter = this.meter(ref.meterNo);
        let outcome: LoadOutcome;
        if (card.purchase_count < meter.loaded_count) outcome = 'old-card';
        else if (card.purchase_count === meter.loaded_count) outcome = 'write-back-only';
        else if (card.purchase_count === meter.loaded_count + 1) outcome = 'loaded';
        else outcome = 'rejected';
        if (outcome === 'loaded') {
          const credit = card.cumulative_fen - meter.loaded_cumulative_fen;
          this.db
            .prepare(
              `INSERT INTO meters (meter_no, loaded_count, loaded_cumulative_fen, remaining_fen) VALUES (?, ?, ?, ?)
               ON CONFLICT (meter_no) DO UPDATE SET loaded_count = excluded.loaded_count,
               loaded_cumulative_fen = excluded.loaded_cumulative_fen, remaining_fen = meters.remaining_fen + ?`,
            )
            .run(ref.meterNo, card.purchase_count, card.cumulative_fen, credit, credit);
        }
        if (outcome === 'loaded' || outcome === 'write-back-only') {
          const now = this.meter(ref.meterNo);
          this.db
            .prepare(
              'UPDATE cards SET written_back_count = ?, written_back_remaining = ? WHERE account_no = ?',
            )
            .run(now.loaded_count, now.remaining_fen, ref.accountNo);
        }
        return outcome;
      })
      .immediate();
  }

  /**
   * A card and meter that have been in use: every purchase up to `purchaseCount` written and
   * loaded, with `remainingFen` left on the meter (demo data and benches start from here).
   */
  setHistory(
    ref: TargetRef,
    history: { purchaseCount: number; cumulativeFen: number; remainingFen: number },
  ): void {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO cards (account_no, meter_no, purchase_count, cumulative_fen, written_back_count, written_back_remaining)
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_no) DO UPDATE SET purchase_count = excluded.purchase_count,
             cumulative_fen = excluded.cumulative_fen, written_back_count = excluded.written_back_count,
             written_back_remaining = excluded.written_back_remaining`,
          )
          .run(
            ref.accountNo,
            ref.meterNo,
            history.purchaseCount,
            history.cumulativeFen,
            history.purchaseCount,
            history.remainingFen,
          );
        this.db
          .prepare(
            `INSERT INTO meters (meter_no, loaded_count, loaded_cumulative_fen, remaining_fen) VALUES (?, ?, ?, ?)
             ON CONFLICT (meter_no) DO UPDATE SET loaded_count = excluded.loaded_count,
             loaded_cumulative_fen = excluded.loaded_cumulative_fen, remaining_fen = excluded.remaining_fen`,
          )
          .run(ref.meterNo, history.purchaseCount, history.cumulativeFen, history.remainingFen);
      })
      .immediate();
  }

  /** The shop uses electricity: the meter's credit goes down. */
  consume(meterNo: string, fen: number): void {
    this.db
      .prepare('UPDATE meters SET remaining_fen = max(0, remaining_fen - ?) WHERE meter_no = ?')
      .run(fen, meterNo);
  }

  meterState(meterNo: string): { loadedCount: number; remainingFen: number } {
    const meter = this.meter(meterNo);
    return { loadedCount: meter.loaded_count, remainingFen: meter.remaining_fen };
  }

  close(): void {
    this.db.close();
  }

  private state(ref: TargetRef): TargetState {
    const card = this.card(ref);
    return {
      purchaseCount: card.purchase_count,
      cumulativePurchasedFen: card.cumulative_fen,
      loadedCount: card.written_back_count,
      remainingFen: card.written_back_remaining,
    };
  }

  /** A card never written is blank: count 0, nothing purchased. */
  private card(ref: TargetRef): CardRow {
    return (
      (this.db
        .prepare(
          'SELECT purchase_count, cumulative_fen, written_back_count, written_back_remaining FROM cards WHERE account_no = ?',
        )
        .get(ref.accountNo) as CardRow | undefined) ?? {
        purchase_count: 0,
        cumulative_fen: 0,
        written_back_count: 0,
        written_back_remaining: null,
      }
    );
  }

  private meter(meterNo: string): MeterRow {
    return (
      (this.db
        .prepare(
          'SELECT loaded_count, loaded_cumulative_fen, remaining_fen FROM meters WHERE meter_no = ?',
        )
        .get(meterNo) as MeterRow | undefined) ?? {
        loaded_count: 0,
        loaded_cumulative_fen: 0,
        remaining_fen: 0,
      }
    );
  }

  private take<K extends keyof CardFaults>(key: K): CardFaults[K] {
    const fault = this.faults[key];
    delete this.faults[key];
    return fault;
  }
}
