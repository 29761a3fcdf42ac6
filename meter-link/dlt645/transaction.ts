// A DL/T 645 request/reply over a bus arbiter: the reply is the first whole frame from the meter
// addressed (any meter, for a wildcard or broadcast address) with the reply bit set and the
// request's function; frames from other meters, echoes and noise are passed over.
import type { BusArbiter, Cut } from '../bus/arbiter';
import { BROADCAST, encodeFrame, scanFrames, WILDCARD, type Dlt645Frame } from './frame';
import { parseReply, type Reply } from './messages';

export function replyTo(request: Dlt645Frame): (received: Buffer) => Cut<Reply> {
  const anyMeter = request.address === WILDCARD || request.address === BROADCAST;
  // The whole of what came is scanned each time: only what is newly passed over is a rejection,
  // or one bad frame would count again with every chunk after it.
  let passedOver = 0;
  return (received) => {
    const scan = scanFrames(received);
    for (const frame of scan.frames) {
      const reply = (frame.control & 0x80) !== 0 && (frame.control & 0x1f) === request.control;
      if (reply && (anyMeter || frame.address === request.address))
        return { kind: 'reply', value: parseReply(frame) };
    }
    const now = scan.rejected + scan.frames.length;
    const fresh = now > passedOver;
    passedOver = now;
    return fresh ? { kind: 'rejected' } : { kind: 'incomplete' };
  };
}

/** Sends a DL/T 645 request on the line and waits for its reply. */
export function dlt645(
  bus: BusArbiter,
  request: Dlt645Frame,
  signal?: AbortSignal,
): Promise<Reply> {
  return bus.transact(encodeFrame(request), replyTo(request), signal);
}
