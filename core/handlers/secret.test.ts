import { openTestCore, setUpOffice, tempDir, type TestCore } from '../testing';

describe('the office secret', () => {
  let core: TestCore;
  let admin: string;
  beforeEach(async () => {
    core = await openTestCore();
    admin = (await setUpOffice(core)).sessionId;
  });
  afterEach(() => core.dispose());

  it('moves to a replacement PC through an encrypted file', async () => {
    const exported = await core.ok('secret.export', { passphrase: 'correct horse battery' }, admin);
    expect(exported.fileName).toMatch(/^powertill-office-secret-\d{4}-\d{2}-\d{2}\.json$/);
    expect(exported.content).not.toContain(core.services.secret.read()!.secret.toString('hex'));
    expect(exported.content).not.toContain(core.services.secret.read()!.secret.toString('base64'));

    const replacement = await openTestCore({ dataDir: tempDir() });
    try {
      const newAdmin = (await setUpOffice(replacement)).sessionId;
      const refused = await replacement.call(
        'secret.import',
        { file: exported.content, passphrase: 'correct horse battery' },
        newAdmin,
      );
      expect(refused).toMatchObject({ error: { code: 'SECRET_REPLACE_UNCONFIRMED' } });
      const imported = await replacement.ok(
        'secret.import',
        { file: exported.content, passphrase: 'correct horse battery', confirmReplace: true },
        newAdmin,
      );
      expect(imported).toEqual({ fingerprint: exported.fingerprint, replaced: true });
      expect(
        replacement.services.secret.read()!.secret.equals(core.services.secret.read()!.secret),
      ).toBe(true);
      // The replacement's own audit chain, keyed under the secret it made at setup, was carried
      // over to the imported one and still verifies.
      expect(replacement.services.audit.verify()).toMatchObject({ ok: true, firstBadSeq: null });
      // And the old PC's backups can now be restored there.
      const backup = await core.ok('backups.create', {}, admin);
      await expect(
        replacement.ok(
          'backups.inspect',
          { path: `${backup.folder}/${backup.fileName}` },
          newAdmin,
        ),
      ).resolves.toMatchObject({ manifest: { fingerprint: exported.fingerprint } });
    } finally {
      await replacement.dispose();
    }
  });

  it('refuses a file whose own KDF parameters would tie the PC up, at once', async () => {
    const exported = await core.ok('secret.export', { passphrase: 'correct horse battery' }, admin);
    for (const kdf of [{ p: 400 }, { N: 1 << 20, r: 64 }, { N: 3 }, { r: 0 }]) {
      const file = JSON.parse(exported.content);
      Object.assign(file.kdf, kdf);
      await expect(
        core.call(
          'secret.import',
          { file: JSON.stringify(file), passphrase: 'correct horse battery' },
          admin,
        ),
      ).resolves.toMatchObject({ error: { code: 'SECRET_FILE_INVALID' } });
    }
  });

  it('says when the imported secret is the one already here', async () => {
    const { content } = await core.ok('secret.export', { passphrase: 'passphrase-1' }, admin);
    await expect(
      core.ok('secret.import', { file: content, passphrase: 'passphrase-1' }, admin),
    ).resolves.toMatchObject({ replaced: false });
  });

  it('refuses a wrong passphrase, a tampered file and a foreign file, keeping the secret', async () => {
    const original = core.services.secret.read()!.secret;
    const { content } = await core.ok('secret.export', { passphrase: 'passphrase-1' }, admin);
    await expect(
      core.call(
        'secret.import',
        { file: content, passphrase: 'passphrase-2', confirmReplace: true },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'SECRET_PASSPHRASE_WRONG' } });
    const file = JSON.parse(content);
    file.cipher.data = Buffer.from('x'.repeat(32)).toString('base64');
    await expect(
      core.call(
        'secret.import',
        { file: JSON.stringify(file), passphrase: 'passphrase-1', confirmReplace: true },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'SECRET_PASSPHRASE_WRONG' } });
    await expect(
      core.call('secret.import', { file: '{"hello":1}', passphrase: 'passphrase-1' }, admin),
    ).resolves.toMatchObject({ error: { code: 'SECRET_FILE_INVALID' } });
    await expect(
      core.call('secret.import', { file: 'not json', passphrase: 'passphrase-1' }, admin),
    ).resolves.toMatchObject({ error: { code: 'SECRET_FILE_INVALID' } });
    expect(core.services.secret.read()!.secret.equals(original)).toBe(true);
  });
});
