// Cards (卡片): reading whatever card is on the reader, issuing a tenant's card, the card history.
import { z } from 'zod';
import { rule } from './fieldIssues';
import { method } from './method';
import { PAYMENT_METHODS, type CardFeeView } from './ledgerTypes';

export type CardLedgerStatus = 'issuing' | 'active' | 'lost' | 'replaced' | 'cancelled' | 'void';

export interface CardView {
  cardNo: string;
  accountId: number;
  generation: number;
  status: CardLedgerStatus;
  createdAt: string;
  statusAt: string;
  lastSeenAt: string | null;
  /** Times it was presented after it stopped being live. */
  flaggedCount: number;
  /** The 工本费 taken for this card, when the office charged one. */
  fee: CardFeeView | null;
}

type FieldValue = number | string | boolean | null;

/** Everything on the card, decoded, and what the ledger knows of it. */
export interface CardReadView {
  reader: string;
  atr: string;
  media: string;
  /** valid, blank, other-office, forged, corrupt, unknown-layout. */
  status: string;
  kind: string | null;
  cardNo: string | null;
  generation: number | null;
  mac: 'valid' | 'invalid' | 'unchecked';
  blocks: Record<string, Record<string, FieldValue>>;
  records: Record<string, FieldValue>[];
  problems: string[];
  hex: string;
  /** The ledger's card and account, when the card is one of this office's. */
  ledger: {
    card: CardView;
    accountId: number;
    accountNo: string;
    customerId: number;
    customerNo: string;
    customerName: string;
    meterNo: string;
  } | null;
  /** The meter's write-back was taken into the ledger (remaining credit, loaded count). */
  observed: boolean;
  /** A management card of this office, as the books now know it (results taken in). */
  management: ManagementCardView | null;
  /** What the inspection rules found in the write-back just taken in. */
  findings: { rule: string; severity: 'critical' | 'warning' | 'notice' }[];
}

export const MANAGEMENT_KINDS = [
  'parameter',
  'check',
  'clear',
  'test',
  'meterChange',
  'timeSet',
] as const;
export type ManagementKind = (typeof MANAGEMENT_KINDS)[number];

/** A management card (管理卡) as made, and what meters answered on it when it was last read. */
export interface ManagementCardView {
  id: number;
  cardNo: string;
  kind: ManagementKind;
  /** making: written but not yet read back; superseded: the card was made again since. */
  status: 'making' | 'made' | 'void' | 'superseded' | 'erased';
  /** The office block's fields, and the tariff definition where the card carries one. */
  contents: Record<string, unknown>;
  /** Meter answers: parameter, clear, meter-change and time-set results; check-card records. */
  results: Record<string, FieldValue>[];
  accountId: number | null;
  replacementId: number | null;
  madeAt: string;
  madeBy: string;
  statusAt: string;
  readAt: string | null;
}

const id = z.number().int().positive();
const limitFen = z.number().int().min(0).max(100_000_000_00);
const wallClock = z
  .string()
  .regex(/^20\d\d-[01]\d-[0-3]\d [0-2]\d:[0-5]\d:[0-5]\d$/, rule('date_time'));

/** What a supervisor orders onto a management card. */
export const managementOrderSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('parameter'),
      /** null: every meter the card is inserted into. */
      meterId: id.nullable(),
      tariffId: id,
      alarm1Fen: limitFen,
      alarm2Fen: limitFen,
      overdraftFen: limitFen,
      /** 0: no hoarding limit. */
      hoardingFen: limitFen,
    })
    .strict(),
  z.object({ kind: z.literal('check') }).strict(),
  z.object({ kind: z.literal('test') }).strict(),
  /** Omitted setTo: the office's clock at the moment the card is written. */
  z.object({ kind: z.literal('timeSet'), setTo: wallClock.optional() }).strict(),
  /** 清零卡 for the account's meter, after its credit was refunded (suspended or closed). */
  z.object({ kind: z.literal('clear'), accountId: id }).strict(),
  /** 换表卡 for a meter replacement: the old meter's credit and count onto the new meter. */
  z.object({ kind: z.literal('meterChange'), replacementId: id }).strict(),
]);
export type ManagementOrder = z.output<typeof managementOrderSchema>;

export interface ReaderListView {
  available: boolean;
  reason: string | null;
  chosen: string | null;
  readers: { name: string; atr: string | null }[];
}

/**
 * The 工本费 the cashier charged for the card: the amount they showed the tenant (refused if the
 * office's fee has changed since), how it was paid, and the cash handed over. Required when the
 * office charges a fee for the card; refused when it charges none.
 */
const cardFee = z
  .object({
    amountFen: z.number().int().positive().max(100_000_00),
    paymentMethod: z.enum(PAYMENT_METHODS),
    tenderedFen: z.number().int().positive().max(100_000_000_00).optional(),
  })
  .strict()
  .optional();

export const cardMethods = {
  /** Reads the card on the office's reader; a meter write-back on it updates the ledger. */
  'cards.read': method<CardReadView>()({
    input: z.object({}).strict(),
    access: 'sell',
    mutating: true,
    data: ['accounts', 'sales', 'managementCards', 'findings'],
  }),
  /** 开户发卡: writes a blank card as the account's card. */
  'cards.issue': method<CardView>()({
    input: z.object({ accountId: z.number().int().positive(), fee: cardFee }).strict(),
    access: 'sell',
    mutating: true,
    data: ['accounts'],
  }),
  /** 挂失: the account's card is reported lost. */
  'cards.reportLost': method<CardView>()({
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    access: 'cards.lost',
    mutating: true,
    data: ['accounts'],
  }),
  /** 补卡: a blank card becomes the account's card, carrying the purchase count and any unloaded purchase. */
  'cards.reissue': method<CardView>()({
    input: z.object({ accountId: z.number().int().positive(), fee: cardFee }).strict(),
    access: 'cards.lost',
    mutating: true,
    data: ['accounts'],
  }),
  /** 管理卡制作: writes a management card onto a blank card or over an old management card. */
  'cards.makeManagement': method<ManagementCardView>()({
    input: managementOrderSchema,
    access: 'cards.management',
    mutating: true,
    data: ['managementCards'],
  }),
  'cards.managementList': method<ManagementCardView[]>()({
    input: z.object({ kind: z.enum(MANAGEMENT_KINDS).optional() }).strict(),
    access: 'cards.management',
    mutating: false,
    data: ['managementCards'],
  }),
  /**
   * Writes the account's card again from the books (same count, the account's meter, the tariff
   * in force, write-back cleared): after a meter replacement, or to mend a damaged card.
   */
  'cards.rewrite': method<CardView>()({
    input: z.object({ accountId: id }).strict(),
    access: 'sell',
    mutating: true,
    data: ['accounts'],
  }),
  /** Wipes a card no longer in use (cancelled, lost, replaced, or a management card) back to blank. */
  'cards.erase': method<{ cardNo: string; kind: string }>()({
    input: z.object({}).strict(),
    access: 'cards.management',
    mutating: true,
    data: ['managementCards'],
  }),
  'cards.list': method<CardView[]>()({
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['accounts'],
  }),
  'cards.readers': method<ReaderListView>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
  }),
  'cards.chooseReader': method<ReaderListView>()({
    input: z.object({ reader: z.string().trim().min(1).max(200).nullable() }).strict(),
    access: 'devices',
    mutating: true,
  }),
} as const;
