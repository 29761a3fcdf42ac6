// The RS485 side as the office sees it (电表, F4): the office's meter line (a USB-RS485 adapter or
// a TCP serial gateway), reading an NK meter live, and relay control by a supervisor. Remote
// recharge itself is a sale (`sales.sell`) to an account whose meter is on the line.
import { boxControlsSchema, FORCED_MODES } from './boxControls';
import { z } from 'zod';
import { rule } from './fieldIssues';
import { freeText } from './text';
import type { ApiError } from '../errors';
import type { OfficeFile } from './ledgerTypes';
import { listLimit } from './fields';
import { method } from './method';

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200] as const;

/**
 * Silence between transactions on this line, in ms; left out, 3.5 characters at the line's speed
 * plus the adapter's turnaround (shared/lineTiming.ts), or 20 ms behind a TCP gateway.
 */
const lineGap = z.number().int().min(0).max(1_000).optional();

export const meterLineSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('serial'),
      path: z.string().trim().min(1).max(200),
      baudRate: z.union(BAUD_RATES.map((b) => z.literal(b))),
      parity: z.enum(['even', 'odd', 'none']),
      stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
      gapMs: lineGap,
    })
    .strict(),
  z
    .object({
      kind: z.literal('tcp'),
      host: z.string().trim().min(1).max(200),
      port: z.number().int().min(1).max(65_535),
      gapMs: lineGap,
    })
    .strict(),
]);
export type MeterLineConfig = z.infer<typeof meterLineSchema>;

export interface MeterLineSettings {
  line: MeterLineConfig | null;
  /** Whether the meters' level-02 password is set (never sent back). */
  passwordSet: boolean;
  /** Eight hex digits the meters record as who operated. */
  operatorCode: string;
  /** Minutes between readings of every meter on the line; 0 turns polling off. */
  pollIntervalMinutes: number;
  /** A polled meter holding less than this raises a low-credit alarm (fen). */
  lowCreditFen: number;
}

export interface LineStatsView {
  sent: number;
  replied: number;
  timeouts: number;
  rejected: number;
  retries: number;
}

export interface MeterLineStatus {
  line: string | null;
  stats: LineStatsView;
  /** The last transaction: answered, or why not. */
  /** The line's last use, and why it failed as a coded error the screen translates. */
  lastOutcome: { at: string; ok: boolean; error: ApiError | null } | null;
}

export type RelayCommand = 'trip' | 'allowClose' | 'keepPower';
/** `setBoxControls` and `force`: a dorm box's circuit (time control, limits, 强制控制). */
export type MeterCommand = RelayCommand | 'setLimits' | 'setTariff' | 'setBoxControls' | 'force';

/** Money limits pushed to a meter (fen); one left out is not sent. */
export const limitsSchema = z
  .object({
    alarm1Fen: z.number().int().min(0).max(99_999_999).optional(),
    alarm2Fen: z.number().int().min(0).max(99_999_999).optional(),
    overdraftFen: z.number().int().min(0).max(99_999_999).optional(),
    hoardingFen: z.number().int().min(0).max(99_999_999).optional(),
  })
  .strict()
  .refine((l) => Object.keys(l).length > 0, rule('one_limit'));
export type MeterLimits = z.infer<typeof limitsSchema>;

export const BATCH_OPERATIONS = [
  'read',
  'timeSync',
  'trip',
  'allowClose',
  'setLimits',
  'pushTariff',
  // 批量充值: one amount to every member, or each account's monthly free allowance (基础免费电量),
  // paid by the office, journaled, at most once per member per batch (decision 0022).
  'recharge',
  'allowance',
  // A dorm box's circuits: their controls pushed and read back, or 强制控制 (decision 0035).
  'boxControls',
  'force',
  // 退宿: each circuit's account closed, what is left taken off the box and paid back.
  'moveOut',
] as const;
export type BatchOperation = (typeof BATCH_OPERATIONS)[number];
/** The batch operations on dorm box circuits, started from the dorms page (dorms.pushControls / force). */
export const DORM_BATCH_OPERATIONS: readonly BatchOperation[] = ['boxControls', 'force', 'moveOut'];
/**
 * The batch operations that change a meter or the books take a reason, kept with each command;
 * a read and a clock sync change nothing the office answers for.
 */
export const needsReason = (operation: BatchOperation): boolean =>
  operation !== 'read' && operation !== 'timeSync';
