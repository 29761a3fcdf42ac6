// A simulated GSM modem (短信猫) on the far end of a pty: the AT commands PowerTill uses (TS 27.007
// / 27.005), echo until ATE0, a SIM that may be missing or locked, a network that may be absent,
// a signal that may be gone; AT+CMGS's prompt, the PDU read back to its text (parts of a
// concatenated message put together again) as the network would take it, a reference (TP-MR) per
// part, and a delivery report (+CDS) a moment later. Faults: a +CMS ERROR for the next sends, no
// answer at all, an answer that comes late, the report withheld or failed.
import type { SerialPort } from 'serialport';
import { closeSerialEnd, openSerialEnd } from '../serialEnd';
import { officeDateTime } from '../../shared/officeTime';
import { decodeSubmit, encodeStatusReport, PduError } from '../../tenant-link/sms/pdu';

export interface SimModemState {
  sim: 'ready' | 'missing' | 'pin';
  /** +CREG stat: 1 home, 5 roaming, 2 searching, 0 none. */
  network: 0 | 1 | 2 | 5;
  /** +CSQ rssi 0–31, 99 unknown. */
  rssi: number;
  operator: string;
}

/** A message as the network took it: all its parts, put together. */
export interface TakenMessage {
  to: string;
  text: string;
  encoding: 'gsm7' | 'ucs2';
  references: number[];
  parts: number;
}

export class SimModem {
  readonly state: SimModemState = { sim: 'ready', network: 1, rssi: 22, operator: 'CHINA MOBILE' };
  /** Whole messages the network took, in order. */
  readonly messages: TakenMessage[] = [];
  /** Every AT+CMGS the network took (a part each). */
  readonly partsTaken: { to: string; text: string; reference: number }[] = [];
  /** The next sends refused with these +CMS ERROR codes, one each. */
  cmsErrors: number[] = [];
  /** While true, the modem hears nothing and says nothing (hung). */
  silent = false;
  /** The next parts are taken (and reported) but their +CMGS never reaches the PC. */
  swallowReplies = 0;
  /** The next AT+CMGS commands hang the modem's send: no prompt, nothing taken. */
  hangOnSend = 0;
  /**
   * How long the network takes to take a part before +CMGS (it is taken at once; the modem reads
   * nothing else meanwhile, and the report comes after).
   */
  sendDelayMs = 0;
  /** The next parts take the network `slowSendMs` instead (longer than the office waits). */
  slowSends = 0;
  slowSendMs = 0;
  /** The next commands are answered only after `lateAnswerMs`, the commands after them later. */
  lateAnswers = 0;
  lateAnswerMs = 0;
  /** Faults that happened: replies lost, sends hung, answers late, parts slow to go. */
  readonly happened = { swallowed: 0, hung: 0, late: 0, slow: 0 };
  /** The delivery report's TP-ST for the parts sent from now on; null sends none. */
  reportStatus: number | null = 0x00;
  reportDelayMs = 50;

  private port: SerialPort | null = null;
  /** Working on a command that is answered late: nothing else is read until it is. */
  private busy = false;
  private echo = true;
  private text = '';
  /** Waiting for a PDU after the prompt: its announced TPDU length. */
  private awaitingPdu: number | null = null;
  private nextReference = 0;
  private pduTimer: NodeJS.Timeout | null = null;
  /** AT+CNMI's ds: 1 reports straight to the PC (+CDS), 2 kept here and announced (+CDSI). */
  private reportRouting = 1;
  /** Delivery reports kept in the modem's memory, by index. */
  readonly stored = new Map<number, string>();
  private nextIndex = 1;
  private readonly assembling = new Map<string, { parts: Map<number, string>; refs: number[] }>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Opens the pty end the modem sits on. */
  async open(path: string): Promise<void> {
    this.port = await openSerialEnd({ path, baudRate: 115_200 }, (bytes) => this.heard(bytes));
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    return closeSerialEnd(port);
  }

  private say(text: string) {
    this.port?.write(Buffer.from(text, 'latin1'));
  }

