// The card journal's crash test worker for the kinds other than a sale: opens the office on the
// real PC/SC stack (which settles at start what the last run left pending), then works the one
// plastic on the reader round a tenant card's and a management card's life, toward the kind this
// run is to be killed in: a blank card is issued to a tenant (开户发卡, or 补卡 after a loss) or
// made a management card; a tenant's card is sold onto and the sale reversed (冲正), or reported
// lost; a management card is made again for another job; a lost tenant card or a management card
// is erased back to blank. The power fails after a random APDU of the run's first operation of
// that kind (or of what follows it); the test settles and judges after every kill.
import { PcscReaderService } from '../../card/reader/pcsc';
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { dyingAfter } from './dyingReader';
import { sequence } from './harness';
import { workerOffice } from './workerOffice';

const [dataDir, seedText, reader, target, killAtText] = process.argv.slice(2) as [
  string,
  string,
  string,
  'cardIssue' | 'cardReissue' | 'managementCard' | 'reversal',
  string,
];
const next = sequence(Number(seedText));
const random = () => next() / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** What the card on the reader may answer mid-cycle; anything else is a bug. */
const EXPECTED = [
  'OPERATION_PENDING',
  'PURCHASE_NOT_LOADED',
  'DELIVERY_UNCONFIRMED',
  'SALE_NOT_REVERSIBLE',
];

/** Tenants, each with a card meter: enough for a first issue on most runs that want one. */
const ACCOUNTS = 60;

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
  const power = dyingAfter(new PcscReaderService(), Number(killAtText));
  const core = await openCore({
    dataDir,
    appVersion: 'card-kinds-crash-test',
    logger: silentLogger(),
    readers: power.service,
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
  const call = async (method: string, input: unknown, kind?: typeof target) => {
    if (kind === target) power.arm();
    const result = await core.dispatcher.dispatch({ method, input, sessionId: session });
    if (!result.ok && !EXPECTED.includes(result.error.code))
      throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result;
  };
  const accounts = (sql: string) =>
    (core.services.db.prepare(sql).all() as { id: number }[]).map((a) => a.id);
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
      // A card being made that the last run left pending never reached this blank plastic, the
      // only one here: the supervisor voids it from 待确认, saying so.
      const pending = await call('journal.pending', {});
      for (const row of (pending.ok ? pending.value : []) as { id: number; kind: string }[])
        if (['cardIssue', 'cardReissue', 'managementCard'].includes(row.kind))
          await call('journal.abandon', { id: row.id, reason: '卡未写成，空白卡已另作他用' });
      // The blank plastic becomes a management card, the card of a tenant whose card was lost, or
      // that of a tenant who never had one (or whose issue never reached a card).
      const lost = accounts(
        `SELECT DISTINCT account_id AS id FROM cards c WHERE status = 'lost' AND NOT EXISTS
           (SELECT 1 FROM cards l WHERE l.account_id = c.account_id AND l.status = 'active')`,
      );
      const fresh = accounts(
        `SELECT id FROM accounts a WHERE NOT EXISTS
           (SELECT 1 FROM cards c WHERE c.account_id = a.id AND c.status IN ('active', 'lost', 'replaced'))`,
      );
      if (target === 'managementCard')
        await call('cards.makeManagement', pick(MANAGEMENT_ORDERS), 'managementCard');
      else if (lost.length > 0 && (target === 'cardReissue' || fresh.length === 0))
        await call('cards.reissue', { accountId: pick(lost) }, 'cardReissue');
      else await call('cards.issue', { accountId: pick(fresh) }, 'cardIssue');
    } else if (card.kind === 'user' && card.ledger?.card.status === 'active') {
      const { accountId } = card.ledger;
      if (target === 'reversal' || random() < 0.2) {
        const sold = await call('sales.sell', {
          accountId,
          amountFen: 100 + Math.floor(random() * 10_000),
          paymentMethod: 'cash',
        });
        if (sold.ok)
          await call(
            'sales.reverse',
            { saleId: (sold.value as { id: number }).id, reason: '收错金额' },
            'reversal',
          );
      } else {
        await call('cards.reportLost', { accountId });
      }
    } else if (card.kind !== 'user' && target === 'managementCard') {
      // A management card made again for another job, over the old one.
      await call('cards.makeManagement', pick(MANAGEMENT_ORDERS), 'managementCard');
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
