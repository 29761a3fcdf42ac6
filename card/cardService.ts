// Reading and writing whole card images on a connected card, media chosen from the ATR: read,
// decode with every check, and write with the card's own PSC, only the bytes that change, then
// read back and compare. A card that is blank, foreign, forged or torn is named before anything
// is written to it.
import { AppError } from '../shared/errors';
import { cardKeys } from './keys';
import { decodeCard, type DecodedCard } from './layout/cardImage';
import { PT1, type CardProfile } from './layout/pt1';
import { CpuCard } from './media/cpuCard';
import {
  changedRanges,
  FACTORY_PSC,
  Sle4442,
  SLE4442_BYTES,
  SLE4442_PROTECTED,
  writeRuns,
  type CardMedia as Media,
} from './media/sle4442';
import type { CardConnection } from './reader/types';

export type CardMedia = 'sle4442' | 'cpu';

/**
 * SLE4442 (and SLE4432/5542) as PC/SC readers report them: `3B 04` then the chip's ATR header
 * (`A2 13 10 91`, or `92 23 10 91` on some batches). Anything else would be an ISO 7816 CPU card.
 */
export function mediaOf(atr: Buffer): CardMedia | null {
  const text = atr.toString('hex');
  // pcscd sometimes hands over the ATR buffer at its full 33 bytes, zero-padded, when a card was
  // put on the reader a moment before: the SLE4442's 6 bytes are still the ATR.
  if (/^3b04(a2131091|92231091)(00)*$/.test(text)) return 'sle4442';
  if (atr[0] === 0x3b || atr[0] === 0x3f) return 'cpu';
  return null;
}

export interface CardReading {
  reader: string;
  atr: string;
  media: CardMedia;
  image: Buffer;
  card: DecodedCard;
}

/** The media of the connected card; one per connection, so a CPU card's session carries on. */
const mediaByConnection = new WeakMap<CardConnection, Media>();
function mediaFor(connection: CardConnection): Media {
  const known = mediaByConnection.get(connection);
  if (known) return known;
  const kind = mediaOf(connection.atr);
  // A CPU card (FM1208 class) must carry the PT01 application; selecting it says whether it does.
  const media =
    kind === 'sle4442' ? new Sle4442(connection) : kind === 'cpu' ? new CpuCard(connection) : null;
  if (!media)
    throw new AppError('CARD_MEDIA_UNKNOWN', { atr: connection.atr.toString('hex').toUpperCase() });
  mediaByConnection.set(connection, media);
  return media;
}

/** SELECT_CARD_TYPE once per connection: it powers the card up again, so once is all it needs. */
const selected = new WeakSet<CardConnection>();
async function selectOnce(connection: CardConnection, chip: Media): Promise<void> {
  if (selected.has(connection)) return;
  await chip.select();
  selected.add(connection);
}

/** The image with the bytes the office does not read (beyond the layout) as zero, as encoded. */
const padded = (read: Buffer, bytes: number) =>
  read.length >= bytes ? read : Buffer.concat([read, Buffer.alloc(bytes - read.length)]);

export async function readCard(
  connection: CardConnection,
  siteKey: Buffer | null,
  profile: CardProfile = PT1,
  options: { whole?: boolean } = {},
): Promise<CardReading> {
  const chip = mediaFor(connection);
  await selectOnce(connection, chip);
  // The layout's bytes only, in one APDU; a technician's dump asks for the whole chip.
  const read = await chip.read(0, options.whole ? SLE4442_BYTES : profile.usedBytes);
  const image = padded(read, profile.imageBytes);
  return {
    reader: connection.reader,
    atr: connection.atr.toString('hex'),
    media: mediaOf(connection.atr)!,
    image,
    card: decodeCard(image, siteKey, profile),
  };
}

/** The coded refusal for a card that must not be written to, or null when it may be. */
export function refusalOf(card: DecodedCard): AppError | null {
  switch (card.status) {
    case 'valid':
      return null;
    case 'blank':
      // A blank on the reader where a tenant's card was wanted: the cashier issues it first.
      return new AppError('CARD_NOT_ISSUED');
    case 'other-office':
      return new AppError('CARD_OTHER_OFFICE');
    case 'forged':
      return new AppError('CARD_FORGED');
    case 'corrupt':
      return new AppError('CARD_CORRUPT', { detail: card.problems.join('; ') });
    case 'unknown-layout':
      return new AppError('CARD_UNKNOWN_LAYOUT', { detail: card.problems.join('; ') });
  }
}

