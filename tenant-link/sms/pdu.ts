// SMS in PDU mode (3GPP TS 23.040): the SMS-SUBMIT the office hands its modem (AT+CMGS), cut into
// concatenated parts with a user data header (§9.2.3.24.1) when it is too long for one; the
// SMS-STATUS-REPORT the network sends back (§9.2.2.3); and, for the simulated modem, the way back
// from a SUBMIT to its text. GSM 7-bit where every character has a code (160 a message, 153 a
// part), UCS2 otherwise (Chinese: 70 a message, 67 a part; TS 23.038 §5).
import {
  gsm7Parts,
  MAX_PARTS,
  ucs2Parts,
  ucs2Units,
  type SmsEncoding,
} from '../../shared/sms/segments';
import { fromSeptets, packSeptets, toSeptets, unpackSeptets } from './gsm7';

export { LIMITS, MAX_PARTS, segmentsOf, type SmsEncoding } from '../../shared/sms/segments';

/** TP-DCS: the default alphabet, or UCS2 (TS 23.038 §4, general data coding, class none). */
const DCS: Record<SmsEncoding, number> = { gsm7: 0x00, ucs2: 0x08 };

export class PduError extends Error {}

export interface SubmitOptions {
  /** Ask the network for a status report (TP-SRR). */
  statusReport: boolean;
  /** 0–255, the same for every part of one message: how the phone puts them together. */
  concatReference: number;
  /**
   * Relative validity period in hours (TP-VP, one octet: §9.2.3.12.1): 1–24, or whole days up
   * to 30 (24, 48 … 720). 24 when not given.
   */
  validityHours?: number;
}

/** One SMS-SUBMIT as AT+CMGS takes it. */
export interface SubmitPdu {
  /** Hex: the service centre address (00: the SIM's own) then the TPDU. */
  hex: string;
  /** AT+CMGS's length: the TPDU's octets, the service centre address not counted. */
  tpduLength: number;
}

/**
 * An address field (§9.1.2.5): the number of digits, the type (0x91 international for "+…",
 * 0x81 otherwise), the digits as swapped semi-octets padded with F.
 */
export function encodeAddress(number: string): Buffer {
  const international = number.startsWith('+');
  const digits = international ? number.slice(1) : number;
  if (!/^\d{1,20}$/.test(digits)) throw new PduError(`not a phone number: ${number}`);
  return Buffer.concat([
    Buffer.from([digits.length, international ? 0x91 : 0x81]),
    swappedDigits(digits),
  ]);
}

function swappedDigits(digits: string): Buffer {
  const padded = digits.length % 2 === 0 ? digits : `${digits}F`;
  const out = Buffer.alloc(padded.length / 2);
  for (let i = 0; i < out.length; i += 1)
    out[i] = parseInt(`${padded[i * 2 + 1]}${padded[i * 2]}`, 16);
  return out;
}

function readSwapped(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += `${(b & 0x0f).toString(16)}${(b >> 4).toString(16)}`;
  return out.replace(/f$/i, '').toUpperCase();
}

/**
 * TP-VP relative (§9.2.3.12.1): (VP + 1) × 5 minutes up to 12 h, 12 h + (VP − 143) × 30 minutes
 * up to 24 h, then (VP − 166) days up to 30.
 */
function validityOctet(hours: number): number {
  if (Number.isInteger(hours) && hours >= 1 && hours <= 12) return hours * 12 - 1;
  if (Number.isInteger(hours) && hours > 12 && hours <= 24) return 143 + (hours - 12) * 2;
  if (Number.isInteger(hours / 24) && hours > 24 && hours <= 720) return 166 + hours / 24;
  throw new PduError('validity is 1 to 24 hours, or whole days up to 30');
}

