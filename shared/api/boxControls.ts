// What a dorm box (ADF300) enforces on each circuit by itself, set by the office: when the
// circuit may have power (时间控制, a weekday and a holiday table of on-periods), how much power it
// may draw (用电总功率控制), which loads it cuts as forbidden heaters (恶性负载控制), and the
// office's forcing it on or off (强制控制). Also what the box writes down when it cut a circuit
// (违规记录). Power is in watts here; the wire's units are meter-link's business.
import { z } from 'zod';
import { rule } from './fieldIssues';

/** On-periods a day table holds: the issue asks for at least 8 segments a day. */
export const MAX_ON_PERIODS = 8;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, rule('hhmm'));
/** The end of a period may be 24:00, the day's end. */
const hhmmOrMidnight = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, rule('hhmm'));

/** Power has the circuit from `from` up to `to` (office time, the same day). */
export const onPeriodSchema = z
  .object({ from: hhmm, to: hhmmOrMidnight })
  .strict()
  .refine((p) => p.from < p.to, rule('period_forward'));
export type OnPeriod = z.infer<typeof onPeriodSchema>;

/** A day's on-periods, in time order and not overlapping; none means no power that day. */
export const dayTableSchema = z
  .array(onPeriodSchema)
  .max(MAX_ON_PERIODS)
  .refine((ps) => ps.every((p, i) => i === 0 || ps[i - 1]!.to < p.from), rule('periods_apart'));

/**
 * `off`: no time control; `auto`: the weekday table Monday to Friday and the holiday table at the
 * weekend, by the box's clock; `weekday` / `holiday`: that table every day, until the office's
 * calendar changes it (a public holiday, a term's end).
 */
export const TIME_CONTROL_MODES = ['off', 'auto', 'weekday', 'holiday'] as const;
export type TimeControlMode = (typeof TIME_CONTROL_MODES)[number];

export const timeControlSchema = z
  .object({
    mode: z.enum(TIME_CONTROL_MODES),
    weekday: dayTableSchema,
    holiday: dayTableSchema,
  })
  .strict();
export type TimeControl = z.infer<typeof timeControlSchema>;

/** Highest power a box circuit takes a limit of, in watts (99.9999 kW on the wire). */
export const MAX_LIMIT_W = 99_999;

export const powerLimitSchema = z
  .object({
    /** Above this the box trips the circuit; 0: no limit. */
    limitW: z.number().int().min(0).max(MAX_LIMIT_W),
    /** Minutes before the box closes it again by itself; 0: only the office closes it. */
    restoreAfterMin: z.number().int().min(0).max(9_999),
  })
  .strict();
export type PowerLimit = z.infer<typeof powerLimitSchema>;

/** Allowed loads a malignant-load rule lets through (e.g. a water dispenser, 400–600 W). */
export const MAX_ALLOWED_LOADS = 4;

export const malignantLoadSchema = z
  .object({
    enabled: z.boolean(),
    /** A load switched on with at least this power factor counts as resistive (a heater). */
    powerFactorMin: z.number().min(0.5).max(1),
    /** … when it adds at least this many watts. */
    stepMinW: z.number().int().min(50).max(MAX_LIMIT_W),
    restoreAfterMin: z.number().int().min(0).max(9_999),
    /** Automatic restores a day before the circuit stays off for the office to deal with. */
    restoresMax: z.number().int().min(0).max(99),
    allowed: z
      .array(
        z
          .object({
            fromW: z.number().int().min(0).max(MAX_LIMIT_W),
            toW: z.number().int().min(0).max(MAX_LIMIT_W),
          })
          .strict()
          .refine((w) => w.fromW <= w.toW, rule('window_forward')),
      )
      .max(MAX_ALLOWED_LOADS),
  })
  .strict();
export type MalignantLoad = z.infer<typeof malignantLoadSchema>;

/** What the office sets on a circuit; a part left out is not sent. */
export const boxControlsSchema = z
  .object({
    timeControl: timeControlSchema.optional(),
    powerLimit: powerLimitSchema.optional(),
    malignantLoad: malignantLoadSchema.optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, rule('one_control'));
export type BoxControls = z.infer<typeof boxControlsSchema>;

/** 强制控制: forced on (past the time table), forced off (past everything), or released. */
export const FORCED_MODES = ['released', 'on', 'off'] as const;
export type ForcedMode = (typeof FORCED_MODES)[number];

/** Why the box cut (or forced) a circuit, as its record says. */
export const VIOLATION_KINDS = ['malignantLoad', 'overPower', 'forcedOff', 'forcedOn'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** One 违规记录 as the box keeps it. */
export interface BoxViolation {
  /** The box's running number of the record (1, 2, …): what the office has read up to. */
  seq: number;
  /** The box's clock, "YYYY-MM-DD hh:mm". */
  at: string;
  kind: ViolationKind;
  /** The circuit's power when it happened. */
  powerW: number;
}
