-- The office secret sealed by the operating system's key store (Electron safeStorage: DPAPI on
-- Windows, libsecret/kwallet on Linux) where one is available: `sealed` holds the OS-encrypted
-- secret and `secret` is then zeroes. Without a key store `sealed` stays NULL and `secret` holds it
-- (protected by the data folder's 0700/0600 modes). See docs/decisions/0017.
ALTER TABLE office_secret ADD COLUMN sealed BLOB;
