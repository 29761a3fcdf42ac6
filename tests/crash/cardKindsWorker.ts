// The card journal's crash test worker for the kinds other than a sale: opens the office on the
// real PC/SC stack (which settles at start what the last run left pending), then works the one
// plastic on the reader through a tenant card's and a management card's whole life until it is
// killed: a blank card is issued to the tenant (开户发卡, later 补卡) or made a management card;
// the tenant's card is sold onto and the sale reversed (冲正), or reported lost; a lost tenant card
// or a management card is erased back to blank. A kill can land between any two APDUs of any of
// these; the test settles and checks after every kill.
import { PcscReaderService } from '../../card/reader/pcsc';
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { sequence } from './harness';
import { workerOffice } from './workerOffice';

const [dataDir, seedText, reader] = process.argv.slice(2) as [string, string, string];
const next = sequence(Number(seedText));
const random = () => next() / 2 ** 31;

/** What the card on the reader may answer mid-cycle; anything else is a bug. */
const EXPECTED = [
  'OPERATION_PENDING',
  'PURCHASE_NOT_LOADED',
  'DELIVERY_UNCONFIRMED',
  'SALE_NOT_REVERSIBLE',
];

/** Tenants, each with a card meter: enough that blank plastic often goes to a first issue. */
const ACCOUNTS = 30;

const MANAGEMENT_ORDERS = [
  { kind: 'check' },
  { kind: 'test' },
  { kind: 'timeSet' },
  {
    kind: 'parameter',
    meterId: null,
    tariffId: 1,
    alarm1Fen: 2_000,
    alarm2Fen: 1_000,
    overdraftFen: 0,
    hoardingFen: 0,
  },
];

async function main() {
  const core = await openCore({
    dataDir,
    appVersion: 'card-kinds-crash-test',
    logger: silentLogger(),
    readers: new PcscReaderService(),
    scheduleBackups: false,
    pollMeters: false,
  });
  const { session } = await workerOffice(
    core,
    {
      officeName: 'card kinds crash',
      meters: Array.from({ length: ACCOUNTS }, (_, i) => ({
        meterNo: String(420 + i).padStart(12, '0'),
        model: 'DDSY1352' as const,
      })),
    },
    (call, sessionId) => call('cards.chooseReader', { reader }, sessionId).then(() => undefined),
  );
  const call = async (method: string, input: unknown) => {
    const result = await core.dispatcher.dispatch({ method, input, sessionId: session });
    if (!result.ok && !EXPECTED.includes(result.error.code))
      throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result;
  };
  process.stdout.write('ready\n');

  for (;;) {
    const read = await call('cards.read', {});
    if (!read.ok) continue;
    const card = read.value as {
      status: string;
      kind: string | null;
      ledger: { accountId: number; card: { status: string } } | null;
    };
    if (card.status === 'blank') {
      // The blank plastic goes to a tenant who never had a card, to one whose card was lost
      // (or whose issue never reached a card), or becomes a management card.
      const accountId = 1 + Math.floor(random() * ACCOUNTS);
      const live = core.services.cards.liveFor(accountId);
      if (live?.status === 'active' || random() < 0.3) {
        const order = MANAGEMENT_ORDERS[Math.floor(random() * MANAGEMENT_ORDERS.length)];
        await call('cards.makeManagement', order);
      } else {
        const issued = core.services.cards
          .forAccount(accountId)
          .some((c) => c.status === 'lost' || c.status === 'replaced');
        await call(issued ? 'cards.reissue' : 'cards.issue', { accountId });
      }
    } else if (card.kind === 'user' && card.ledger?.card.status === 'active') {
      const { accountId } = card.ledger;
      if (random() < 0.7) {
        const sold = await call('sales.sell', {
          accountId,
          amountFen: 100 + Math.floor(random() * 10_000),
          paymentMethod: 'cash',
        });
        if (sold.ok)
          await call('sales.reverse', {
            saleId: (sold.value as { id: number }).id,
            reason: '收错金额',
          });
      } else {
        await call('cards.reportLost', { accountId });
      }
    } else {
      // A lost tenant card or a management card: wiped so the plastic can be used again.
      await call('cards.erase', {});
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
