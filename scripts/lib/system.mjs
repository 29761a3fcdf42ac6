// Debian packages the test suites need, installed when missing (RECIPES.md). Where that cannot
// happen (not root, not Debian) the caller is told what is missing and why, so the suites that
// need it are reported as skipped, never silently passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** What a suite needs: a check that it is present and the Debian packages that provide it. */
export const REQUIREMENTS = {
  chromium: { present: () => fs.existsSync(chromiumPath()), packages: ['chromium'] },
  pdfTools: {
    present: () => spawnSync('pdftotext', ['-v']).status === 0,
    packages: ['poppler-utils'],
  },
  // A private CUPS scheduler prints the receipts in tests/integration/printing.test.ts.
  cups: {
    present: () => fs.existsSync('/usr/sbin/cupsd') && fs.existsSync('/usr/bin/lp'),
    packages: ['cups-daemon', 'cups-client'],
  },
  // pcscd with the vpcd virtual readers, and the headers the smartcard binding compiles against
  // (so this one must be installed before `npm install`).
  pcsc: {
    present: () =>
      fs.existsSync('/usr/sbin/pcscd') &&
      fs.existsSync('/etc/reader.conf.d/vpcd') &&
      fs.existsSync('/usr/include/PCSC/winscard.h'),
    packages: ['pcscd', 'libpcsclite-dev', 'vsmartcard-vpcd'],
  },
  // socat links two ptys: real serial byte streams for the RS485 tests.
  socat: { present: () => fs.existsSync('/usr/bin/socat'), packages: ['socat'] },
  cjkFont: {
    present: () =>
      (spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout ?? '').trim() !==
      '',
    packages: ['fonts-wqy-microhei', 'fontconfig'],
  },
};

export function chromiumPath() {
  return process.env.POWERTILL_CHROMIUM ?? '/usr/bin/chromium';
}

function canApt() {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root';
  if (!fs.existsSync('/usr/bin/apt-get')) return 'no apt-get (not Debian)';
  return null;
}

/** Returns { missing: [names], reason } after trying to install what is missing. */
export function ensureSystem(names) {
  const missing = () => names.filter((name) => !REQUIREMENTS[name].present());
  const before = missing();
  if (before.length === 0) return { missing: [], reason: null };
  const blocker = canApt();
  if (blocker)
    return { missing: before, reason: `cannot install ${before.join(', ')}: ${blocker}` };
  const packages = [...new Set(before.flatMap((name) => REQUIREMENTS[name].packages))];
  console.log(`Installing Debian packages for the tests: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
    { stdio: 'inherit', env },
  );
  const after = missing();
  if (after.length === 0) return { missing: [], reason: null };
  return {
    missing: after,
    reason: `apt-get install ${packages.join(' ')} exited ${install.status}; still missing ${after.join(', ')}`,
  };
}
