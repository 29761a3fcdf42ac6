// The audit chain against paper, on the real host: the daily report and the shift hand-over
// print the chain head; someone with the database file cuts the chain short while PowerTill is
// closed (every remaining link still follows); at the next start the check against the printed
// head catches it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AuditVerification } from '../../shared/api/types';
import { tempDir } from '../../core/testing';
import { hostBuilt, setUpHost, signInAdmin, startHost } from './hostRun';
import { readPdf } from './pdf';

/** The head as the paper shows it: "审计链 第 N 条 · XXXXXXXX". */
function printedAnchor(base64: string): { seq: number; hash: string } {
  const text = readPdf(base64).text.replace(/\s+/g, ' ');
  const found = /审计链 第 (\d+) 条 · ([0-9A-F]{8})/.exec(text);
  if (!found) throw new Error(`no audit anchor printed in: ${text.slice(-300)}`);
  return { seq: Number(found[1]), hash: found[2]! };
}

describe('the audit chain against its printed head', () => {
  let dir: string;
  beforeAll(hostBuilt);
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('catches records cut off the end after the daily report and the hand-over were printed', async () => {
    const dataDir = path.join(dir, 'data');
    let run = await startHost(['--data-dir', dataDir]);
    let daily: { seq: number; hash: string };
    let handOver: { seq: number; hash: string };
    try {
      const admin = await setUpHost(run);
      for (const name of ['星巴克', '肯德基', '屈臣氏'])
        expect((await run.call('customers.create', { name }, admin)).ok).toBe(true);
      const today = new Date().toISOString().slice(0, 10);
      const report = await run.call(
        'reports.salesFile',
        { from: today, to: today, format: 'pdf' },
        admin,
      );
      daily = printedAnchor((report.value as { base64: string }).base64);
      const shift = (await run.call('shifts.current', {}, admin)).value as { id: number };
      const slip = await run.call('shifts.report', { shiftId: shift.id }, admin);
      handOver = printedAnchor((slip.value as { base64: string }).base64);
      expect(handOver.seq).toBeGreaterThanOrEqual(daily.seq);
      const sound = (await run.call('audit.verify', { anchor: daily }, admin))
        .value as AuditVerification;
      expect(sound).toMatchObject({ ok: true, anchor: 'matches' });
      // Later work the forger wants gone.
      expect((await run.call('customers.create', { name: '要删掉的' }, admin)).ok).toBe(true);
    } finally {
      await run.stop();
    }

    // With PowerTill closed, the last records are cut off with a raw SQLite tool.
    const db = new Database(path.join(dataDir, 'powertill.sqlite3'));
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(daily.seq - 1);
    db.close();

    run = await startHost(['--data-dir', dataDir]);
    try {
      const session = await signInAdmin(run);
      // Without paper nothing is wrong: every remaining link follows from the one before.
      const alone = (await run.call('audit.verify', {}, session)).value as AuditVerification;
      expect(alone).toMatchObject({ ok: true, firstBadSeq: null });
      for (const paper of [daily, handOver]) {
        const checked = (await run.call('audit.verify', { anchor: paper }, session))
          .value as AuditVerification;
        // Gone, or (once new records took its number) there with another link.
        expect(checked.ok).toBe(false);
        expect(['missing', 'differs']).toContain(checked.anchor);
      }
    } finally {
      await run.stop();
    }
  }, 120_000);
});