/** The batch operations that put money on meters, kept in the books as a 批量充值. */
export const RECHARGE_OPERATIONS: readonly BatchOperation[] = ['recharge', 'allowance'];

export interface BatchResult {
  meterId: number;
  /** The open account on the meter (a recharge's member); null for a meter without one. */
  accountId: number | null;
  /** What a recharge gives this member. */
  amountFen: number | null;
  meterNo: string;
  customerName: string | null;
  shopUnit: string | null;
  /** `sent`: a broadcast, which meters do not answer. */
  state: 'waiting' | 'ok' | 'sent' | 'failed' | 'cancelled';
  /** Why it failed, as a coded error the screen translates. */
  error: ApiError | null;
  energyKwh: number | null;
  remainingFen: number | null;
}

/** A batch operation (批量操作) over the meters on the line, as it goes. */
export interface BatchView {
  id: number;
  operation: BatchOperation;
  /** The 批量充值 in the books this run works on (a retry or a resumed batch keeps its number). */
  rechargeBatchId: number | null;
  state: 'running' | 'done' | 'cancelled';
  operatorName: string;
  startedAt: string;
  finishedAt: string | null;
  total: number;
  succeeded: number;
  failed: number;
  results: BatchResult[];
}

/** Which meters a batch works on: an area, a floor, given meters, or (none given) all on the line. */
export const selectionSchema = z
  .object({
    area: freeText(60, { min: 1 }).optional(),
    floor: freeText(60, { min: 1 }).optional(),
    meterIds: z.array(z.number().int().positive()).min(1).max(2_000).optional(),
  })
  .strict();

/** One live reading of a meter on the line; a value the meter did not give is null. */
export interface MeterReadingView {
  meterId: number;
  meterNo: string;
  model: string;
  at: string;
  energyKwh: number | null;
  remainingFen: number | null;
  purchaseCount: number | null;
  cumulativePurchasedFen: number | null;
  priceYuan: number | null;
  voltage: number | null;
  current: number | null;
  powerKw: number | null;
  relay: 'open' | 'closed' | null;
  /** Values it did not give, and why (e.g. "readVoltage: no-such-data"). */
  problems: string[];
  /** An unconfirmed recharge of its account was settled by this reading. */
  settled: 'committed' | 'voided' | 'pending' | null;
  /** Energy by rate (尖 / 峰 / 平 / 谷), read for an account the office bills itself. */
  sharpKwh: number | null;
  peakKwh: number | null;
  flatKwh: number | null;
  valleyKwh: number | null;
  /** 主站计费: what this reading cost the account, and its balance after (null: not billed). */
  charged: { amountFen: number; balanceAfterFen: number; baseline: boolean } | null;
}

export interface MeterCommandView {
  id: number;
  meterId: number;
  meterNo: string;
  command: MeterCommand;
  reason: string;
  state: 'pending' | 'done' | 'failed';
  error: string | null;
  operatorName: string;
  createdAt: string;
  resolvedAt: string | null;
}

/**
 * 调价下发 still to do: a meter on the line whose account's tariff in force it does not hold yet
 * (a price change came into force, or the account is new on it).
 */
export interface TariffPushView {
  meterId: number;
  meterNo: string;
  accountNo: string;
  customerName: string;
  tariffName: string;
  versionId: number;
  effectiveFrom: string;
  /** `cannotHold`: stepped prices, or a meter profile without prices: the office prices it. */
  state: 'waiting' | 'cannotHold';
  /** The last push of this version that did not get through, and why. */
  lastTriedAt: string | null;
  lastError: string | null;
}

/**
 * Credit still on an NK meter whose account closed while the meter could not be reached: the
 * refund waits until the meter answers and gives it back; the meter takes no new account meanwhile.
 */
export interface HeldCreditView {
  id: number;
  meterNo: string;
  accountNo: string;
  customerName: string;
  /** What the meter was last seen to hold (null if never). */
  lastKnownFen: number | null;
  closedAt: string;
}

export type AlarmKind = 'low-credit' | 'no-answer';

