// A card reader whose power fails after a given APDU: the crash workers' way to land a SIGKILL on
// an APDU boundary rather than on a timer. With the virtual reader answering in a fraction of a
// millisecond, a timer lands almost always between card operations, and almost never in the
// instant between a write's read-back and its settling, which is the one that matters most.
import type { ReaderService } from '../../card/reader/types';

/**
 * The power fails right after the card answered the `killAt`-th APDU counted from `arm()` (or from
 * the first APDU, armed at once): kills land on APDU boundaries, evenly over the exchanges with the
 * card that follow.
 */
export function dyingAfter(readers: ReaderService, killAt: number, armed = false) {
  let answered: number | null = armed ? 0 : null;
  const service: ReaderService = {
    unavailable: () => readers.unavailable(),
    list: () => readers.list(),
    watch: (listener) => readers.watch(listener),
    connect: async (name) => {
      const connection = await readers.connect(name);
      return {
        reader: connection.reader,
        atr: connection.atr,
        close: () => connection.close(),
        transmit: async (apdu) => {
          const answer = await connection.transmit(apdu);
          if (answered !== null && (answered += 1) === killAt) process.kill(process.pid, 'SIGKILL');
          return answer;
        },
      };
    },
  };
  return { service, arm: () => (answered ??= 0) };
}