  private heard(bytes: Buffer) {
    if (this.silent) return;
    this.text += bytes.toString('latin1');
    // Busy with a command: what comes meanwhile waits its turn, as in a modem's input buffer.
    if (this.busy) return;
    if (this.awaitingPdu !== null) {
      // Ctrl-Z ends the PDU; ESC abandons it.
      const ends = [this.text.indexOf('\x1a'), this.text.indexOf('\x1b')].filter((i) => i >= 0);
      if (ends.length === 0) return;
      const end = Math.min(...ends);
      const body = this.text.slice(0, end).trim();
      const cancelled = this.text[end] === '\x1b';
      this.text = this.text.slice(end + 1);
      const length = this.awaitingPdu;
      this.awaitingPdu = null;
      if (this.pduTimer) clearTimeout(this.pduTimer);
      if (!cancelled) this.submit(body, length);
    }
    let end: number;
    while (!this.busy && this.awaitingPdu === null && (end = this.text.indexOf('\r')) >= 0) {
      // An ESC outside a message (the PC giving up on a prompt that never came) is nothing.
      const command = this.text.slice(0, end).replace(/^\n/, '').split('\x1b').join('').trim();
      this.text = this.text.slice(end + 1);
      if (command !== '') this.command(command);
    }
    if (this.awaitingPdu !== null && this.text.length > 0) this.heard(Buffer.alloc(0));
  }

  private reply(...lines: string[]) {
    this.say(lines.map((l) => `\r\n${l}\r\n`).join(''));
  }

  private command(command: string) {
    if (this.lateAnswers > 0) {
      this.lateAnswers -= 1;
      this.happened.late += 1;
      this.busyFor(this.lateAnswerMs, () => this.answer(command));
      return;
    }
    this.answer(command);
  }

  /** Reads nothing more for `ms`, then does `then` and reads on what came meanwhile. */
  private busyFor(ms: number, then: () => void) {
    this.busy = true;
    setTimeout(() => {
      then();
      this.busy = false;
      this.heard(Buffer.alloc(0));
    }, ms).unref();
  }

  private answer(command: string) {
    if (this.echo) this.say(`${command}\r`);
    const c = command.toUpperCase();
    const s = this.state;
    const cnmi = /^AT\+CNMI=\d,\d,\d,(\d),\d$/.exec(c);
    if (cnmi) {
      this.reportRouting = Number(cnmi[1]);
      return this.reply('OK');
    }
    if (c === 'AT' || c === 'AT+CMEE=1' || c === 'AT+CMGF=0') return this.reply('OK');
    if (c === 'AT+CMGL=4') {
      const listed = [...this.stored].flatMap(([index, hex]) => [
        `+CMGL: ${index},0,,${hex.length / 2 - 1}`,
        hex,
      ]);
      return this.reply(...listed, 'OK');
    }
    const cmgd = /^AT\+CMGD=(\d+)$/.exec(c);
    if (cmgd) {
      this.stored.delete(Number(cmgd[1]));
      return this.reply('OK');
    }
    if (c === 'ATE0') {
      this.echo = false;
      return this.reply('OK');
    }
    if (c === 'AT+CPIN?') {
      if (s.sim === 'missing') return this.reply('+CME ERROR: 10');
      return this.reply(`+CPIN: ${s.sim === 'pin' ? 'SIM PIN' : 'READY'}`, 'OK');
    }
    if (c === 'AT+CREG?') return this.reply(`+CREG: 0,${s.sim === 'ready' ? s.network : 0}`, 'OK');
    if (c === 'AT+CSQ') return this.reply(`+CSQ: ${s.rssi},99`, 'OK');
    if (c === 'AT+COPS?')
      return this.reply(
        s.sim === 'ready' && (s.network === 1 || s.network === 5)
          ? `+COPS: 0,0,"${s.operator}"`
          : '+COPS: 0',
        'OK',
      );
    const cmgs = /^AT\+CMGS=(\d+)$/.exec(c);
    if (cmgs) {
      if (this.hangOnSend > 0) {
        this.hangOnSend -= 1;
        this.happened.hung += 1;
        return;
      }
      if (s.sim !== 'ready') return this.reply(`+CMS ERROR: ${s.sim === 'pin' ? 311 : 310}`);
      this.awaitingPdu = Number(cmgs[1]);
      // A PDU that never comes (the PC gone mid-message): back to commands after a while.
      this.pduTimer = setTimeout(() => {
        if (this.awaitingPdu === null) return;
        this.awaitingPdu = null;
        this.text = '';
        this.reply('+CMS ERROR: 304');
      }, 3_000);
      this.pduTimer.unref();
      return this.say('\r\n> ');
    }
    return this.reply('ERROR');
  }

