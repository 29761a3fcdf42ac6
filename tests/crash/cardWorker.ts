// The card crash test's worker: opens the office on the real PC/SC stack (which reconciles
// whatever the last run left pending against the card on the reader), then sells onto the
// tenant's card until it is killed. Between sales it also plays the meter: it writes the meter's
// write-back onto the card (purchase loaded) as a DDSY1352 does, so the next sale is a new
// purchase N + 1, and reads the card at the office. A kill can land in any of these.
import { readCard, writeCard } from '../../card/cardService';
import { writeMeterBlock } from '../../card/layout/cardImage';
import { PcscReaderService } from '../../card/reader/pcsc';
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { dyingAfter } from './dyingReader';
import { workerOffice } from './workerOffice';

const [dataDir, seedText, reader, killAtText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
let seed = Number(seedText);
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

async function main() {
  // The power fails after a random APDU of the run (the worker's reader dies with it).
  const readers = dyingAfter(new PcscReaderService(), Number(killAtText), true).service;
  const core = await openCore({
    dataDir,
    appVersion: 'card-crash-test',
    logger: silentLogger(),
    readers,
  });
  const { session } = await workerOffice(
    core,
    { officeName: 'card crash', meters: [{ meterNo: '000000000401', model: 'DDSY1352' }] },
    (call, sessionId) => call('cards.chooseReader', { reader }, sessionId).then(() => undefined),
  );
  const accountId = 1;
  // Issued once; a kill mid-issue leaves it 'issuing', settled by the next issue or read.
  if (
    !core.services.cards.liveFor(accountId) ||
    core.services.cards.liveFor(accountId)?.status === 'issuing'
  )
    await core.dispatcher.dispatch({
      method: 'cards.issue',
      input: { accountId },
      sessionId: session,
    });
  process.stdout.write('ready\n');

  const siteKey = core.services.secret.read()!.secret;
  for (;;) {
    const sold = await core.dispatcher.dispatch({
      method: 'sales.sell',
      input: { accountId, amountFen: 100 + Math.floor(random() * 10_000), paymentMethod: 'cash' },
      sessionId: session,
    });
    const expected = [
      'PURCHASE_NOT_LOADED',
      'OPERATION_PENDING',
      'DELIVERY_UNCONFIRMED',
      'TARGET_UNREACHABLE',
    ];
    if (!sold.ok && !expected.includes(sold.error.code))
      throw new Error(JSON.stringify(sold.error));

    // The tenant's meter loads what is on the card and writes back.
    const connection = await readers.connect(reader);
    try {
      const reading = await readCard(connection, siteKey);
      const purchase = reading.card.blocks.purchase;
      if (
        reading.card.status === 'valid' &&
        purchase &&
        reading.card.blocks.writeBack?.present !== true
      ) {
        const next = writeMeterBlock(reading.image, 'user', 'writeBack', {
          present: true,
          loadedCount: purchase.purchaseCount as number,
          remainingFen: 0,
          cumulativeEnergy: 0,
          overdraftUsedFen: 0,
          illegalInsertCount: 0,
          tamperFlags: 0,
          writtenAt: '2026-11-25 10:00:00',
          meterNo: '000000000401',
        });
        await writeCard(connection, {
          current: reading.image,
          next,
          cardNo: reading.card.cardNo!,
          siteKey,
        });
      }
    } finally {
      await connection.close();
    }
    await core.dispatcher.dispatch({ method: 'cards.read', input: {}, sessionId: session });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
