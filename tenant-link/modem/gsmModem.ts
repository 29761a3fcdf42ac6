// The office's GSM modem (短信猫) on a serial port: set up for PDU mode with delivery reports
// routed to the PC, asked for its SIM, network and signal, and given messages to send, each part
// an AT+CMGS whose +CMGS reference (TP-MR) the network's status report later names. A port that
// went away (the modem unplugged) is opened again at the next call.
import { SerialPort } from 'serialport';
import {
  decodeStatusReport,
  encodeSubmit,
  PduError,
  type StatusReport,
  type SubmitPdu,
} from '../sms/pdu';
import { AtChannel, AtError, type AtPort } from './atChannel';

/** What the modem says of itself (AT+CPIN?, AT+CREG?, AT+CSQ, AT+COPS?). */
export interface ModemStatus {
  sim: 'ready' | 'pin' | 'puk' | 'missing' | 'unknown';
  /** +CREG stat: registered at home or roaming, searching, refused, or not trying. */
  network: 'home' | 'roaming' | 'searching' | 'denied' | 'none' | 'unknown';
  /** +CSQ rssi 0–31 (−113 dBm + 2 × rssi); null when the modem does not know (99). */
  rssi: number | null;
  operator: string | null;
}

/** Signal bars as a phone shows them, 0–5, from +CSQ's rssi. */
export const signalBars = (rssi: number | null): number =>
  rssi === null
    ? 0
    : rssi >= 20
      ? 5
      : rssi >= 15
        ? 4
        : rssi >= 10
          ? 3
          : rssi >= 5
            ? 2
            : rssi >= 2
              ? 1
              : 0;

export interface ModemOptions {
  baudRate?: number;
  /** How long a plain command may take (ms). */
  commandTimeoutMs?: number;
  /** How long the network may take to take one part (ms): real modems need up to a minute. */
  sendTimeoutMs?: number;
}

/** A serial port as the AT channel's byte pipe. */
function openPort(path: string, baudRate: number): Promise<AtPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const closed = new Set<() => void>();
    // A write to a port whose device is gone fails here: the same as the port closing.
    port.on('error', () => {
      for (const listener of closed) listener();
    });
    port.on('close', () => {
      for (const listener of closed) listener();
    });
    port.open((error) => {
      if (error) return reject(new AtError({ kind: 'unplugged', detail: error.message }, 'open'));
      resolve({
        write: (bytes) => port.write(bytes),
        onData: (listener) => port.on('data', listener),
        onClose: (listener) => closed.add(listener),
        close: () =>
          new Promise((done) => {
            if (!port.isOpen) return done();
            port.close(() => done());
          }),
      });
    });
  });
}

const SET_UP = [
  'ATE0', // no echo
  'AT+CMEE=1', // errors as numbers
  'AT+CMGF=0', // PDU mode
  // Delivery reports kept in the modem and announced (+CDSI), read and deleted by the PC: a report
  // that comes while PowerTill is not running waits there (decision 0038).
  'AT+CNMI=2,1,0,2,0',
];

export class GsmModem {
  private channel: AtChannel | null = null;
  private opening: Promise<AtChannel> | null = null;
  private readonly reportListeners = new Set<(report: StatusReport) => void>();
  private collecting: Promise<number> | null = null;
  private collectAgain = false;

  constructor(
    readonly path: string,
    private readonly options: ModemOptions = {},
    /** How the port is opened: the serial port unless a test gives another pipe. */
    private readonly open: (path: string, baudRate: number) => Promise<AtPort> = openPort,
  ) {}

