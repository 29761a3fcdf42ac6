// Training mode's meter room for NK meters: a simulated RS485 bus behind a TCP gateway on
// 127.0.0.1, where a DDSY1352-NK appears, installed with the office's recharge key, the first time
// the office speaks to its address (the trainee's accounts bring their meters with them). The
// meters' state is kept in a JSON file beside the training database, so purchase counts and credit
// survive a restart as the ledger does.
import fs from 'node:fs';
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { NkMeter, type NkMeterState } from './nkMeter';
import { TcpBus } from './tcpBus';

export class TrainingMeterRoom {
  private readonly meters: NkMeter[] = [];
  private readonly bus: TcpBus;
  private readonly stored: Record<string, NkMeterState>;
  private saving: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string,
    /** The office secret, once the office is set up (the meters are installed with its keys). */
    private readonly officeSecret: () => Buffer | null,
  ) {
    this.stored = readRoom(file);
    this.bus = new TcpBus(this.meters, null, (address) => this.install(address));
  }

  private install(address: string): NkMeter | null {
    const secret = this.officeSecret();
    if (!secret || !/^\d{12}$/.test(address)) return null;
    const meter = new NkMeter(
      this.stored[address] ?? { address },
      meterRechargeKey(secret, address),
    );
    // Whatever the office does to a meter is kept a moment later.
    const respond = meter.respond.bind(meter);
    meter.respond = (frame) => {
      const answer = respond(frame);
      this.saveSoon();
      return answer;
    };
    return meter;
  }

  private saveSoon() {
    this.saving ??= setTimeout(() => {
      this.saving = null;
      this.save();
    }, 200);
  }

  private save() {
    const all = { ...this.stored };
    for (const meter of this.meters) all[meter.state.address] = meter.state;
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify(all));
    fs.renameSync(`${this.file}.tmp`, this.file);
  }

  /** Opens the gateway; its port is what the training office's meter line is set to. */
  listen(): Promise<number> {
    return this.bus.listen();
  }

  async close(): Promise<void> {
    if (this.saving) clearTimeout(this.saving);
    if (this.meters.length > 0) this.save();
    await this.bus.close();
  }
}

function readRoom(file: string): Record<string, NkMeterState> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, NkMeterState>;
  } catch {
    // No room yet (a first training session), or a file this version cannot read: start afresh.
    return {};
  }
}
