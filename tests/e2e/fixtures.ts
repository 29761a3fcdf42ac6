// Playwright fixtures: a real PowerTill host process on a fresh data folder, started the way
// `npm start -- --headless` starts it, and a place to keep screenshots as test artifacts.
import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failureReport, watchPage, type HostSeen } from './failureReport';

const root = path.resolve(__dirname, '..', '..');
export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');

export interface RunningHost extends HostSeen {
  dataDir: string;
  process: ChildProcess;
}

const KEPT_LINES = 30;

/** The log file's last lines (JSON records), read before a test's data folder is removed. */
function logTail(dataDir: string): string[] {
  try {
    const text = fs.readFileSync(path.join(dataDir, 'logs', 'powertill.log'), 'utf8');
    return text.split('\n').filter(Boolean).slice(-KEPT_LINES);
  } catch {
    return [];
  }
}

/** Hosts started since the current test began: a failed test prints their last lines. */
const startedInTest: RunningHost[] = [];
/** Looks at the running test's page: a host's stop looks first, as the page then changes. */
let lookAtPage: (() => Promise<string[]>) | null = null;

export async function startHost(
  dataDir: string,
  extra: string[] = [],
  /** The host's environment: a private CUPS scheduler's CUPS_SERVER, say. */
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'dist', 'host', 'main.cjs'),
      '--headless',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...extra,
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const kept: string[] = [];
  const keep = (chunk: Buffer) => {
    kept.push(...chunk.toString().split('\n').filter(Boolean));
    kept.splice(0, Math.max(0, kept.length - KEPT_LINES));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PowerTill ready at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited ${code}:\n${output}`)));
  });
  let ended: string[] | null = null;
  child.on('exit', (code, signal) => {
    // Read at once: a fixture's folder is removed right after its host stops.
    ended = [...logTail(dataDir), `(the host ended: ${signal ?? `exit code ${code}`})`];
  });
  const host: RunningHost = {
    url,
    dataDir,
    process: child,
    seenAtStop: null,
    lastLines: () => [...kept, '(its log file:)', ...(ended ?? logTail(dataDir))],
  };
  startedInTest.push(host);
  return host;
}

export async function stopHost(host: RunningHost) {
  // A host killed by a signal has no exit code, only its signal.
  if (host.process.exitCode !== null || host.process.signalCode !== null) return;
  host.seenAtStop = (await lookAtPage?.()) ?? null;
  const exited = new Promise((resolve) => host.process.once('exit', resolve));
  host.process.kill('SIGTERM');
  await exited;
}

export async function snap(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Let dialogs and toasts finish their motion, so the picture shows what a person sees. A
  // drawer starts its transition a frame or two after it is in the page: wait for those frames
  // first, or the picture catches it half-way in (seen: a customer drawer cut off at the edge).
  await page.evaluate(
    `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null))))
      .then(() => Promise.all(document.getAnimations()
        .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined))))`,
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export const test = base.extend<{ host: RunningHost; failureReport: void }>({
  failureReport: [
    async ({ page }, use, testInfo) => {
      startedInTest.length = 0;
      const look = watchPage(page);
      lookAtPage = look;
      await use();
      lookAtPage = null;
      if (testInfo.status !== testInfo.expectedStatus && testInfo.status !== 'skipped')
        console.log(failureReport(await look(), startedInTest));
    },
    { auto: true },
  ],
  // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-e2e-'));
    const host = await startHost(dataDir);
    await use(host);
    await stopHost(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
