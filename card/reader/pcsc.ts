// The PC/SC reader service on the `smartcard` binding (N-API: one build serves every Node and
// Electron version; shared access, so another program may use the reader between our operations).
// See docs/decisions/0010-pcsc-binding.md. The binding is an optional dependency: where it could
// not be built (no PC/SC headers) the service says so instead of failing to start, and a PC/SC
// service that is not running yet (or stops) is waited for, never fatal.
import { AppError } from '../../shared/errors';
import type { Binding, PcscCard, PcscContext, PcscMonitor, PcscReader } from './smartcardBinding';
import type {
  CardConnection,
  ReaderEvent,
  ReaderInfo,
  ReaderService,
  ReaderUnavailable,
} from './types';

export const TRANSMIT_TIMEOUT_MS = 5_000;

/** How long the watch waits before asking for the PC/SC service again: doubling, capped. */
export const SERVICE_RETRY_FIRST_MS = 1_000;
export const SERVICE_RETRY_MAX_MS = 30_000;

function loadBinding(): Binding | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('smartcard') as Binding;
  } catch (error) {
    return `the PC/SC binding (smartcard) is not installed: ${(error as Error).message.split('\n')[0]}`;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(onTimeout()), ms);
    }),
  ]);
}

/** A PC/SC failure in the office's words. */
function cardError(error: unknown, reader: string): Error {
  if (error instanceof AppError) return error;
  const name = (error as Error)?.constructor?.name ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (name === 'CardRemovedError' || /removed|reset/i.test(message))
    return new AppError('CARD_REMOVED', { reader });
  if (name === 'ServiceNotRunningError' || /service/i.test(message))
    return new AppError('CARD_READER_UNAVAILABLE', { detail: message });
  if (/unknown reader|not available|no readers/i.test(message))
    return new AppError('CARD_NO_READER', { reader });
  return new AppError('CARD_READER_FAILED', { reader, detail: message });
}

export class PcscReaderService implements ReaderService {
  private readonly binding: Binding | string;
  private ctx: PcscContext | null = null;

  constructor(
    private readonly transmitTimeoutMs = TRANSMIT_TIMEOUT_MS,
    binding: Binding | string = loadBinding(),
  ) {
    this.binding = binding;
  }

  unavailable(): ReaderUnavailable | null {
    if (typeof this.binding === 'string') return { reason: 'no-binding', detail: this.binding };
    try {
      this.context();
      return null;
    } catch (error) {
      this.ctx = null;
      return {
        reason: 'no-service',
        detail: `the PC/SC service is not running (${(error as Error).message})`,
      };
    }
  }

  /** The context, made again when the service was restarted under it. */
  private context(): PcscContext {
    if (typeof this.binding === 'string')
      throw new AppError('CARD_READER_UNAVAILABLE', { detail: this.binding });
    if (!this.ctx || !this.ctx.isValid) {
      try {
        this.ctx?.close();
      } catch {
        // an invalid context may refuse to close; it is dropped either way
      }
      this.ctx = new this.binding.Context();
    }
    return this.ctx;
  }

  private readers(): PcscReader[] {
    try {
      return this.context().listReaders();
    } catch (error) {
      // A stale context after pcscd restarted: one fresh try.
      this.ctx = null;
      try {
        return this.context().listReaders();
      } catch {
        throw cardError(error, '');
      }
    }
  }

  async list(): Promise<ReaderInfo[]> {
    return this.readers().map((r) => ({ name: r.name, atr: r.atr ? r.atr.toString('hex') : null }));
  }

  async connect(name: string): Promise<CardConnection> {
    const binding = this.binding as Binding;
    const reader = this.readers().find((r) => r.name === name);
    if (!reader) throw new AppError('CARD_NO_READER', { reader: name });
    if (!reader.atr || !(reader.state & binding.SCARD_STATE_PRESENT))
      throw new AppError('CARD_NOT_PRESENT', { reader: name });
    let card: PcscCard;
    try {
      card = await reader.connect(
        binding.SCARD_SHARE_SHARED,
        binding.SCARD_PROTOCOL_T0 | binding.SCARD_PROTOCOL_T1,
      );
    } catch (error) {
      throw cardError(error, name);
    }
    const timeout = this.transmitTimeoutMs;
    return {
      reader: name,
      atr: card.getStatus().atr,
      async transmit(apdu) {
        let response: Buffer;
        try {
          response = await withTimeout(
            card.transmit(apdu, { autoGetResponse: true }),
            timeout,
            () => new AppError('CARD_TIMEOUT', { reader: name }),
          );
        } catch (error) {
          throw cardError(error, name);
        }
        // No status word at all: the card left mid-exchange (some readers and vpcd report a
        // pulled card this way rather than with SCARD_W_REMOVED_CARD).
        if (response.length === 0) throw new AppError('CARD_REMOVED', { reader: name });
        return response;
      },
      async close() {
        try {
          card.disconnect(binding.SCARD_LEAVE_CARD);
        } catch {
          // already gone with the card
        }
      },
    };
  }

  /**
   * Reader and card events. A PC/SC service that is not running at start, or stops under us, is
   * asked for again with a doubling pause (1 s … 30 s), so readers appear without a restart once
   * the service comes; `service-up` / `service-down` tell the listener to look again.
   */
  watch(listener: (event: ReaderEvent) => void): () => void {
    if (typeof this.binding === 'string') return () => undefined;
    const binding: Binding = this.binding;
    let monitor: PcscMonitor | null = null;
    let timer: NodeJS.Timeout | undefined;
    let pause = SERVICE_RETRY_FIRST_MS;
    let stopped = false;
    let up = false;

    const retryLater = () => {
      if (stopped) return;
      timer = setTimeout(start, pause);
      timer.unref();
      pause = Math.min(pause * 2, SERVICE_RETRY_MAX_MS);
    };
    const serviceLost = () => {
      try {
        monitor?.stop();
      } catch {
        // a monitor whose service died may refuse to stop; it is dropped either way
      }
      monitor = null;
      this.ctx = null;
      if (up) listener({ type: 'service-down' });
      up = false;
      retryLater();
    };
    function start() {
      if (stopped) return;
      const next = new binding.ReaderMonitor();
      monitor = next;
      try {
        next.start((event) => {
          if (stopped || next !== monitor) return;
          switch (event.type) {
            case 'card-inserted':
              listener({
                type: event.type,
                reader: event.reader,
                atr: event.atr?.toString('hex') ?? '',
              });
              break;
            case 'card-removed':
            case 'reader-attached':
            case 'reader-detached':
              listener({ type: event.type, reader: event.reader });
              break;
            case 'error':
              // The service stopped (pcscd killed, Windows stopped Smart Card with the last
              // reader): wait for it again.
              serviceLost();
              break;
            default:
              break;
          }
        });
      } catch {
        monitor = null;
        retryLater();
        return;
      }
      pause = SERVICE_RETRY_FIRST_MS;
      up = true;
      listener({ type: 'service-up' });
    }

    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      try {
        monitor?.stop();
      } catch {
        // already gone with the service
      }
      monitor = null;
    };
  }
}
