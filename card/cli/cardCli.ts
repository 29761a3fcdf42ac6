// The card CLI for technicians and integrators (`npm run -s card -- …`): list readers, read and
// dump cards, and encode / decode card images without a reader. With --json it prints exactly one
// JSON document on stdout; errors print {"error":{"code","message"}} and exit non-zero.
// The backend speaks English in its logs and English receipts: the error texts' English too.
import '../../shared/errorTexts/en';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { tariffDefinitionSchema } from '../../shared/tariff';
import { mediaOf, readCard } from '../cardService';
import { SITE_KEY_BYTES } from '../keys';
import { decodeCard, encodeCard, type CardFields } from '../layout/cardImage';
import { CARD_KINDS, type CardKind } from '../layout/pt1';
import { PcscReaderService } from '../reader/pcsc';
import type { CardConnection, ReaderService } from '../reader/types';
import { readerUnavailableError } from '../reader/unavailable';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  readers(): ReaderService;
}

export const USAGE = `usage: npm run -s card -- <command> [options]
  readers [--json]                                   list PC/SC readers and the card on each
  read --reader NAME [--site-key HEX] [--json]       read and decode the card (raw hex included)
  dump --reader NAME [--json]                        the card's raw memory as hex
  encode --kind KIND --in FIELDS.json --site-key HEX [--json]
                                                     build a card image (no reader needed)
  decode --hex HEX [--site-key HEX] [--json]         decode an image (MAC checked with the key)
kinds: ${CARD_KINDS.join(', ')}`;

class UsageError extends Error {}

function siteKeyOf(hex: string | undefined, required: boolean): Buffer | null {
  if (hex === undefined) {
    if (required) throw new UsageError('--site-key HEX is required');
    return null;
  }
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== SITE_KEY_BYTES * 2)
    throw new UsageError(`--site-key must be ${SITE_KEY_BYTES * 2} hex digits`);
  return Buffer.from(hex, 'hex');
}

function hexImage(hex: string | undefined): Buffer {
  const clean = (hex ?? '').replace(/[\s:]/g, '');
  if (!clean || !/^[0-9a-fA-F]+$/.test(clean) || clean.length % 2 !== 0)
    throw new UsageError('--hex must be the image as hex digits');
  return Buffer.from(clean, 'hex');
}

function fieldsFrom(text: string): CardFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the fields file is not JSON: ${(error as Error).message}`);
  }
  const input = parsed as Partial<CardFields> & Record<string, unknown>;
  if (typeof input.cardNo !== 'string')
    throw new UsageError('fields: "cardNo" (12 digits) is missing');
  const tariff =
    input.tariff === undefined ? undefined : tariffDefinitionSchema.safeParse(input.tariff);
  if (tariff && !tariff.success)
    throw new UsageError(
      `fields: "tariff" is not a valid tariff: ${tariff.error.issues[0]?.message}`,
    );
  const { cardNo, generation, records, ...rest } = input;
  const blocks = Object.fromEntries(Object.entries(rest).filter(([name]) => name !== 'tariff'));
  return {
    cardNo,
    generation: typeof generation === 'number' ? generation : 0,
    ...(tariff?.success && { tariff: tariff.data }),
    blocks: blocks as CardFields['blocks'],
    ...(Array.isArray(records) && { records: records as CardFields['records'] }),
  };
}

async function withCard<T>(
  io: CliIo,
  reader: string | undefined,
  use: (connection: CardConnection) => Promise<T>,
): Promise<T> {
  if (!reader) throw new UsageError('--reader NAME is required (see `readers`)');
  const service = io.readers();
  const why = service.unavailable();
  if (why) throw readerUnavailableError(why);
  const connection = await service.connect(reader);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** Runs one command; returns the exit code. */
export async function runCardCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  let json = false;
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean', default: false },
        reader: { type: 'string' },
        'site-key': { type: 'string' },
        kind: { type: 'string' },
        in: { type: 'string' },
        hex: { type: 'string' },
      },
      strict: true,
    });
    json = values.json ?? false;
    const print = (doc: unknown, text: string) => io.out(json ? JSON.stringify(doc) : text);
    switch (command) {
      case 'readers': {
        const service = io.readers();
        const why = service.unavailable();
        if (why) throw readerUnavailableError(why);
        const readers = (await service.list()).map((r) => ({
          name: r.name,
          atr: r.atr,
          media: r.atr ? mediaOf(Buffer.from(r.atr, 'hex')) : null,
        }));
        print(
          { readers },
          readers
            .map((r) => `${r.name}\t${r.atr ? `${r.media ?? 'unknown'} ${r.atr}` : 'no card'}`)
            .join('\n') || 'no readers',
        );
        return 0;
      }
      case 'read': {
        const siteKey = siteKeyOf(values['site-key'], false);
        const reading = await withCard(io, values.reader, (c) => readCard(c, siteKey));
        const doc = {
          reader: reading.reader,
          atr: reading.atr,
          media: reading.media,
          ...reading.card,
          hex: reading.image.toString('hex'),
        };
        print(doc, JSON.stringify(doc, null, 2));
        return 0;
      }
      case 'dump': {
        const reading = await withCard(io, values.reader, (c) =>
          readCard(c, null, undefined, { whole: true }),
        );
        print(
          {
            reader: reading.reader,
            atr: reading.atr,
            media: reading.media,
            hex: reading.image.toString('hex'),
          },
          reading.image.toString('hex'),
        );
        return 0;
      }
      case 'encode': {
        const kind = values.kind as CardKind;
        if (!CARD_KINDS.includes(kind))
          throw new UsageError(`--kind must be one of ${CARD_KINDS.join(', ')}`);
        if (!values.in) throw new UsageError('--in FIELDS.json is required');
        const siteKey = siteKeyOf(values['site-key'], true)!;
        const image = encodeCard(kind, fieldsFrom(io.readFile(values.in)), siteKey);
        print({ kind, hex: image.toString('hex') }, image.toString('hex'));
        return 0;
      }
      case 'decode': {
        const card = decodeCard(hexImage(values.hex), siteKeyOf(values['site-key'], false));
        print(card, JSON.stringify(card, null, 2));
        return card.status === 'valid' ? 0 : 3;
      }
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (error) {
    const { code, message, exit } =
      error instanceof AppError
        ? { code: error.code, message: error.message, exit: 1 }
        : error instanceof UsageError ||
            (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
          ? { code: 'USAGE' as const, message: (error as Error).message, exit: 2 }
          : { code: 'INVALID_FIELDS' as const, message: (error as Error).message, exit: 2 };
    if (json) io.out(JSON.stringify({ error: { code, message } }));
    else io.err(`${message}${exit === 2 && code === 'USAGE' ? `\n${USAGE}` : ''}`);
    return exit;
  }
}

export const nodeIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => fs.readFileSync(path, 'utf8'),
  readers: () => new PcscReaderService(),
};
