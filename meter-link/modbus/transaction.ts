// A Modbus-RTU request/reply over a bus arbiter: the reply is what scanReply cuts out of the bytes
// received for this request's unit and function; echoes and other units' answers are passed over.
import type { BusArbiter, Cut } from '../bus/arbiter';
import { encodeRequest, scanReply, type ModbusReply, type ModbusRequest } from './rtu';

export function replyTo(request: ModbusRequest): (received: Buffer) => Cut<ModbusReply> {
  // Each cut scans all that came: only candidates newly thrown away count as rejected.
  let rejectedSoFar = 0;
  return (received) => {
    const scan = scanReply(request, received);
    if (scan.reply) return { kind: 'reply', value: scan.reply };
    const fresh = scan.rejected > rejectedSoFar;
    rejectedSoFar = scan.rejected;
    return fresh ? { kind: 'rejected' } : { kind: 'incomplete' };
  };
}

export function modbus(
  bus: BusArbiter,
  request: ModbusRequest,
  signal?: AbortSignal,
): Promise<ModbusReply> {
  return bus.transact(encodeRequest(request), replyTo(request), signal);
}