export interface WriteRequest {
  /** The image read from the card just before (what the card holds now). */
  current: Buffer;
  /** The image the card must hold afterwards. */
  next: Buffer;
  /** The card number the PSC belongs to. */
  cardNo: string;
  siteKey: Buffer;
  /** A blank card still has the factory code; it gets the card's own code after the write. */
  blank?: boolean;
  /** Erasing: the card goes back to the factory code, so it is blank again and reusable. */
  toFactoryPsc?: boolean;
  /**
   * The card may still answer to the factory code: its making or an erase was cut off between
   * the data and the code change (the journal knows). Allows one try of it after its own code.
   */
  mayHoldFactoryCode?: boolean;
  allowLastTry?: boolean;
  /** The layout `next` is in (PT1 unless an integrator's profile). */
  profile?: CardProfile;
}

/**
 * Presents the card's code: the factory code to a blank card, its own code otherwise. A card the
 * caller knows may still hold the factory code (its making or an erase was cut off between the
 * data and the code change) is tried with the factory code once its own was refused, while a try
 * would still be left over, and first when it already lost a try (a refusal whose second try a
 * crash cut off); a right code gives the tries back. Any other card spends at most one try per
 * attempt. Returns whether the factory code was the one that answered.
 */
async function unlock(chip: Media, request: WriteRequest, psc: Buffer): Promise<boolean> {
  const options = {
    ...(request.allowLastTry !== undefined && { allowLastTry: request.allowLastTry }),
  };
  if (request.blank) {
    await chip.present(FACTORY_PSC, options);
    return true;
  }
  const fallback = request.mayHoldFactoryCode === true;
  const ownFirst = !fallback || (await chip.triesLeft()) >= 3;
  try {
    await chip.present(ownFirst ? psc : FACTORY_PSC, options);
    return !ownFirst;
  } catch (error) {
    const refused = error instanceof AppError && error.code === 'CARD_PSC_WRONG';
    if (!fallback || !ownFirst || !refused || (error.params?.triesLeft as number) < 2) throw error;
    await chip.present(FACTORY_PSC, options);
    return true;
  }
}

/**
 * Writes `next` over `current`, then reads the card back. Fails with CARD_REMOVED when the card
 * left during the write (the caller's journal settles it when the card is next seen) and with
 * CARD_WRITE_NOT_VERIFIED when it reads back different.
 */
export async function writeCard(
  connection: CardConnection,
  request: WriteRequest,
): Promise<Buffer> {
  const chip = mediaFor(connection);
  await selectOnce(connection, chip);
  const { psc } = cardKeys(request.siteKey, request.cardNo);
  const used = request.profile?.usedBytes ?? PT1.usedBytes;
  const factoryAnswered = await unlock(chip, request, psc);
  // Erasing changes the code before the data: a card cut off in between still reads as ours and
  // answers the factory code, which the next attempt tries. Zeroed data under our own code would
  // be a card nobody could name the code of again.
  if (request.toFactoryPsc && !factoryAnswered) await chip.changePsc(FACTORY_PSC);
  for (const run of writeRuns(request.current, request.next, SLE4442_PROTECTED, used))
    await chip.write(run.offset, run.data);
  // A blank card gets its own code once it holds its data; so does a card whose issue was cut
  // off after the data and before the code (it answered the factory code just now).
  if (request.blank || (factoryAnswered && !request.toFactoryPsc)) await chip.changePsc(psc);
  const back = padded(await chip.read(0, used), request.next.length);
  const wrong = changedRanges(back, request.next, SLE4442_PROTECTED, used);
  if (wrong.length > 0)
    throw new AppError('CARD_WRITE_NOT_VERIFIED', {
      detail: wrong.map((r) => `${r.offset}+${r.data.length}`).join(', '),
    });
  return back;
}