/** The SMS-SUBMIT PDUs of one message to `to`, one a part. */
export function encodeSubmit(to: string, text: string, options: SubmitOptions): SubmitPdu[] {
  if (text.length === 0) throw new PduError('an empty message');
  const address = encodeAddress(to);
  const septets = toSeptets(text);
  const parts = septets ? gsm7Parts(septets) : ucs2Parts(ucs2Units(text));
  if (parts.length > MAX_PARTS) throw new PduError(`longer than ${MAX_PARTS} parts`);
  const reference = options.concatReference & 0xff;
  return parts.map((part, i) => {
    const udh =
      parts.length > 1 ? Buffer.from([0x05, 0x00, 0x03, reference, parts.length, i + 1]) : null;
    let udl: number;
    let ud: Buffer;
    if (septets) {
      // After the header, the text begins on a septet boundary (§9.2.3.24).
      const headerBits = udh ? udh.length * 8 : 0;
      const fill = (7 - (headerBits % 7)) % 7;
      udl = (headerBits + fill) / 7 + part.length;
      ud = Buffer.concat([udh ?? Buffer.alloc(0), packSeptets(part, fill)]);
    } else {
      const body = Buffer.alloc(part.length * 2);
      part.forEach((u, k) => body.writeUInt16BE(u, k * 2));
      ud = Buffer.concat([udh ?? Buffer.alloc(0), body]);
      udl = ud.length;
    }
    // TP-MTI 01 (SUBMIT), TP-VPF 10 (relative), TP-SRR, TP-UDHI.
    const first = 0x01 | 0x10 | (options.statusReport ? 0x20 : 0) | (udh ? 0x40 : 0);
    const tpdu = Buffer.concat([
      Buffer.from([first, 0x00]), // TP-MR 00: the modem gives the reference
      address,
      Buffer.from([
        0x00, // TP-PID
        septets ? DCS.gsm7 : DCS.ucs2,
        validityOctet(options.validityHours ?? 24),
        udl,
      ]),
      ud,
    ]);
    return { hex: `00${tpdu.toString('hex').toUpperCase()}`, tpduLength: tpdu.length };
  });
}

/** A cursor over a PDU's octets that refuses to read past the end. */
class Reader {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}
  octet(): number {
    if (this.at >= this.bytes.length) throw new PduError('the PDU ends early');
    return this.bytes[this.at++]!;
  }
  take(n: number): Buffer {
    if (this.at + n > this.bytes.length) throw new PduError('the PDU ends early');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  rest(): Buffer {
    return this.take(this.bytes.length - this.at);
  }
}

function readHex(hex: string): Reader {
  if (!/^([0-9A-Fa-f]{2})+$/.test(hex)) throw new PduError('the PDU is not hex');
  return new Reader(Buffer.from(hex, 'hex'));
}

function readAddress(r: Reader): string {
  const digits = r.octet();
  const type = r.octet();
  const number = readSwapped(r.take(Math.ceil(digits / 2))).slice(0, digits);
  return (type & 0x70) === 0x10 ? `+${number}` : number;
}

/**
 * The service centre's time stamp (§9.2.3.11), as ISO 8601 with its zone: six swapped semi-octet
 * pairs, then the zone in quarter hours whose sign is bit 3 of its octet (the tens digit's top bit).
 */
function readTimestamp(r: Reader): string {
  const bytes = r.take(7);
  const d = readSwapped(bytes.subarray(0, 6));
  const zone = bytes[6]!;
  const quarters = (zone & 0x07) * 10 + (zone >> 4);
  const sign = zone & 0x08 ? '-' : '+';
  const hh = String(Math.floor(quarters / 4)).padStart(2, '0');
  const mm = String((quarters % 4) * 15).padStart(2, '0');
  return `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}T${d.slice(6, 8)}:${d.slice(8, 10)}:${d.slice(10, 12)}${sign}${hh}:${mm}`;
}

/** A concatenated message's part: which message (reference), how many parts, which one. */
export interface PartOf {
  reference: number;
  total: number;
  seq: number;
}

export interface DecodedSubmit {
  to: string;
  text: string;
  encoding: SmsEncoding;
  statusReport: boolean;
  part: PartOf | null;
}

