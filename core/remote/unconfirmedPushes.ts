// A tariff or limit push whose outcome nobody saw (the meter fell silent part-way, or the office
// closed or crashed between sending it and reading it back) is settled from the meter, not
// guessed: the meter is read where the push writes, and the push is committed when the meter holds
// what was sent, voided when it does not. Until then it stays pending (待确认, "waits for the
// meter") and nothing new is pushed to that meter; the poller's tick asks again, and so does the
// start-up. Relay commands are not among these: a relay's state says nothing of a keep-power
// flag, and the office's billing reads and sends the relay again by itself, so the start-up still
// closes them as interrupted.
import type { MeterLimits } from '../../shared/api/meterLink';
import {
  READ_BACK_KINDS,
  type DeviceJournal,
  type DeviceOperation,
  type LineCommandPayload,
} from '../journal/deviceJournalStore';
import type { MeterStore } from '../ledger/meterStore';
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import { LIMIT_OPERATION } from './meterDesk';
import { deviceOf, type OfficeMeterLine } from './officeMeterLine';

interface TariffDetail {
  tariffVersionId: number;
  prices: [number, number, number, number];
  segments: string | null;
}

interface SettleReport {
  committed: number;
  voided: number;
  waiting: number;
}

type Push = DeviceOperation<LineCommandPayload<TariffDetail | MeterLimits>>;

export interface UnconfirmedPushesDeps {
  journal: DeviceJournal;
  line: OfficeMeterLine;
  meters: MeterStore;
  log: Logger;
  /** Whether a push is being sent right now (pending because it is not done yet, not unseen). */
  inFlight: (operationId: number) => boolean;
}

export class UnconfirmedPushes {
  private running: Promise<SettleReport> | null = null;

  constructor(private readonly deps: UnconfirmedPushesDeps) {}

  /** Pushes pending with nobody sending them: their outcome is to be read from the meter. */
  private unconfirmed(): Push[] {
    return this.deps.journal
      .allPending<Push['payload']>(READ_BACK_KINDS)
      .filter((o) => !this.deps.inFlight(o.id));
  }

  /** The meters with a push waiting to be read back (nothing new is pushed to them till then). */
  metersWaiting(): Set<number | null> {
    return new Set(this.unconfirmed().map((o) => o.meterId));
  }

  /**
   * Reads each unconfirmed push back from its meter; what answered is settled, once. The start-up
   * and the poller's tick may both ask: a settling already going is joined, not doubled.
   */
  settle(write: Write): Promise<SettleReport> {
    this.running ??= this.settleAll(write).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async settleAll(write: Write): Promise<SettleReport> {
    const report = { committed: 0, voided: 0, waiting: 0 };
    for (const push of this.unconfirmed()) {
      const id = push.id;
      let holds: boolean;
      try {
        holds = await this.meterHolds(push);
      } catch (error) {
        report.waiting += 1;
        this.deps.log.info({ err: error, operation: id }, 'unconfirmed push waits for its meter');
        continue;
      }
      const at = new Date().toISOString();
      write(
        () =>
          this.deps.journal.resolve(
            id,
            holds ? 'committed' : 'voided',
            holds
              ? { readBack: true, readBackLater: true }
              : {
                  readBack: true,
                  readBackLater: true,
                  error: 'not confirmed: the meter does not hold what was sent',
                },
            at,
          ),
        () => ({ phase: holds ? 'done' : 'failed', commandId: id, readBackLater: true }),
      );
      report[holds ? 'committed' : 'voided'] += 1;
    }
    return report;
  }

  /** Whether the meter holds what the push sent, read where the push writes. */
  private async meterHolds(push: Push): Promise<boolean> {
    const meter = this.deps.meters.byId(push.meterId!)!;
    const device = deviceOf(meter);
    const { line } = this.deps;
    if (push.kind === 'tariffPush') {
      const sent = push.payload.detail as TariffDetail | null;
      // A push recorded without its prices (written by an older PowerTill) cannot be matched:
      // not confirmed, and the poller pushes the tariff in force again.
      if (!Array.isArray(sent?.prices)) return false;
      const held = await line.use(meter.meterNo, (c) =>
        c.readTariff(device, sent.segments !== null),
      );
      return held.prices.every((p, i) => p === sent.prices[i]) && held.segments === sent.segments;
    }
    const limits = push.payload.detail as MeterLimits;
    for (const [name, fen] of Object.entries(limits) as [keyof MeterLimits, number][]) {
      const back = await line.use(meter.meterNo, (c) =>
        c.readLimit(device, LIMIT_OPERATION[name]!),
      );
      if (back !== fen) return false;
    }
    return true;
  }
}
