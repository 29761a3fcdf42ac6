// What a failed e2e test's page showed, and its hosts' last lines, printed with the test's output:
// CI keeps the log, not the screenshots or traces, and this is what says why a step waited in vain
// (an error toast, a dialog still open, a call never answered, a host that died).
import type { Page, Request } from '@playwright/test';

/** A hung page does not answer an evaluate at all: the look gives up after this. */
const LOOK_MS = 5_000;

const READ_PAGE = `(() => {
  const seen = (el) => el.getClientRects().length > 0;
  const text = (el) => el.innerText.replace(/\\s+/g, ' ').trim().slice(0, 300);
  const all = (selector, label) => [...document.querySelectorAll(selector)]
    .filter(seen).map((el) => label + ': ' + text(el));
  return ['address: ' + location.href,
    ...all('.ant-message-notice, .ant-notification-notice, [role=alert]', 'toast/alert'),
    ...all('[role=dialog]', 'dialog'),
    'page: ' + text(document.body).slice(0, 600)];
})()`;

/**
 * Watches a test's page from its start; the function returned looks at it: its address, toasts
 * and alerts, open dialogs, its text, and the requests it still waits on (the page's push-event
 * stream among them) with how long each has waited.
 */
export function watchPage(page: Page): () => Promise<string[]> {
  const unanswered = new Map<Request, number>();
  page.on('request', (request) => unanswered.set(request, Date.now()));
  const answered = (request: Request) => unanswered.delete(request);
  page.on('requestfinished', answered);
  page.on('requestfailed', answered);
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const shown = await Promise.race([
      page
        .evaluate(READ_PAGE)
        .then((lines) => lines as string[])
        .catch((error: unknown) => [`(the page could not be read: ${String(error)})`]),
      new Promise<string[]>((resolve) => {
        timer = setTimeout(() => resolve([`(the page did not answer in ${LOOK_MS} ms)`]), LOOK_MS);
      }),
    ]);
    clearTimeout(timer);
    const now = Date.now();
    const waiting = [...unanswered].map(
      ([request, sent]) =>
        `waiting ${((now - sent) / 1000).toFixed(1)} s: ${request.method()} ${new URL(request.url()).pathname}`,
    );
    return [...shown, ...waiting];
  };
}

export interface HostSeen {
  url: string;
  /** The page as it was when this host was stopped (null: it was not, or it died by itself). */
  seenAtStop: string[] | null;
  lastLines(): string[];
}

/** The report: the page when the first host was stopped (else now), then each host's lines. */
export function failureReport(seenNow: string[], hosts: HostSeen[]): string {
  const atStop = hosts.find((host) => host.seenAtStop)?.seenAtStop;
  const lines = atStop
    ? ['--- what the page showed as its host was stopped', ...atStop]
    : ['--- what the page showed when the test failed', ...seenNow];
  for (const host of hosts)
    lines.push(`--- host ${new URL(host.url).origin}, its last lines`, ...host.lastLines());
  return lines.join('\n');
}
