// The benches' ledger generator takes a ledger back to before the kept totals, to time their
// migration on a million sales. Each later migration must be undone with it, or that migration
// fails when it runs again (0026 did, and the ledger bench stopped): migrating again must give
// the schema back exactly.
import { openTestCore, setUpOffice, tempDir } from '../../core/testing';
import type { Db } from '../../core/db/open';
import { beforeKeptTotals } from '../seedOffice';

const schemaOf = (db: Db) =>
  db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();

it('takes a ledger back to version 24, and migrating again gives its schema back', async () => {
  const dataDir = tempDir();
  const first = await openTestCore({ dataDir });
  await setUpOffice(first);
  const latest = schemaOf(first.services.db);
  beforeKeptTotals(first.services.db);
  expect(first.services.db.pragma('user_version', { simple: true })).toBe(24);
  await first.close();
  const again = await openTestCore({ dataDir });
  try {
    expect(schemaOf(again.services.db)).toEqual(latest);
  } finally {
    await again.dispose();
  }
}, 60_000);
