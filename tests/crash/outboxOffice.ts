// How the outbox crash test opens the office, in its worker and for its last opening alike: no
// timers of its own, the modem's timeouts short, and a part nobody can vouch for sent again after
// 3 s (10 minutes in the office).
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';

export const openOutboxOffice = (dataDir: string) =>
  openCore({
    dataDir,
    appVersion: 'outbox-crash-test',
    logger: silentLogger(),
    pollMeters: false,
    scheduleBackups: false,
    modemOptions: { commandTimeoutMs: 800, sendTimeoutMs: 1_500 },
    smsReportWindowMs: 3_000,
  });