  /** Delivery reports as the network sends them (+CDS). */
  onReport(listener: (report: StatusReport) => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  private get commandMs() {
    return this.options.commandTimeoutMs ?? 5_000;
  }

  /**
   * Opens the port and sets the modem up unless it is open already, then asks it for an OK: a
   * modem unplugged while the port sat idle (a pty or some USB drivers say nothing until written
   * to) is found here, before anything is handed to it. One that does not answer is closed, to be
   * opened afresh next time.
   */
  async connect(): Promise<void> {
    const channel = await this.ready();
    try {
      await channel.run('AT', this.commandMs);
      // Reports that came while nobody listened settle their parts before anything is sent.
      await this.collectReports();
    } catch (error) {
      if (this.channel === channel) this.channel = null;
      await channel.close();
      throw error;
    }
  }

  /** The channel, the port opened and the modem set up first if it is not (or no longer) open. */
  private async ready(): Promise<AtChannel> {
    if (this.channel && !this.channel.isClosed) return this.channel;
    this.opening ??= (async () => {
      try {
        const port = await this.open(this.path, this.options.baudRate ?? 115_200);
        // A message a previous run left half-typed at the prompt is abandoned first (ESC).
        port.write(Buffer.from([0x1b]));
        const channel = new AtChannel(port, (head, pdu) => this.unsolicited(head, pdu));
        try {
          // A modem just plugged in may still be starting: a first AT wakes it.
          await channel.run('AT', this.commandMs).catch(() => channel.run('AT', this.commandMs));
          for (const command of SET_UP) await channel.run(command, this.commandMs);
        } catch (error) {
          await channel.close();
          throw error;
        }
        this.channel = channel;
        return channel;
      } finally {
        this.opening = null;
      }
    })();
    return this.opening;
  }

  private unsolicited(head: string, pdu: string | null) {
    if (head.startsWith('+CDS:') && pdu !== null) this.hand(pdu);
    // A stored report announced: read when the channel is free (the AT queue keeps the order).
    else if (head.startsWith('+CDSI:')) void this.collectReports().catch(() => undefined);
  }

  /** A report's PDU to the listeners; false when it is not a status report we can read. */
  private hand(pdu: string): boolean {
    let report: StatusReport;
    try {
      report = decodeStatusReport(pdu);
    } catch (error) {
      if (error instanceof PduError) return false; // a report we cannot read tells us nothing
      throw error;
    }
    for (const listener of this.reportListeners) listener(report);
    return true;
  }

  /**
   * The delivery reports the modem keeps (AT+CMGL=4 in PDU mode: every stored message), each
   * handed to the listeners and then deleted (AT+CMGD): a crash between the two hands it over
   * again next time, which the outbox takes as it took the first.
   */
  collectReports(): Promise<number> {
    // One collection at a time; a report announced meanwhile is read by one more round.
    if (this.collecting) {
      this.collectAgain = true;
      return this.collecting;
    }
    this.collecting = (async () => {
      let handed = 0;
      do {
        this.collectAgain = false;
        handed += await this.collectOnce();
      } while (this.collectAgain);
      return handed;
    })().finally(() => {
      this.collecting = null;
    });
    return this.collecting;
  }

  private async collectOnce(): Promise<number> {
    const channel = await this.ready();
    const lines = await channel.run('AT+CMGL=4', this.commandMs);
    let handed = 0;
    for (let i = 0; i < lines.length; i += 1) {
      const head = /^\+CMGL:\s*(\d+),/.exec(lines[i]!);
      const pdu = lines[i + 1];
      if (!head || pdu === undefined) continue;
      i += 1;
      if (!this.hand(pdu)) continue;
      handed += 1;
      await channel.run(`AT+CMGD=${head[1]}`, this.commandMs);
    }
    return handed;
  }

  async status(): Promise<ModemStatus> {
    const channel = await this.ready();
    const status: ModemStatus = { sim: 'unknown', network: 'unknown', rssi: null, operator: null };
    try {
      const [pin] = await channel.run('AT+CPIN?', this.commandMs);
      status.sim = simState(pin ?? '');
    } catch (error) {
      // +CME ERROR 10: SIM not inserted; 13: SIM failure (TS 27.007 §9.2.1).
      if (
        error instanceof AtError &&
        'code' in error.failure &&
        [10, 13].includes(error.failure.code)
      )
        status.sim = 'missing';
      else throw error;
    }
    const reg = await channel.run('AT+CREG?', this.commandMs);
    status.network = networkState(reg.find((l) => l.startsWith('+CREG:')) ?? '');
    const csq = await channel.run('AT+CSQ', this.commandMs);
    const rssi = /\+CSQ:\s*(\d+)/.exec(csq.join('\n'));
    status.rssi = rssi && Number(rssi[1]) <= 31 ? Number(rssi[1]) : null;
    const cops = await channel.run('AT+COPS?', this.commandMs).catch(() => []);
    status.operator = /\+COPS:\s*\d+,\d+,"([^"]*)"/.exec(cops.join('\n'))?.[1] ?? null;
    return status;
  }

  /**
   * Sends one message, part by part; resolves with each part's reference (TP-MR, what its
   * delivery report will name). A part the modem refuses ends it with an AtError: the parts
   * before it were sent.
   */
  async send(
    to: string,
    text: string,
    options: { statusReport: boolean; concatReference: number },
  ): Promise<number[]> {
    const references: number[] = [];
    for (const part of encodeSubmit(to, text, options)) references.push(await this.sendPart(part));
    return references;
  }

  /** One SMS-SUBMIT through AT+CMGS: the reference (TP-MR) the modem gave it. */
  async sendPart(part: SubmitPdu): Promise<number> {
    const channel = await this.ready();
    const lines = await channel.run(
      `AT+CMGS=${part.tpduLength}`,
      this.options.sendTimeoutMs ?? 60_000,
      Buffer.from(part.hex, 'latin1'),
    );
    const mr = /\+CMGS:\s*(\d+)/.exec(lines.join('\n'));
    // The part was given to the modem: without its reference, only its report can say if it went.
    if (!mr) throw new AtError({ kind: 'unclear' }, 'AT+CMGS (no reference)');
    return Number(mr[1]);
  }

  async close(): Promise<void> {
    const channel = this.channel;
    this.channel = null;
    await channel?.close();
  }
}

function simState(line: string): ModemStatus['sim'] {
  if (/READY/.test(line)) return 'ready';
  if (/SIM PIN/.test(line)) return 'pin';
  if (/SIM PUK/.test(line)) return 'puk';
  return 'unknown';
}

/** +CREG: <n>,<stat> (TS 27.007 §7.2): 1 home, 5 roaming, 2 searching, 3 denied, 0 not trying. */
function networkState(line: string): ModemStatus['network'] {
  const stat = /\+CREG:\s*\d+,\s*(\d+)/.exec(line)?.[1];
  return (
    ({ '0': 'none', '1': 'home', '2': 'searching', '3': 'denied', '5': 'roaming' } as const)[
      stat as '0' | '1' | '2' | '3' | '5'
    ] ?? 'unknown'
  );
}
