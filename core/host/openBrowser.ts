// Opens the system browser on the ready URL where there is a desktop to show it on.
import { spawn } from 'node:child_process';

export function openBrowser(url: string, env = process.env, platform = process.platform): boolean {
  let command: [string, string[]] | null = null;
  if (platform === 'win32') command = ['cmd', ['/c', 'start', '""', url]];
  else if (platform === 'darwin') command = ['open', [url]];
  else if (env.DISPLAY || env.WAYLAND_DISPLAY) command = ['xdg-open', [url]];
  if (!command) return false;
  try {
    const child = spawn(command[0], command[1], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the browser on an instance already running, from its ready line (read from its 0600 lock
 * file): the running host is asked for a one-time code, so the token stays off the command line.
 */
export async function openRunningInstance(readyLine: string): Promise<boolean> {
  const ready = /(http:\/\/127\.0\.0\.1:\d+\/)\?token=(\S+)/.exec(readyLine);
  if (!ready) return false;
  const [, base, token] = ready;
  try {
    const response = await fetch(`${base}launch-code`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { ok: boolean; value?: { code: string } };
    if (!body.ok || !body.value) return false;
    return openBrowser(`${base}launch?code=${body.value.code}`);
  } catch {
    return false;
  }
}
