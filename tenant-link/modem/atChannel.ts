// AT commands on a GSM modem's serial port, one at a time (3GPP TS 27.007 / 27.005): a command's
// lines up to its final result (OK, ERROR, +CME ERROR, +CMS ERROR), the "> " prompt of AT+CMGS
// answered with the PDU and Ctrl-Z, and the unsolicited lines between (a +CDS delivery report and
// the PDU on the line after it) handed to a listener. Knows nothing of SMS beyond that.

/** Why a command did not end in OK. */
export type AtFailure =
  | { kind: 'error' }
  /** +CME ERROR: n (equipment, SIM: TS 27.007 §9.2) or +CMS ERROR: n (messaging: TS 27.005 §3.2.5). */
  | { kind: 'cme' | 'cms'; code: number }
  | { kind: 'timeout' }
  /** It ended without saying what came of it: an AT+CMGS's OK without the part's reference. */
  | { kind: 'unclear' }
  /** The port went away (the modem unplugged) or could not be opened. */
  | { kind: 'unplugged'; detail: string };

export class AtError extends Error {
  constructor(
    readonly failure: AtFailure,
    readonly command: string,
  ) {
    super(
      `${command}: ${failure.kind}${'code' in failure ? ` ${failure.code}` : ''}${'detail' in failure ? ` (${failure.detail})` : ''}`,
    );
  }
}

/** The byte pipe under the channel: a serial port, or anything that acts like one. */
export interface AtPort {
  write(bytes: Buffer): void;
  onData(listener: (bytes: Buffer) => void): void;
  onClose(listener: () => void): void;
  close(): Promise<void>;
}

interface Pending {
  command: string;
  lines: string[];
  /** For AT+CMGS: what to send after the prompt (null once sent, or for other commands). */
  body: Buffer | null;
  /** An information line of another command came: what follows to its final result is not ours. */
  foreign: boolean;
  resolve(lines: string[]): void;
  reject(error: AtError): void;
  timer: NodeJS.Timeout;
}

const CTRL_Z = 0x1a;

/** How long the line must stay silent before what came is taken as all a dead answer had to say. */
const QUIET_MS = 100;

export class AtChannel {
  private text = '';
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The line after a +CDS: belongs to it. */
  private urcHead: string | null = null;
  /** Answers not ours may be on the line: drain it before the next command. A new port may. */
  private outOfStep = true;
  /** When the modem last said anything; a new channel counts from its opening. */
  private lastHeardAt = Date.now();

