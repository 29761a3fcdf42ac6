import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../core/testing';
import { appProtocolHandler } from './protocol';

jest.mock('electron', () => ({}));

describe('the app:// protocol', () => {
  let dir: string;
  let handle: (request: Request) => Promise<Response>;
  beforeAll(() => {
    dir = tempDir();
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<html>app</html>');
    fs.writeFileSync(path.join(renderer, 'assets', 'main.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
    handle = appProtocolHandler(renderer);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves the renderer with a strict CSP', async () => {
    const response = await handle(new Request('app://powertill/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<html>app</html>');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const script = await handle(new Request('app://powertill/assets/main.js'));
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('loads the app for client routes', async () => {
    expect(await (await handle(new Request('app://powertill/sales'))).text()).toBe(
      '<html>app</html>',
    );
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://powertill/../secret.txt',
      'app://powertill/%2e%2e/secret.txt',
      'app://powertill/assets/..%2f..%2fsecret.txt',
    ]) {
      const response = await handle(new Request(url));
      expect(await response.text()).not.toBe('do not serve');
    }
  });

  it('answers 404 for other hosts and missing files', async () => {
    expect((await handle(new Request('app://other/'))).status).toBe(404);
    expect((await handle(new Request('app://powertill/assets/missing.js'))).status).toBe(404);
  });
});
