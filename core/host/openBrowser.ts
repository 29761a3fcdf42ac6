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
