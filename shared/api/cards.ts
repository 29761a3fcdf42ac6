// Cards (卡片): reading whatever card is on the reader, issuing a tenant's card, the card history.
import { z } from 'zod';
import { ANY_OPERATOR, method, SUPERVISORS } from './method';

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
    customerNo: string;
    customerName: string;
    meterNo: string;
  } | null;
  /** The meter's write-back was taken into the ledger (remaining credit, loaded count). */
  observed: boolean;
}

export interface ReaderListView {
  available: boolean;
  reason: string | null;
  chosen: string | null;
  readers: { name: string; atr: string | null }[];
}

export const cardMethods = {
  /** Reads the card on the office's reader; a meter write-back on it updates the ledger. */
  'cards.read': method<CardReadView>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /** 开户发卡: writes a blank card as the account's card. */
  'cards.issue': method<CardView>()({
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /** 挂失: the account's card is reported lost. */
  'cards.reportLost': method<CardView>()({
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /** 补卡: a blank card becomes the account's card, carrying the purchase count and any unloaded purchase. */
  'cards.reissue': method<CardView>()({
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'cards.list': method<CardView[]>()({
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'cards.readers': method<ReaderListView>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'cards.chooseReader': method<ReaderListView>()({
    input: z.object({ reader: z.string().trim().min(1).max(200).nullable() }).strict(),
    access: SUPERVISORS,
    mutating: true,
  }),
} as const;