  /** One part the office sent: refused, or taken with a reference and later reported. */
  private submit(hex: string, length: number) {
    const s = this.state;
    // 331: no network service; 500: unknown error (TS 27.005 §3.2.5).
    if (s.network !== 1 && s.network !== 5) return this.reply('+CMS ERROR: 331');
    const refused = this.cmsErrors.shift();
    if (refused !== undefined) return this.reply(`+CMS ERROR: ${refused}`);
    let part: ReturnType<typeof decodeSubmit>;
    try {
      part = decodeSubmit(hex);
      if (hex.length / 2 - 1 !== length) throw new PduError('length');
    } catch {
      // 304: invalid PDU mode parameter.
      return this.reply('+CMS ERROR: 304');
    }
    const reference = this.nextReference;
    this.nextReference = (this.nextReference + 1) % 256;
    this.partsTaken.push({ to: part.to, text: part.text, reference });
    const slow = this.slowSends > 0;
    if (slow) {
      this.slowSends -= 1;
      this.happened.slow += 1;
    }
    const delayMs = slow ? this.slowSendMs : this.sendDelayMs;
    if (this.swallowReplies > 0) {
      this.swallowReplies -= 1;
      this.happened.swallowed += 1;
    } else if (delayMs > 0)
      // The modem reads nothing more until the network has taken the part.
      this.busyFor(delayMs, () => this.reply(`+CMGS: ${reference}`, 'OK'));
    else this.reply(`+CMGS: ${reference}`, 'OK');
    this.assemble(part, reference);
    const status = this.reportStatus;
    if (part.statusReport && status !== null) {
      const submittedAt = officeClock(this.clock());
      setTimeout(() => {
        const report = encodeStatusReport({
          reference,
          recipient: part.to,
          submittedAt,
          decidedAt: officeClock(this.clock()),
          status,
        });
        if (this.reportRouting === 2) {
          const index = this.nextIndex++;
          this.stored.set(index, report.hex);
          this.reply(`+CDSI: "SR",${index}`);
        } else {
          this.reply(`+CDS: ${report.tpduLength}`);
          this.say(`${report.hex}\r\n`);
        }
      }, delayMs + this.reportDelayMs).unref();
    }
  }

  private assemble(part: ReturnType<typeof decodeSubmit>, reference: number) {
    if (!part.part) {
      this.messages.push({
        to: part.to,
        text: part.text,
        encoding: part.encoding,
        references: [reference],
        parts: 1,
      });
      return;
    }
    const key = `${part.to}/${part.part.reference}/${part.part.total}`;
    const whole = this.assembling.get(key) ?? {
      parts: new Map<number, string>(),
      refs: [] as number[],
    };
    whole.parts.set(part.part.seq, part.text);
    whole.refs.push(reference);
    this.assembling.set(key, whole);
    if (whole.parts.size < part.part.total) return;
    this.assembling.delete(key);
    this.messages.push({
      to: part.to,
      text: [...whole.parts]
        .sort(([a], [b]) => a - b)
        .map(([, t]) => t)
        .join(''),
      encoding: part.encoding,
      references: whole.refs,
      parts: part.part.total,
    });
  }
}

/** "YYYY-MM-DD hh:mm:ss" in the office's zone (UTC+8), as the service centre stamps it. */
const officeClock = (at: Date) => officeDateTime(at.toISOString());
