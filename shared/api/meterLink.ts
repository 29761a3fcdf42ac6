// The RS485 side as the office sees it (电表, F4): the office's meter line (a USB-RS485 adapter or
// a TCP serial gateway), reading an NK meter live, and relay control by a supervisor. Remote
// recharge itself is a sale (`sales.sell`) to an account whose meter is on the line.
import { z } from 'zod';
import { ANY_OPERATOR, method, SUPERVISORS } from './method';

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200] as const;

export const meterLineSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('serial'),
      path: z.string().trim().min(1).max(200),
      baudRate: z.union(BAUD_RATES.map((b) => z.literal(b))),
      parity: z.enum(['even', 'odd', 'none']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('tcp'),
      host: z.string().trim().min(1).max(200),
      port: z.number().int().min(1).max(65_535),
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
  lastOutcome: { at: string; ok: boolean; error: string | null } | null;
}

export type RelayCommand = 'trip' | 'allowClose' | 'keepPower';

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
}

export interface MeterCommandView {
  id: number;
  meterId: number;
  meterNo: string;
  command: RelayCommand;
  reason: string;
  state: 'pending' | 'done' | 'failed';
  error: string | null;
  operatorName: string;
  createdAt: string;
  resolvedAt: string | null;
}

const hex8 = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{8}$/, 'eight hex digits');

export const meterLinkMethods = {
  'meterLink.settings': method<MeterLineSettings>()({
    input: z.object({}).strict(),
    access: SUPERVISORS,
    mutating: false,
  }),
  'meterLink.configure': method<MeterLineSettings>()({
    input: z
      .object({
        line: meterLineSchema.nullable().optional(),
        /** Level (02) and the 6-digit password, e.g. 02123456. */
        password: hex8.optional(),
        operatorCode: hex8.optional(),
      })
      .strict(),
    access: SUPERVISORS,
    mutating: true,
  }),
  'meterLink.ports': method<{ path: string; description: string }[]>()({
    input: z.object({}).strict(),
    access: SUPERVISORS,
    mutating: false,
  }),
  'meterLink.status': method<MeterLineStatus>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /** Reads an NK meter now; settles an unconfirmed recharge of its account from what it says. */
  'meters.read': method<MeterReadingView>()({
    input: z.object({ meterId: z.number().int().positive() }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'meters.relay': method<MeterCommandView>()({
    input: z
      .object({
        meterId: z.number().int().positive(),
        command: z.enum(['trip', 'allowClose', 'keepPower']),
        reason: z.string().trim().min(1).max(200),
      })
      .strict(),
    access: SUPERVISORS,
    mutating: true,
  }),
  'meters.commands': method<MeterCommandView[]>()({
    input: z
      .object({
        meterId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
};