  constructor(
    private readonly port: AtPort,
    /** Unsolicited result codes: a head line and, for +CDS / +CMT, the PDU line after it. */
    private readonly onUnsolicited: (head: string, pdu: string | null) => void = () => undefined,
    private readonly quietMs = QUIET_MS,
  ) {
    port.onData((bytes) => this.heard(bytes));
    port.onClose(() => {
      this.closed = true;
      this.pending?.reject(
        new AtError({ kind: 'unplugged', detail: 'the port closed' }, this.pending.command),
      );
      this.finish();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Sends `command` and resolves with its information lines once it ends in OK; with `body`, the
   * body follows the "> " prompt and Ctrl-Z ends it (AT+CMGS).
   */
  run(command: string, timeoutMs: number, body: Buffer | null = null): Promise<string[]> {
    const next = this.queue.then(async () => {
      if (this.outOfStep) await this.drain(timeoutMs);
      return this.send(command, timeoutMs, body);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Waits until the line has been quiet for a while (at most `limitMs`) with no command pending:
   * what comes meanwhile is dropped, unsolicited reports excepted; a half line left is dropped too.
   */
  private async drain(limitMs: number): Promise<void> {
    const until = Date.now() + limitMs;
    for (;;) {
      const quietFor = Date.now() - this.lastHeardAt;
      if (quietFor >= this.quietMs || Date.now() >= until) break;
      await new Promise((resolve) => setTimeout(resolve, this.quietMs - quietFor));
    }
    if (this.urcHead === null) this.text = '';
    this.outOfStep = false;
  }

  private send(command: string, timeoutMs: number, body: Buffer | null): Promise<string[]> {
    if (this.closed)
      return Promise.reject(
        new AtError({ kind: 'unplugged', detail: 'the port is closed' }, command),
      );
    return new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending?.command !== command) return;
        // A modem left at the prompt waits for its body for ever: ESC abandons the message.
        if (this.pending.body) this.port.write(Buffer.from([0x1b]));
        this.pending = null;
        // The modem may still answer it: that answer must not be the next command's.
        this.outOfStep = true;
        this.lastHeardAt = Date.now();
        reject(new AtError({ kind: 'timeout' }, command));
      }, timeoutMs);
      this.pending = {
        command,
        lines: [],
        body,
        foreign: false,
        resolve,
        reject,
        timer,
      };
      this.port.write(Buffer.from(`${command}\r`));
    });
  }

  private finish() {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }

  private heard(bytes: Buffer) {
    this.lastHeardAt = Date.now();
    this.text += bytes.toString('latin1');
    // The prompt has no line end after it.
    const p = this.pending;
    if (p?.body && /(^|\n)> ?$/.test(this.text)) {
      this.text = '';
      this.port.write(Buffer.concat([p.body, Buffer.from([CTRL_Z])]));
      p.body = null;
      return;
    }
    let end: number;
    while ((end = this.text.search(/\r?\n/)) >= 0) {
      const line = this.text.slice(0, end).replace(/\r$/, '').trim();
      this.text = this.text.slice(end + (this.text[end] === '\r' ? 2 : 1));
      if (line !== '') this.line(line);
    }
  }

  private line(line: string) {
    if (this.urcHead !== null) {
      const head = this.urcHead;
      this.urcHead = null;
      this.onUnsolicited(head, line);
      return;
    }
    if (/^\+(CDS|CMT):/.test(line)) {
      this.urcHead = line;
      return;
    }
    // A report or message stored in the modem, announced: whatever command is running.
    if (/^\+(CDSI|CMTI):/.test(line)) {
      this.onUnsolicited(line, null);
      return;
    }
    const p = this.pending;
    // The modem's echo of the command (before ATE0 took), and lines nobody asked for.
    if (!p || line === p.command) {
      if (!p && /^\+\w+:|^RING$/.test(line)) this.onUnsolicited(line, null);
      // A final result with nothing pending: the modem answered late, and may have more to say.
      if (!p && (line === 'OK' || finalFailure(line))) this.outOfStep = true;
      return;
    }
    const failure = finalFailure(line);
    if (p.foreign) {
      // The rest of another command's answer, up to its final result.
      if (line === 'OK' || failure) p.foreign = false;
      return;
    }
    if (!failure && isForeign(p.command, line)) {
      p.foreign = true;
      return;
    }
    // Before its prompt (its body still to go) an AT+CMGS can only be refused: an OK or a line
    // then is an older answer.
    if (p.body !== null && !failure) return;
    if (line === 'OK') {
      const lines = p.lines;
      this.finish();
      p.resolve(lines);
      return;
    }
    if (failure) {
      this.finish();
      p.reject(new AtError(failure, p.command));
      return;
    }
    p.lines.push(line);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending?.reject(
      new AtError({ kind: 'unplugged', detail: 'closed' }, this.pending.command),
    );
    this.finish();
    await this.port.close();
  }
}

/**
 * The answers the office asks for, by the name their information lines bear. Only these mark an
 * answer as another command's: a modem's own notices ("+CPMS:", "+QIND:", "+CFUN:" after a
 * restart) come unasked at any time and stay among the command's lines (each reader looks for its
 * own name): taken for an answer, they would swallow the command's own OK. A +CMGL's PDU line has
 * no name at all.
 */
const ASKED_ANSWERS = new Set(['CPIN', 'CREG', 'CSQ', 'COPS', 'CMGL', 'CMGS']);

/** Whether an information line answers another of our commands: "+CMGS: 3" while AT+CMGL=4 runs. */
function isForeign(command: string, line: string): boolean {
  const said = /^\+(\w+):/.exec(line)?.[1]?.toUpperCase();
  if (said === undefined || !ASKED_ANSWERS.has(said)) return false;
  return said !== /^AT\+(\w+)/i.exec(command)?.[1]?.toUpperCase();
}

function finalFailure(line: string): AtFailure | null {
  if (line === 'ERROR' || line === 'NO CARRIER') return { kind: 'error' };
  const coded = /^\+(CME|CMS) ERROR:\s*(\d+)$/.exec(line);
  if (coded) return { kind: coded[1] === 'CME' ? 'cme' : 'cms', code: Number(coded[2]) };
  // Some modems say the error in words despite AT+CMEE=1: counted as a plain ERROR.
  if (/^\+(CME|CMS) ERROR:/.test(line)) return { kind: 'error' };
  return null;
}
