import { strFromU8, unzipSync } from 'fflate';
import { loadMigrations } from './db/migrate';
import { migrationsDir } from './paths';
import { ADMIN, openTestCore, setUpOffice, type TestCore } from './testing';

describe('the diagnostics package', () => {
  let core: TestCore;
  beforeEach(async () => (core = await openTestCore()));
  afterEach(() => core.dispose());

  it('holds versions, database health and logs, and no secrets', async () => {
    const admin = (await setUpOffice(core)).sessionId;
    const { fileName, base64 } = await core.ok('diagnostics.export', {}, admin);
    expect(fileName).toMatch(/^powertill-diagnostics-.*\.zip$/);
    const files = unzipSync(Buffer.from(base64, 'base64'));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest).toMatchObject({
      app: { version: '0.0.0-test', schemaVersion: loadMigrations(migrationsDir()).length },
      database: { integrity: ['ok'], rowCounts: { operators: 1 } },
      office: { secretFingerprint: core.services.secret.read()!.fingerprint },
    });
    const everything = Object.values(files)
      .map((f) => Buffer.from(f).toString('latin1'))
      .join('\n');
    expect(everything).not.toContain(core.services.secret.read()!.secret.toString('hex'));
    expect(everything).not.toContain('scrypt$');
    expect(everything).not.toContain(ADMIN.password);
  });
});
