// The card CLI as a technician runs it: real processes (`node scripts/cli.mjs card …`, what
// `npm run -s card -- …` runs), one JSON document on stdout, coded errors; reading a virtual card
// on the real PC/SC stack (reader "Virtual PCD 00 01", the other tests use "… 00 00").
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeCard } from '../../card/layout/cardImage';
import { tempDir } from '../../core/testing';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  READER_LOCK_HOOK_MS,
  VIRTUAL_READERS,
  waitForCard,
} from './pcscd';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');

async function card(...args: string[]) {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'scripts', 'cli.mjs'), 'card', ...args],
      {
        cwd: root,
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string };
    return { code: failure.code, stdout: failure.stdout };
  }
}

/** Exactly one JSON document on stdout. */
function json(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

const site = randomBytes(32);
const siteHex = site.toString('hex');
const dir = tempDir('powertill-card-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fields = {
  cardNo: '000000000777',
  generation: 1,
  tariff: {
    kind: 'tou',
    rates: { peak: 12_000, flat: 8_500, valley: 4_000 },
    segments: [
      { start: '00:00', rate: 'valley' },
      { start: '08:00', rate: 'peak' },
      { start: '22:00', rate: 'flat' },
    ],
  },
  purchase: {
    meterNo: '000000000161',
    customerNo: 'C000777',
    purchaseCount: 4,
    lastPurchaseFen: 20_000,
    cumulativePurchasedFen: 80_000,
    alarm1Fen: 2_000,
    alarm2Fen: 1_000,
    overdraftFen: 0,
    hoardingFen: 500_000,
  },
};

describe('card CLI without a reader', () => {
  it('encodes a user card and decodes it back, MAC checked with the site key', async () => {
    const file = path.join(dir, 'fields.json');
    fs.writeFileSync(file, JSON.stringify(fields));
    const encoded = await card(
      'encode',
      '--kind',
      'user',
      '--in',
      file,
      '--site-key',
      siteHex,
      '--json',
    );
    expect(encoded.code).toBe(0);
    const { hex } = json(encoded.stdout) as { hex: string };
    expect(hex).toHaveLength(512);
    // Decoded here with the library too: the CLI's image is the library's image.
    expect(decodeCard(Buffer.from(hex, 'hex'), site).blocks.purchase).toEqual(fields.purchase);

    const decoded = json(
      (await card('decode', '--hex', hex, '--site-key', siteHex, '--json')).stdout,
    );
    expect(decoded).toMatchObject({
      status: 'valid',
      kind: 'user',
      cardNo: '000000000777',
      generation: 1,
      mac: 'valid',
      tariff: { kind: 'tou', rates: { peak: 12_000, flat: 8_500, valley: 4_000 } },
      blocks: { purchase: fields.purchase },
    });
    // Without the key the MAC is unchecked; with another office's key the card is named foreign.
    expect(json((await card('decode', '--hex', hex, '--json')).stdout)).toMatchObject({
      mac: 'unchecked',
    });
    const foreign = await card(
      'decode',
      '--hex',
      hex,
      '--site-key',
      randomBytes(32).toString('hex'),
      '--json',
    );
    expect(foreign.code).toBe(3);
    expect(json(foreign.stdout)).toMatchObject({ status: 'other-office' });
  });

  it('answers bad input with one coded JSON error and a non-zero exit', async () => {
    const cases: [string[], string, RegExp][] = [
      [['decode', '--hex', 'zz', '--json'], 'USAGE', /--hex/],
      [
        ['encode', '--kind', 'bogus', '--in', 'x', '--site-key', siteHex, '--json'],
        'USAGE',
        /--kind/,
      ],
      [
        [
          'encode',
          '--kind',
          'user',
          '--in',
          path.join(dir, 'missing.json'),
          '--site-key',
          'abcd',
          '--json',
        ],
        'USAGE',
        /64 hex digits/,
      ],
      [['frobnicate', '--json'], 'USAGE', /unknown command/],
      [['read', '--json'], 'USAGE', /--reader/],
    ];
    for (const [args, code, message] of cases) {
      const result = await card(...args);
      expect(result.code).toBe(2);
      expect(json(result.stdout)).toEqual({
        error: { code, message: expect.stringMatching(message) },
      });
    }
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({ ...fields, purchase: { ...fields.purchase, purchaseCount: 70_000 } }),
    );
    const invalid = await card(
      'encode',
      '--kind',
      'user',
      '--in',
      bad,
      '--site-key',
      siteHex,
      '--json',
    );
    expect(invalid.code).toBe(2);
    expect(json(invalid.stdout)).toEqual({
      error: { code: 'INVALID_FIELDS', message: expect.stringMatching(/purchase.purchaseCount/) },
    });
  });
});

const READER = VIRTUAL_READERS[0];
const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `card CLI on the PC/SC stack${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();

    let unlock = () => {};
    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      unlock();
    });

    it('lists readers, reads and dumps a card, and says when there is none', async () => {
      const file = path.join(dir, 'fields.json');
      fs.writeFileSync(file, JSON.stringify(fields));
      const { hex } = json(
        (await card('encode', '--kind', 'user', '--in', file, '--site-key', siteHex, '--json'))
          .stdout,
      ) as { hex: string };
      // A card already carrying that image: the maker's area, then the image from byte 32.
      const memory = Buffer.from(hex, 'hex');
      Buffer.from('a2131091ff8115', 'hex').copy(memory, 0);
      await virtual.load({ kind: 'sle4442', memory: memory.toString('hex') });
      await virtual.insert();
      await waitForCard(READER, true);

      const readers = json((await card('readers', '--json')).stdout) as { readers: unknown[] };
      expect(readers.readers).toEqual(
        expect.arrayContaining([{ name: READER, atr: '3b04a2131091', media: 'sle4442' }]),
      );
      const read = json(
        (await card('read', '--reader', READER, '--site-key', siteHex, '--json')).stdout,
      );
      expect(read).toMatchObject({
        reader: READER,
        media: 'sle4442',
        status: 'valid',
        cardNo: '000000000777',
        blocks: { purchase: { purchaseCount: 4 } },
        hex: memory.toString('hex'),
      });
      const dump = json((await card('dump', '--reader', READER, '--json')).stdout);
      expect(dump.hex).toBe(memory.toString('hex'));

      await virtual.remove();
      await waitForCard(READER, false);
      const none = await card('read', '--reader', READER, '--json');
      expect(none.code).toBe(1);
      expect(json(none.stdout)).toEqual({
        error: { code: 'CARD_NOT_PRESENT', message: expect.stringContaining(READER) },
      });
      const missing = await card('dump', '--reader', 'No Such Reader', '--json');
      expect(json(missing.stdout)).toMatchObject({ error: { code: 'CARD_NO_READER' } });
    });
  },
);
