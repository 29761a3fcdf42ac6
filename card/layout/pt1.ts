// Card layout profile PT1 (PowerTill layout 1), documented byte by byte in docs/card-format.md.
// A profile is data: an integrator with a vendor's specification writes another one of these.
// Offsets are into the 256-byte image of an SLE4442 card (bytes 0–31 are the card maker's
// protected area and are never written); a CPU card stores each block in its own file.
import type { BlockSpec, FieldSpec, FieldType } from './fields';

const u8: FieldType = { kind: 'u8' };
const u16: FieldType = { kind: 'u16' };
const u32: FieldType = { kind: 'u32' };
const i32: FieldType = { kind: 'i32' };
const time: FieldType = { kind: 'time' };
const flag: FieldType = { kind: 'flag' };
const bcd6: FieldType = { kind: 'bcd', bytes: 6 };
const reserved = (bytes: number): FieldSpec => ({
  name: 'reserved',
  type: { kind: 'reserved', bytes },
});
const f = (name: string, type: FieldType): FieldSpec => ({ name, type });

export const CARD_KINDS = [
  'user',
  'parameter',
  'check',
  'clear',
  'test',
  'meterChange',
  'timeSet',
] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export interface KindLayout {
  /** The kind byte in the header. */
  code: number;
  /** Office-written blocks after the header, in MAC order. */
  office: BlockSpec[];
  /** Where the 8-byte MAC over header + office blocks sits. */
  macOffset: number;
  /** Blocks the meter writes. */
  meter: BlockSpec[];
  /** Check cards: the same record block repeated, one per meter the card was inserted into. */
  records?: { block: BlockSpec; count: number };
}

export interface CardProfile {
  id: string;
  version: number;
  imageBytes: number;
  /**
   * Bytes from 0 the layout uses: the office reads and writes only these, so a card goes in one
   * read and one write APDU (a pseudo-APDU carries at most 255 bytes). The rest stays the card's.
   */
  usedBytes: number;
  /** The first byte PowerTill writes; below it is the card maker's area. */
  firstByte: number;
  magic: string;
  header: BlockSpec;
  kinds: Record<CardKind, KindLayout>;
}

const header: BlockSpec = {
  name: 'header',
  offset: 32,
  writer: 'office',
  fields: [
    f('magic', { kind: 'ascii', bytes: 2 }),
    f('version', u8),
    f('kind', u8),
    f('officeId', u32),
    f('cardNo', bcd6),
    f('generation', u8),
    reserved(7),
  ],
};

/** Limits the meter enforces, on user and parameter cards. */
const limits: FieldSpec[] = [
  f('alarm1Fen', u32),
  f('alarm2Fen', u32),
  f('overdraftFen', u32),
  f('hoardingFen', u32),
];

const purchase: BlockSpec = {
  name: 'purchase',
  offset: 56,
  writer: 'office',
  fields: [
    f('meterNo', bcd6),
    f('customerNo', { kind: 'ascii', bytes: 10 }),
    f('purchaseCount', u16),
    f('lastPurchaseFen', i32),
    f('cumulativePurchasedFen', u32),
    ...limits,
  ],
};

/**
 * The tariff as the meter applies it. Kind 0 flat (price1), 1 time-of-use (price1–4 = 尖峰平谷,
 * segments as start-minute << 2 | rate), 2 stepped (price1–6, thresholds 1–5 in 0.01 kWh per month).
 */
const tariff: BlockSpec = {
  name: 'tariff',
  offset: 100,
  writer: 'office',
  fields: [
    f('tariffKind', u8),
    f('rateCount', u8),
    ...[1, 2, 3, 4, 5, 6].map((i) => f(`price${i}`, u32)),
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => f(`segment${i}`, u16)),
    ...[1, 2, 3, 4, 5].map((i) => f(`threshold${i}`, u32)),
    f('freeAllowance', u32),
  ],
};

/** What a card meter writes back (回写) onto a user card each time the card is inserted. */
const writeBack: BlockSpec = {
  name: 'writeBack',
  offset: 176,
  writer: 'meter',
  fields: [
    f('present', flag),
    f('loadedCount', u16),
    f('remainingFen', i32),
    f('cumulativeEnergy', u32),
    f('overdraftUsedFen', u32),
    f('illegalInsertCount', u8),
    f('tamperFlags', u8),
    f('writtenAt', time),
    f('meterNo', bcd6),
    reserved(1),
  ],
};

const parameters: BlockSpec = {
  name: 'parameters',
  offset: 56,
  writer: 'office',
  fields: [f('targetMeterNo', bcd6), ...limits, f('parameterSet', u16), reserved(18)],
};

/** A management card's answer from the meter it was used on. */
const result = (offset: number, extra: FieldSpec[]): BlockSpec => ({
  name: 'result',
  offset,
  writer: 'meter',
  fields: [f('present', flag), f('meterNo', bcd6), f('writtenAt', time), ...extra],
});

const checkRecord: BlockSpec = {
  name: 'record',
  offset: 64,
  writer: 'meter',
  fields: [
    f('meterNo', bcd6),
    f('loadedCount', u16),
    f('remainingFen', i32),
    f('cumulativeEnergy', u32),
    f('illegalInsertCount', u8),
    f('tamperFlags', u8),
    f('writtenAt', time),
  ],
};

const clear: BlockSpec = {
  name: 'clear',
  offset: 56,
  writer: 'office',
  fields: [
    f('targetMeterNo', bcd6),
    /** The purchase count the meter must show, so the card cannot clear another purchase. */
    f('purchaseCount', u16),
    f('operation', { kind: 'ascii', bytes: 16 }),
    reserved(18),
  ],
};

const meterChange: BlockSpec = {
  name: 'meterChange',
  offset: 56,
  writer: 'office',
  fields: [
    f('oldMeterNo', bcd6),
    f('newMeterNo', bcd6),
    f('carriedFen', i32),
    f('purchaseCount', u16),
    f('cumulativePurchasedFen', u32),
    f('customerNo', { kind: 'ascii', bytes: 10 }),
    reserved(10),
  ],
};

const timeSet: BlockSpec = {
  name: 'timeSet',
  offset: 56,
  writer: 'office',
  fields: [f('setTo', time), reserved(36)],
};

export const PT1: CardProfile = {
  id: 'PT1',
  version: 1,
  imageBytes: 256,
  usedBytes: 248,
  firstByte: 32,
  magic: 'PT',
  header,
  kinds: {
    user: { code: 0x01, office: [purchase, tariff], macOffset: 168, meter: [writeBack] },
    parameter: {
      code: 0x11,
      office: [parameters, tariff],
      macOffset: 168,
      meter: [result(176, [f('appliedCount', u16), reserved(15)])],
    },
    check: {
      code: 0x12,
      office: [],
      macOffset: 56,
      meter: [],
      records: { block: checkRecord, count: 7 },
    },
    clear: {
      code: 0x13,
      office: [clear],
      macOffset: 100,
      meter: [result(108, [f('clearedFen', i32), reserved(13)])],
    },
    test: { code: 0x14, office: [], macOffset: 56, meter: [] },
    meterChange: {
      code: 0x15,
      office: [meterChange],
      macOffset: 100,
      meter: [result(108, [f('loadedFen', i32), reserved(13)])],
    },
    timeSet: {
      code: 0x16,
      office: [timeSet],
      macOffset: 100,
      meter: [result(108, [f('previousTime', time), reserved(11)])],
    },
  },
};