/** 报警记录: raised by polling, cleared by itself when the cause goes, acknowledged by a person. */
export interface AlarmView {
  id: number;
  meterId: number;
  meterNo: string;
  kind: AlarmKind;
  remainingFen: number | null;
  accountNo: string | null;
  customerName: string | null;
  shopUnit: string | null;
  phone: string | null;
  raisedAt: string;
  clearedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

export interface AcrtTerminalView {
  id: number;
  address: string;
  name: string;
  createdAt: string;
  bindingsAt: string | null;
  bindingsCount: number | null;
  logReadAt: string | null;
}

/** A terminal's clock after 对时: what it read back, and how far from the office's it is. */
export interface AcrtClockView {
  id: number;
  address: string;
  name: string;
  /** "YYYY-MM-DD hh:mm:ss" as the terminal reads it after the setting; null if it did not answer. */
  clock: string | null;
  /** Read-back clock less the office's, in seconds. */
  offsetSeconds: number | null;
  /** Why the terminal was not set, as a coded error the screen translates. */
  error: ApiError | null;
}

export type AcrtLogStatus =
  'matched' | 'not-in-ledger' | 'amount-differs' | 'other-meter' | 'no-purchase';

/** One record of a terminal's recharge log, with what the ledger makes of it. */
export interface AcrtLogView {
  seq: number;
  at: string;
  cardNo: string;
  meterNo: string;
  purchaseCount: number;
  amountFen: number;
  outcome: 'recharged' | 'write-back-only' | 'old-card' | 'refused';
  accountNo: string | null;
  customerName: string | null;
  status: AcrtLogStatus;
}

const hex8 = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{8}$/, rule('hex8'));

