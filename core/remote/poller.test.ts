// The poller's minute: tariff pushes every tick once a line is set, whatever the polling
// interval; polls only when due. The desk and the pushes are stand-ins (this module's unit test).
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../office/settingsStore';
import type { MeterDesk } from './meterDesk';
import { Poller } from './poller';
import type { TariffPushes } from './tariffPushes';

function poller(line: boolean, intervalMinutes: number) {
  const pushDue = jest.fn().mockResolvedValue({ pushed: 0, failed: 0 });
  const poll = jest.fn().mockResolvedValue(undefined);
  const log = { info: jest.fn(), error: jest.fn() } as unknown as Logger;
  const settings = {
    meterLine: () => (line ? { kind: 'tcp', host: '127.0.0.1', port: 1 } : null),
    pollIntervalMinutes: () => intervalMinutes,
  } as unknown as SettingsStore;
  const p = new Poller({
    meters: { polled: () => [{ id: 1 }] },
    desk: { poll } as unknown as MeterDesk,
    tariffPushes: { pushDue } as unknown as TariffPushes,
    settings,
    log,
    clock: () => new Date('2026-12-01T02:00:00Z'),
    write: ((fn: () => unknown) => fn()) as Write,
  });
  return { p, pushDue, poll };
}

describe('the poller’s minute', () => {
  it('pushes due tariffs even when polling is off, and does not poll', async () => {
    const { p, pushDue, poll } = poller(true, 0);
    await p.tick();
    expect(pushDue).toHaveBeenCalledTimes(1);
    expect(poll).not.toHaveBeenCalled();
  });

  it('pushes, then polls when a poll is due', async () => {
    const { p, pushDue, poll } = poller(true, 15);
    await p.tick();
    expect(pushDue).toHaveBeenCalledTimes(1);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('does nothing without a line', async () => {
    const { p, pushDue, poll } = poller(false, 15);
    await p.tick();
    expect(pushDue).not.toHaveBeenCalled();
    expect(poll).not.toHaveBeenCalled();
  });
});
