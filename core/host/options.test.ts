import path from 'node:path';
import { parseLaunchOptions, readyLine, UsageError } from './options';
import { defaultDataDir, dataPaths } from '../paths';

describe('launch options', () => {
  it('defaults to a windowed start on any free port in the per-user folder', () => {
    expect(parseLaunchOptions([], { HOME: '/home/li' })).toMatchObject({
      headless: false,
      port: 0,
      demo: false,
    });
  });

  it('reads every flag', () => {
    expect(
      parseLaunchOptions(
        ['--headless', '--port', '8123', '--data-dir', '/srv/pt', '--demo', '--virtual-cards'],
        {},
      ),
    ).toEqual({
      headless: true,
      browser: false,
      port: 8123,
      dataDir: '/srv/pt',
      demo: true,
      virtualCards: true,
    });
  });

  it('in the desktop shell, leaves out the switches that are Chromium’s, not ours', () => {
    const argv = ['--no-sandbox', '--data-dir', '/srv/pt', '--enable-logging=stderr', '--demo'];
    expect(() => parseLaunchOptions(argv, {})).toThrow(UsageError);
    expect(parseLaunchOptions(argv, {}, { chromiumSwitches: true })).toMatchObject({
      dataDir: '/srv/pt',
      demo: true,
    });
    expect(
      parseLaunchOptions(['--port=8123', '--lang=zh-CN'], {}, { chromiumSwitches: true }).port,
    ).toBe(8123);
  });

  it('takes virtual cards only in training mode', () => {
    expect(() => parseLaunchOptions(['--virtual-cards'], {})).toThrow(UsageError);
    expect(parseLaunchOptions(['--demo'], {}).virtualCards).toBe(false);
  });

  it('takes POWERTILL_DATA_DIR when no flag is given', () => {
    expect(parseLaunchOptions([], { POWERTILL_DATA_DIR: '/data/office' }).dataDir).toBe(
      path.resolve('/data/office'),
    );
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--bogus']],
    [['stray']],
  ])('refuses %p with a usage error', (argv) => {
    expect(() => parseLaunchOptions(argv, {})).toThrow(UsageError);
  });

  it('prints the one ready line the brief asks for', () => {
    expect(readyLine('http://127.0.0.1:4000/', 'abc')).toBe(
      'PowerTill ready at http://127.0.0.1:4000/?token=abc',
    );
  });
});

describe('data folders', () => {
  it('follows each OS convention', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\li\\AppData\\Roaming', 'PowerTill'),
    );
    expect(defaultDataDir({ XDG_DATA_HOME: '/home/li/.data' }, 'linux')).toBe(
      '/home/li/.data/powertill',
    );
  });

  it('keeps training mode in its own folder and database', () => {
    const real = dataPaths('/d', false);
    const training = dataPaths('/d', true);
    expect(real.database).toBe('/d/powertill.sqlite3');
    expect(training.database).toBe('/d/training/powertill-training.sqlite3');
    expect(training.logs).toBe('/d/training/logs');
  });
});