/** An SMS-SUBMIT as AT+CMGS carried it (service centre address first), back to its text. */
export function decodeSubmit(hex: string): DecodedSubmit {
  const r = readHex(hex);
  r.take(r.octet()); // the service centre address
  const first = r.octet();
  if ((first & 0x03) !== 0x01) throw new PduError('not an SMS-SUBMIT');
  r.octet(); // TP-MR
  const to = readAddress(r);
  r.octet(); // TP-PID
  const dcs = r.octet();
  const vpf = (first >> 3) & 0x03;
  if (vpf === 2) r.octet();
  else if (vpf !== 0) r.take(7);
  const udl = r.octet();
  const ud = r.rest();
  const encoding: SmsEncoding = (dcs & 0x0c) === 0x08 ? 'ucs2' : 'gsm7';
  let part: PartOf | null = null;
  let headerOctets = 0;
  if (first & 0x40) {
    headerOctets = ud[0]! + 1;
    const header = ud.subarray(1, headerOctets);
    for (let i = 0; i + 1 < header.length; i += header[i + 1]! + 2) {
      if (header[i] === 0x00 && header[i + 1] === 3)
        part = { reference: header[i + 2]!, total: header[i + 3]!, seq: header[i + 4]! };
    }
  }
  let text: string;
  if (encoding === 'gsm7') {
    const headerSeptets = Math.ceil((headerOctets * 8) / 7);
    const fill = headerSeptets * 7 - headerOctets * 8;
    text = fromSeptets(unpackSeptets(ud.subarray(headerOctets), udl - headerSeptets, fill));
  } else {
    const body = ud.subarray(headerOctets, udl);
    text = String.fromCharCode(
      ...Array.from({ length: body.length >> 1 }, (_, i) => body.readUInt16BE(i * 2)),
    );
  }
  return { to, text, encoding, statusReport: (first & 0x20) !== 0, part };
}

/** What the network says of a message it was given (TP-ST, §9.2.3.15). */
export type DeliveryState = 'delivered' | 'pending' | 'failed';

export interface StatusReport {
  /** TP-MR: the reference +CMGS gave the message. */
  reference: number;
  recipient: string;
  /** TP-SCTS and TP-DT: when the centre took it and when this was decided. */
  submittedAt: string;
  decidedAt: string;
  status: number;
  state: DeliveryState;
}

/** 0x00–0x1F done (0x00 received), 0x20–0x3F still trying, 0x40 and above given up (§9.2.3.15). */
export const deliveryState = (status: number): DeliveryState =>
  status < 0x20 ? 'delivered' : status < 0x40 ? 'pending' : 'failed';

/** An SMS-STATUS-REPORT as +CDS gives it in PDU mode (service centre address first). */
export function decodeStatusReport(hex: string): StatusReport {
  const r = readHex(hex);
  r.take(r.octet());
  const first = r.octet();
  if ((first & 0x03) !== 0x02) throw new PduError('not an SMS-STATUS-REPORT');
  const reference = r.octet();
  const recipient = readAddress(r);
  const submittedAt = readTimestamp(r);
  const decidedAt = readTimestamp(r);
  const status = r.octet();
  return { reference, recipient, submittedAt, decidedAt, status, state: deliveryState(status) };
}

/** A timestamp's seven octets (§9.2.3.11) from "YYYY-MM-DD hh:mm:ss" at UTC+8 (the office's). */
function timestampOctets(clock: string): Buffer {
  const d = clock.replace(/\D/g, '').slice(2, 14);
  return swappedDigits(`${d}32`); // +32 quarter hours: China Standard Time
}

/** An SMS-STATUS-REPORT (the simulated network's), service centre address first. */
export function encodeStatusReport(report: {
  reference: number;
  recipient: string;
  submittedAt: string;
  decidedAt: string;
  status: number;
}): { hex: string; tpduLength: number } {
  const tpdu = Buffer.concat([
    Buffer.from([0x06, report.reference & 0xff]), // TP-MTI 10, TP-SRQ: a report of a SUBMIT
    encodeAddress(report.recipient),
    timestampOctets(report.submittedAt),
    timestampOctets(report.decidedAt),
    Buffer.from([report.status]),
  ]);
  return { hex: `00${tpdu.toString('hex').toUpperCase()}`, tpduLength: tpdu.length };
}
