// Response APDUs: the data and the status word, and what a status word means for the office.
import { AppError } from '../../shared/errors';

export interface Response {
  data: Buffer;
  sw: number;
}

export function split(response: Buffer): Response {
  if (response.length < 2) throw new AppError('CARD_PROTOCOL', { detail: 'short response' });
  return {
    data: response.subarray(0, response.length - 2),
    sw: response.readUInt16BE(response.length - 2),
  };
}

export function hex(sw: number): string {
  return sw.toString(16).padStart(4, '0').toUpperCase();
}

/** The response's data when the card answered 90 00; a coded error naming the step otherwise. */
export function expectOk(response: Buffer, step: string): Buffer {
  const { data, sw } = split(response);
  if (sw !== 0x9000) throw new AppError('CARD_PROTOCOL', { detail: `${step}: SW ${hex(sw)}` });
  return data;
}
