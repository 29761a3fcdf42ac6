// Training mode's meter room: a simulated RS485 bus behind a TCP gateway on 127.0.0.1, where a
// DDSY1352-NK appears, installed with the office's recharge key, the first time the office speaks
// to its address (the trainee's accounts bring their meters with them), and where the training
// dorm's ADF300 boxes (shared/training.ts) answer at their circuits' addresses. The boxes live on
// the wall clock, a minute at a time, with a day of a student room's loads, so time tables, power
// limits and a heater's trip happen as they would. The meters' and boxes' state is kept in a JSON
// file beside the training database, so purchase counts, credit, controls and violation records
// survive a restart as the ledger does.
import fs from 'node:fs';
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { circuitAddress } from '../../meter-link/profiles/profiles';
import { officeDateTime } from '../../shared/officeTime';
import { TRAINING_DORM } from '../../shared/training';
import { AdfBox, type AdfCircuit, type AdfSaved, type Load } from './adfBox';
import { NkMeter, type NkMeterState } from './nkMeter';
import { TcpBus } from './tcpBus';

type Stored = NkMeterState & { box?: AdfSaved };

export class TrainingMeterRoom {
  private readonly meters: NkMeter[] = [];
  private readonly bus: TcpBus;
  private readonly stored: Record<string, Stored>;
  private boxes: AdfBox[] | null = null;
  private saving: NodeJS.Timeout | null = null;
  private readonly ticking: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    /** The office secret, once the office is set up (the meters are installed with its keys). */
    private readonly officeSecret: () => Buffer | null,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.stored = readRoom(file);
    this.bus = new TcpBus(this.meters, null, (address) => this.install(address));
    this.ticking = setInterval(() => this.minute(), 60_000);
    this.ticking.unref();
  }

  private install(address: string): NkMeter | null {
    const secret = this.officeSecret();
    if (!secret || !/^\d{12}$/.test(address)) return null;
    const meter = this.boxCircuit(address, secret) ?? this.nkMeter(address, secret);
    // Whatever the office does to a meter is kept a moment later.
    const respond = meter.respond.bind(meter);
    meter.respond = (frame) => {
      const answer = respond(frame);
      this.saveSoon();
      return answer;
    };
    return meter;
  }

  private nkMeter(address: string, secret: Buffer): NkMeter {
    return new NkMeter(this.stored[address] ?? { address }, meterRechargeKey(secret, address));
  }

  /** The training dorm's circuit at this address, its boxes built the first time one is asked. */
  private boxCircuit(address: string, secret: Buffer): AdfCircuit | null {
    const inBox = TRAINING_DORM.boxes.some(
      (b) => address >= b.meterNo && address <= circuitAddress(b.meterNo, b.circuits),
    );
    if (!inBox) return null;
    this.boxes ??= TRAINING_DORM.boxes.map((b) => {
      const box = new AdfBox(b.meterNo, b.circuits, secret, (k) => {
        const { box: _saved, ...state } = this.stored[circuitAddress(b.meterNo, k)] ?? {};
        return state;
      });
      box.circuits.forEach((c, i) => {
        const saved = this.stored[c.state.address]?.box;
        if (saved) c.restore(saved);
        c.loads = roomLoads(i + 1, this.clock());
      });
      box.setClock(officeDateTime(this.clock().toISOString()));
      return box;
    });
    return this.boxes.flatMap((b) => b.circuits).find((c) => c.state.address === address) ?? null;
  }

  /** A minute of the boxes' life: the loads of the hour, then the box's own minute. */
  minute(): void {
    if (!this.boxes) return;
    const now = this.clock();
    for (const box of this.boxes) {
      box.setClock(officeDateTime(new Date(now.getTime() - 60_000).toISOString()));
      box.circuits.forEach((c, i) => (c.loads = roomLoads(i + 1, now)));
      box.advance(1);
    }
    this.saveSoon();
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
    for (const c of this.boxes?.flatMap((b) => b.circuits) ?? [])
      all[c.state.address] = { ...c.state, box: c.saved() };
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify(all));
    fs.renameSync(`${this.file}.tmp`, this.file);
  }

  /** Opens the gateway; its port is what the training office's meter line is set to. */
  listen(): Promise<number> {
    return this.bus.listen();
  }

  async close(): Promise<void> {
    clearInterval(this.ticking);
    if (this.saving) clearTimeout(this.saving);
    if (this.meters.length > 0 || this.boxes) this.save();
    await this.bus.close();
  }
}

/**
 * What is plugged into circuit `k` at this time of the office's day, for a box whose rooms take
 * three circuits each (lighting, sockets, air conditioning: 集体开户's whole-room layout): lamps in
 * the evening and early morning, a laptop on the sockets by day and evening, air conditioning at
 * night; and in the second room a 2 kW hot plate from 20:00 to 20:30, the heater that malignant-load
 * detection is there to catch.
 */
export function roomLoads(k: number, at: Date): Load[] {
  const hour = Number(officeDateTime(at.toISOString()).slice(11, 13));
  const minute = Number(officeDateTime(at.toISOString()).slice(14, 16));
  const purpose = (k - 1) % 3;
  if (purpose === 0)
    return hour >= 18 || hour < 8 ? [{ name: 'lamp', watts: 40, powerFactor: 0.9 }] : [];
  if (purpose === 1) {
    const loads: Load[] = hour >= 8 ? [{ name: 'laptop', watts: 60, powerFactor: 0.6 }] : [];
    if (k === 5 && hour === 20 && minute < 30)
      loads.push({ name: 'hot plate', watts: 2_000, powerFactor: 1 });
    return loads;
  }
  return hour >= 22 || hour < 6 ? [{ name: 'air conditioner', watts: 900, powerFactor: 0.85 }] : [];
}

function readRoom(file: string): Record<string, Stored> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Stored>;
  } catch {
    // No room yet (a first training session), or a file this version cannot read: start afresh.
    return {};
  }
}
