// `npm test`: the whole check a newcomer or CI runs on a fresh clone. Installs what the tests
// need, then lint, formatting, type check, unit + integration (Jest) and end-to-end (Playwright),
// and closes with one line: `N passed, N failed`.
import fs from 'node:fs';
import path from 'node:path';
import { nodeRuntime } from './lib/native.mjs';
import {
  ensureBuilt,
  ensureCardBinding,
  ensureDependencies,
  ensureNativeFor,
  root,
  run,
} from './lib/prepare.mjs';
import { quickLoopbackAcks } from './lib/loopback.mjs';
import { ensureSystem } from './lib/system.mjs';

const results = [];
const bin = (name) =>
  path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const reportDir = path.join(root, 'test-results');
fs.mkdirSync(reportDir, { recursive: true });

function check(name, command, args) {
  console.log(`\n=== ${name}`);
  const status = run(command, args);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// Debian packages first: the PC/SC headers must be there when `npm install` builds the card
// reader binding; the Jest suites read receipts back with poppler, print them through CUPS and
// use cards through pcscd + vpcd; Playwright needs Chromium.
const system = ensureSystem(['pcsc', 'pdfTools', 'cups', 'chromium', 'cjkFont', 'socat']);
if (system.missing.length > 0) console.log(`Missing system packages: ${system.reason}`);

try {
  ensureDependencies();
  // The tests run under Node: its build of better-sqlite3, even if `npm start` or `npm run dist`
  // last put Electron's in node_modules.
  await ensureNativeFor(nodeRuntime());
  // Where the PC/SC stack is installed the card suites must run: a binding that cannot be built
  // then is a failure, not a quiet skip.
  const binding = ensureCardBinding();
  if (binding && !system.missing.includes('pcsc')) {
    console.error(`The card reader binding does not load: ${binding}`);
    results.push({ name: 'card reader binding', passed: 0, failed: 1, skipped: 0 });
  } else if (binding) console.log(`SKIPPED the card suites: ${binding}`);
  ensureBuilt({ force: true });
} catch (error) {
  console.error(error.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The virtual card readers' loopback answers at once while the tests run, and as before after.
const restoreLoopback = quickLoopbackAcks();
if (restoreLoopback) process.on('exit', restoreLoopback);

check('lint (ESLint with the import boundaries)', bin('eslint'), ['--max-warnings', '0', '.']);
check('formatting (Prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
check('type check (backend)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('type check (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']);

console.log('\n=== unit and integration tests (Jest)');
const jestReport = path.join(reportDir, 'jest.json');
fs.rmSync(jestReport, { force: true });
// Two workers even on two cores: the longest suites (the crash tests) mostly wait on the
// processes they kill, and one worker would run them one after another.
const jestStatus = run(bin('jest'), ['--json', `--outputFile=${jestReport}`, '--maxWorkers=2']);
const jest = readJson(jestReport);
if (jest) {
  results.push({
    name: 'jest',
    passed: jest.numPassedTests,
    failed: jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0),
    skipped: jest.numPendingTests + jest.numTodoTests,
  });
} else {
  results.push({ name: 'jest', passed: 0, failed: 1, skipped: 0 });
}
if (jestStatus !== 0 && jest && jest.numFailedTests === 0 && !jest.numRuntimeErrorTestSuites) {
  results.push({ name: 'jest exit status', passed: 0, failed: 1, skipped: 0 });
}

console.log('\n=== end-to-end tests (Playwright, Chromium)');
if (system.missing.includes('chromium') || system.missing.includes('cjkFont')) {
  console.log(`SKIPPED the end-to-end suite: ${system.reason}`);
  results.push({ name: 'e2e', passed: 0, failed: 0, skipped: 1 });
} else {
  const playwrightReport = path.join(reportDir, 'playwright.json');
  fs.rmSync(playwrightReport, { force: true });
  const status = run(bin('playwright'), ['test', '--reporter=list,json'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  });
  const stats = readJson(playwrightReport)?.stats;
  if (stats) {
    results.push({
      name: 'e2e',
      passed: stats.expected + (stats.flaky ?? 0),
      failed: stats.unexpected,
      skipped: stats.skipped,
    });
    if (status !== 0 && stats.unexpected === 0)
      results.push({ name: 'playwright exit status', passed: 0, failed: 1, skipped: 0 });
  } else {
    results.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0 });
  }
}

const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
console.log('\n=== summary');
for (const r of results)
  console.log(
    `  ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
const skipped = total('skipped');
console.log(
  `${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(total('failed') > 0 ? 1 : 0);
