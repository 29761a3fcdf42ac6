// A whole card image under a layout profile: encode what the office writes (header, its blocks,
// the MAC), decode everything with every check (magic, version, office, CRCs, MAC) reported, so a
// blank, foreign, forged or torn card is named for what it is before anything on it is believed.
import type { TariffDefinition } from '../../shared/tariff';
import { cardKeys, cardMac, MAC_BYTES, macMatches, officeIdOf } from '../keys';
import {
  blockSize,
  decodeBlock,
  encodeBlock,
  FieldError,
  type BlockSpec,
  type BlockValues,
  type FieldValue,
} from './fields';
import { CARD_KINDS, PT1, type CardKind, type CardProfile, type KindLayout } from './pt1';
import { blockToTariff, tariffToBlock } from './tariffBlock';

/** What the office puts on a card; block values by block name (see docs/card-format.md). */
export interface CardFields {
  cardNo: string;
  generation: number;
  /** For kinds with a tariff block: the tariff, as the ledger defines it. */
  tariff?: TariffDefinition;
  /** Office blocks (and optionally meter blocks, for a simulated meter or a test image). */
  blocks: Record<string, BlockValues>;
  /** Check cards: records already collected. */
  records?: BlockValues[];
}

export type CardStatus =
  /** Every check passed. */
  | 'valid'
  /** No PowerTill header: never issued, or erased. */
  | 'blank'
  /** A PowerTill header of a layout version this build does not know. */
  | 'unknown-layout'
  /** Made under another office secret (another office, or before the secret was replaced). */
  | 'other-office'
  /** The office matches but the MAC does not: altered or forged. */
  | 'forged'
  /** A block's CRC or a field is wrong: torn write or damage. */
  | 'corrupt';

export interface DecodedCard {
  profile: string;
  status: CardStatus;
  kind: CardKind | null;
  cardNo: string | null;
  generation: number | null;
  officeId: number | null;
  /** 'unchecked' when decoded without the site key. */
  mac: 'valid' | 'invalid' | 'unchecked';
  tariff: TariffDefinition | null;
  blocks: Record<string, BlockValues>;
  records: BlockValues[];
  /** Human-readable findings, one per failed check. */
  problems: string[];
}

const SLOT = (layout: KindLayout) => layout.records!;

function kindOf(profile: CardProfile, code: number): CardKind | null {
  return CARD_KINDS.find((k) => profile.kinds[k].code === code) ?? null;
}

/** Values for an untouched meter block: flag clear, numbers zero, numbers of meters absent. */
export function emptyBlockValues(block: BlockSpec): BlockValues {
  const values: BlockValues = {};
  for (const f of block.fields) {
    const kind = f.type.kind;
    if (kind === 'reserved') continue;
    values[f.name] =
      kind === 'flag'
        ? false
        : kind === 'bcd' || kind === 'time'
          ? null
          : kind === 'ascii'
            ? ''
            : 0;
  }
  return values;
}

function place(image: Buffer, block: BlockSpec, bytes: Buffer) {
  bytes.copy(image, block.offset);
}

/** The bytes the MAC covers: the header and the office blocks, in layout order. */
function macInput(image: Buffer, profile: CardProfile, layout: KindLayout): Buffer {
  return Buffer.concat(
    [profile.header, ...layout.office].map((b) =>
      image.subarray(b.offset, b.offset + blockSize(b)),
    ),
  );
}

export function encodeCard(
  kind: CardKind,
  fields: CardFields,
  siteKey: Buffer,
  profile: CardProfile = PT1,
): Buffer {
  const layout = profile.kinds[kind];
  const image = Buffer.alloc(profile.imageBytes);
  place(
    image,
    profile.header,
    encodeBlock(profile.header, {
      magic: profile.magic,
      version: profile.version,
      kind: layout.code,
      officeId: officeIdOf(siteKey),
      cardNo: fields.cardNo,
      generation: fields.generation,
    }),
  );
  for (const block of layout.office) {
    let values = fields.blocks[block.name];
    if (block.name === 'tariff') {
      if (!fields.tariff) throw new FieldError('tariff', 'missing');
      values = tariffToBlock(fields.tariff);
    }
    if (!values) throw new FieldError(block.name, 'missing');
    place(image, block, encodeBlock(block, values));
  }
  const keys = cardKeys(siteKey, fields.cardNo);
  cardMac(keys.macKey, macInput(image, profile, layout)).copy(image, layout.macOffset);
  for (const block of layout.meter)
    place(image, block, encodeBlock(block, fields.blocks[block.name] ?? emptyBlockValues(block)));
  if (layout.records) {
    const { block, count } = SLOT(layout);
    for (let i = 0; i < count; i += 1) {
      const values = fields.records?.[i] ?? emptyBlockValues(block);
      encodeBlock(block, values).copy(image, block.offset + i * blockSize(block));
    }
  }
  return image;
}