export const meterLinkMethods = {
  'meterLink.settings': method<MeterLineSettings>()({
    input: z.object({}).strict(),
    access: 'devices',
    mutating: false,
    data: ['meterLine'],
  }),
  'meterLink.configure': method<MeterLineSettings>()({
    input: z
      .object({
        line: meterLineSchema.nullable().optional(),
        /** Level (02) and the 6-digit password, e.g. 02123456. */
        password: hex8.optional(),
        operatorCode: hex8.optional(),
        pollIntervalMinutes: z.number().int().min(0).max(1_440).optional(),
        lowCreditFen: z.number().int().min(0).max(100_000_000).optional(),
      })
      .strict(),
    access: 'devices',
    mutating: true,
    data: ['meterLine'],
  }),
  'meterLink.ports': method<{ path: string; description: string }[]>()({
    input: z.object({}).strict(),
    access: 'devices',
    mutating: false,
  }),
  'meterLink.status': method<MeterLineStatus>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['meterLine'],
  }),
  /** Reads an NK meter now; settles an unconfirmed recharge of its account from what it says. */
  'meters.read': method<MeterReadingView>()({
    input: z.object({ meterId: z.number().int().positive() }).strict(),
    access: 'meters.read',
    mutating: true,
    data: ['meterLine', 'meters', 'accounts', 'sales'],
  }),
  'meters.relay': method<MeterCommandView>()({
    input: z
      .object({
        meterId: z.number().int().positive(),
        command: z.enum(['trip', 'allowClose', 'keepPower']),
        reason: freeText(200, { min: 1 }),
      })
      .strict(),
    access: 'meters.control',
    mutating: true,
    data: ['meterCommands', 'meterLine'],
  }),
  'meters.commands': method<MeterCommandView[]>()({
    input: z
      .object({
        meterId: z.number().int().positive().optional(),
        limit: listLimit(50),
      })
      .strict(),
    access: 'signedIn',
    mutating: false,
    data: ['meterCommands'],
  }),
  'alarms.list': method<AlarmView[]>()({
    input: z
      .object({
        /** Only those not cleared and not acknowledged. */
        open: z.boolean().default(false),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        limit: z.number().int().min(1).max(1_000).default(200),
      })
      .strict(),
    access: 'signedIn',
    mutating: false,
    data: ['alarms'],
  }),
  'alarms.reportFile': method<OfficeFile>()({
    input: z.object({ open: z.boolean().default(false) }).strict(),
    access: 'meters.read',
    mutating: false,
  }),
  'alarms.acknowledge': method<AlarmView>()({
    input: z
      .object({ id: z.number().int().positive(), note: freeText(500, { min: 1, multiline: true }) })
      .strict(),
    access: 'meters.read',
    mutating: true,
    data: ['alarms'],
  }),
  'meters.setLimits': method<MeterCommandView>()({
    input: z
      .object({
        meterId: z.number().int().positive(),
        limits: limitsSchema,
        reason: freeText(200, { min: 1 }),
      })
      .strict(),
    access: 'meters.control',
    mutating: true,
    data: ['meterCommands', 'meterLine'],
  }),
  /** 调价下发: the tariff in force on the meter's account, its prices and day segments. */
  'meters.pushTariff': method<MeterCommandView>()({
    input: z
      .object({
        meterId: z.number().int().positive(),
        reason: freeText(200, { min: 1 }),
      })
      .strict(),
    access: 'tariffs',
    mutating: true,
    data: ['meterCommands', 'meterLine', 'tariffPushes'],
  }),
  /** Meters still waiting for their account's tariff in force (调价下发 to do). */
  'meters.tariffPushes': method<TariffPushView[]>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['tariffPushes', 'accounts', 'meters', 'tariffs'],
  }),
  /** Pushes every waiting meter now, instead of at the poller's next minute. */
  'meters.pushTariffsNow': method<{ pushed: number; failed: number }>()({
    input: z.object({}).strict(),
    access: 'tariffs',
    mutating: true,
    data: ['meterCommands', 'meterLine', 'tariffPushes'],
  }),
  /** Credit held on meters that could not be reached when their accounts closed. */
  'meters.heldCredits': method<HeldCreditView[]>()({
    input: z.object({}).strict(),
    access: 'meters.control',
    mutating: false,
    data: ['heldCredits', 'accounts'],
  }),
  /** Tries every held credit now: taken off each meter that answers, its refund booked. */
  'meters.settleHeldCredits': method<{ settled: number; waiting: number }>()({
    input: z.object({}).strict(),
    access: 'meters.control',
    mutating: true,
    data: ['heldCredits', 'accounts', 'meters', 'meterLine'],
  }),
  /** The areas and floors of the tenants on the line, for choosing a batch. */
  'batch.groups': method<{ areas: string[]; floors: string[] }>()({
    input: z.object({}).strict(),
    access: 'meters.batch',
    mutating: false,
  }),
  'batch.start': method<BatchView>()({
    input: z
      .object({
        operation: z.enum(BATCH_OPERATIONS),
        selection: selectionSchema.default({}),
        /** Why (relay commands, parameter pushes and recharges). */
        reason: freeText(200, { min: 1 }).optional(),
        limits: limitsSchema.optional(),
        /** What every member of a 'recharge' gets. */
        amountFen: z.number().int().min(1).max(100_000_000).optional(),
        /** What a 'boxControls' batch sets on each circuit. */
        controls: boxControlsSchema.optional(),
        /** What a 'force' batch does to each circuit. */
        forced: z.enum(FORCED_MODES).optional(),
      })
      .strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['batches'],
  }),
  'batch.get': method<BatchView>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    access: 'meters.batch',
    mutating: false,
  }),
  'batch.cancel': method<BatchView>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['batches'],
  }),
  /**
   * The 批量充值 not finished: interrupted by a crash or the power, cancelled, or with members whose
   * meter did not answer. Each is resumed with `batch.retryFailed`, never begun again.
   */
  'batch.unfinished': method<BatchView[]>()({
    input: z.object({}).strict(),
    access: 'meters.batch',
    mutating: false,
    data: ['batches'],
  }),
  /** The failed meters of a finished batch, done again (a 批量充值: in the same batch). */
  'batch.retryFailed': method<BatchView>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['batches'],
  }),
  'acrt.list': method<AcrtTerminalView[]>()({
    input: z.object({}).strict(),
    access: 'meters.batch',
    mutating: false,
    data: ['acrt'],
  }),
  'acrt.register': method<AcrtTerminalView>()({
    input: z
      .object({
        address: z.string().regex(/^\d{12}$/, rule('twelve_digits')),
        name: freeText(60, { min: 1 }),
      })
      .strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['acrt'],
  }),
  /** Writes the terminal the binding table: every live card of an account on an ACRT meter. */
  'acrt.downloadBindings': method<AcrtTerminalView>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['acrt'],
  }),
  /** 对时: sets one terminal's clock to the office's (all of them without an id) and reads it back. */
  'acrt.syncClock': method<AcrtClockView[]>()({
    input: z.object({ id: z.number().int().positive().optional() }).strict(),
    access: 'meters.batch',
    mutating: true,
  }),
  /** Reads the terminal's recharge log, keeps the new records and reconciles them with the books. */
  'acrt.readLog': method<AcrtLogView[]>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['acrt'],
  }),
};
