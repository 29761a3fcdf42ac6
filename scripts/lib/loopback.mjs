// The virtual card readers (vpcd) reach pcscd over loopback TCP, and there every APDU waited for a
// delayed acknowledgement: 48 ms an APDU, measured, against 0.3 ms with the loopback routes
// acknowledging at once. Real readers sit on USB; only the test rig paid this, in every card suite
// and most of all in the card crash test. So for the length of `npm test`, as root on Linux, the
// loopback routes get `quickack 1`, and they are put back as they were when the run ends
// (decision 0026). Anywhere else nothing changes and the card suites are only slower.
import { spawnSync } from 'node:child_process';

const ip = (args) => spawnSync('ip', args, { encoding: 'utf8' });

/** Turns quick ACKs on for the loopback routes; returns how to put them back (or null). */
export function quickLoopbackAcks() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const shown = ip(['route', 'show', 'table', 'local']);
  if (shown.status !== 0) return null;
  const routes = shown.stdout
    .split('\n')
    .filter((line) => /^local 127\.\S+ dev lo\b/.test(line) && !/\bquickack\b/.test(line))
    .map((line) => line.trim().split(/\s+/));
  const changed = routes.filter(
    (route) => ip(['route', 'change', ...route, 'table', 'local', 'quickack', '1']).status === 0,
  );
  if (changed.length === 0) return null;
  console.log(`loopback: quick ACKs on for ${changed.length} route(s) during the run (vpcd)`);
  return () => {
    for (const route of changed) ip(['route', 'change', ...route, 'table', 'local']);
  };
}