/** Rewrites one meter block of an existing image (what a meter does on insertion). */
export function writeMeterBlock(
  image: Buffer,
  kind: CardKind,
  blockName: string,
  values: BlockValues,
  profile: CardProfile = PT1,
): Buffer {
  const block = profile.kinds[kind].meter.find((b) => b.name === blockName);
  if (!block) throw new FieldError(blockName, `not a meter block of a ${kind} card`);
  const out = Buffer.from(image);
  place(out, block, encodeBlock(block, values));
  return out;
}

/** Check cards: writes record `index` (0-based). */
export function writeRecord(
  image: Buffer,
  index: number,
  values: BlockValues,
  profile: CardProfile = PT1,
): Buffer {
  const { block, count } = SLOT(profile.kinds.check);
  if (index < 0 || index >= count) throw new FieldError('record', `slot ${index} of ${count}`);
  const out = Buffer.from(image);
  encodeBlock(block, values).copy(out, block.offset + index * blockSize(block));
  return out;
}

function blank(profile: CardProfile, problems: string[]): DecodedCard {
  return {
    profile: profile.id,
    status: 'blank',
    kind: null,
    cardNo: null,
    generation: null,
    officeId: null,
    mac: 'unchecked',
    tariff: null,
    blocks: {},
    records: [],
    problems,
  };
}

export function decodeCard(
  image: Buffer,
  siteKey: Buffer | null,
  profile: CardProfile = PT1,
): DecodedCard {
  if (image.length < profile.imageBytes)
    return blank(profile, [
      `image is ${image.length} bytes, the layout needs ${profile.imageBytes}`,
    ]);
  const magic = image.subarray(profile.header.offset, profile.header.offset + profile.magic.length);
  if (magic.toString('latin1') !== profile.magic) return blank(profile, ['no PowerTill header']);

  const head = decodeBlock(profile.header, image.subarray(profile.header.offset));
  if (!head.ok) {
    return { ...blank(profile, [`header: ${head.detail}`]), status: 'corrupt' };
  }
  const h = head.values;
  const version = h.version as number;
  const kind = kindOf(profile, h.kind as number);
  const card: DecodedCard = {
    profile: profile.id,
    status: 'valid',
    kind,
    cardNo: h.cardNo as string | null,
    generation: h.generation as number,
    officeId: h.officeId as number,
    mac: 'unchecked',
    tariff: null,
    blocks: { header: h },
    records: [],
    problems: [],
  };
  if (version !== profile.version || !kind || card.cardNo === null) {
    card.status = 'unknown-layout';
    card.problems.push(
      `layout version ${version}, kind 0x${(h.kind as number).toString(16)}: not known to ${profile.id}`,
    );
    return card;
  }
  const layout = profile.kinds[kind];
  const corrupt = (what: string) => {
    card.problems.push(what);
    if (card.status === 'valid') card.status = 'corrupt';
  };
  for (const block of [...layout.office, ...layout.meter]) {
    const reading = decodeBlock(block, image.subarray(block.offset));
    if (!reading.ok) {
      corrupt(`${block.name}: ${reading.detail}`);
      continue;
    }
    card.blocks[block.name] = reading.values;
    if (block.name === 'tariff') {
      const tariff = blockToTariff(reading.values);
      if (typeof tariff === 'string') corrupt(`tariff: ${tariff}`);
      else card.tariff = tariff;
    }
  }
  if (layout.records) {
    const { block, count } = SLOT(layout);
    for (let i = 0; i < count; i += 1) {
      const reading = decodeBlock(block, image.subarray(block.offset + i * blockSize(block)));
      if (!reading.ok) corrupt(`record ${i + 1}: ${reading.detail}`);
      else if (reading.values.meterNo !== null) card.records.push(reading.values);
    }
  }
  if (siteKey) {
    if (card.officeId !== officeIdOf(siteKey)) {
      card.status = 'other-office';
      card.problems.unshift('made under another office secret');
      card.mac = 'invalid';
      return card;
    }
    const mac = image.subarray(layout.macOffset, layout.macOffset + MAC_BYTES);
    const keys = cardKeys(siteKey, card.cardNo!);
    card.mac = macMatches(keys.macKey, macInput(image, profile, layout), mac) ? 'valid' : 'invalid';
    if (card.mac === 'invalid') {
      // A torn office block also breaks the MAC; the CRC finding says more, so it keeps the status.
      card.problems.push('MAC does not match: the card was altered or forged');
      if (card.status === 'valid') card.status = 'forged';
    }
  }
  return card;
}

/** Everything a field of the decoded card may hold, for code that walks blocks generically. */
export type { FieldValue };
