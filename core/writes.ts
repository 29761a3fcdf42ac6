// Writes made outside a call's own transaction: a transaction plus its audit record.
import type { Write } from './db/unitOfWork';
import type { CoreServices } from './services';

/**
 * A transaction plus its audit record, for work that goes on after the call that started it
 * (a batch) or that the office PC does by itself (operator null: the system).
 */
export function backgroundWrite(
  services: Pick<CoreServices, 'unitOfWork' | 'audit' | 'clock'>,
  method: string,
  operator: { id: number; username: string } | null,
): Write {
  return (fn, detail) =>
    services.unitOfWork(fn, (result) =>
      services.audit.append({
        at: services.clock(),
        operatorId: operator?.id ?? null,
        operatorName: operator?.username ?? 'system',
        method,
        outcome: 'ok',
        detail: detail?.(result) ?? {},
      }),
    );
}

export const systemWrite = (
  services: Pick<CoreServices, 'unitOfWork' | 'audit' | 'clock'>,
  method: string,
): Write => backgroundWrite(services, method, null);
