// Card sales on the virtual stack (pcscd + vpcd + the TypeScript SLE4442): APDUs per sale, the
// host's own time per sale with the PC/SC round trips (connect, transmit) taken out, and the whole
// sale as the cashier waits for it. Between sales the simulated meter loads the purchase and the
// card is read back, as in the office; only the sale itself is timed.
import { PcscReaderService } from '../card/reader/pcsc';
import type { CardConnection, ReaderService } from '../card/reader/types';
import { openTestCore, setUpOffice, signInAs } from '../core/testing';
import { SimulatedCardMeter } from '../sim/cardMeter';
import { VirtualCardHost } from '../sim/vpcd/virtualCardHost';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  VIRTUAL_READERS,
} from '../tests/integration/pcscd';
import { cardHands } from '../tests/integration/virtualCards';
import { percentile, round, writeResult } from './lib';

const SALES = Number(process.env.BENCH_CARD_SALES ?? 50);
const READER = VIRTUAL_READERS[1];
const METER = '000000000301';

/** The real reader service, with the time spent waiting on PC/SC counted. */
class TimedReaders implements ReaderService {
  waitedMs = 0;
  constructor(private readonly inner: ReaderService) {}
  unavailable() {
    return this.inner.unavailable();
  }
  list() {
    return this.inner.list();
  }
  watch(listener: Parameters<ReaderService['watch']>[0]) {
    return this.inner.watch(listener);
  }
  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.waitedMs += performance.now() - start;
    }
  }
  async connect(reader: string): Promise<CardConnection> {
    const connection = await this.timed(() => this.inner.connect(reader));
    return {
      reader: connection.reader,
      atr: connection.atr,
      transmit: (apdu) => this.timed(() => connection.transmit(apdu)),
      close: () => this.timed(() => connection.close()),
    };
  }
}

async function main() {
  const unavailable = pcscUnavailable();
  if (unavailable) {
    console.log(`card bench skipped: ${unavailable}`);
    return;
  }
  const unlock = await lockReader(READER);
  await ensurePcscd();
  const readers = new TimedReaders(new PcscReaderService());
  const core = await openTestCore({ readers });
  const virtual = new VirtualCardHost(35_964);
  const hands = cardHands(virtual, READER);
  try {
    const admin = (await setUpOffice(core)).sessionId;
    const cashier = (await signInAs(core, admin, 'cashier')).sessionId;
    await core.ok('cards.chooseReader', { reader: READER }, admin);
    const tariff = await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    const customer = await core.ok('customers.create', { name: '屈臣氏' }, cashier);
    const meterRow = await core.ok(
      'meters.register',
      { meterNo: METER, model: 'DDSY1352' },
      cashier,
    );
    const account = await core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meterRow.id, tariffId: tariff.id },
      cashier,
    );
    await hands.putBlank();
    await core.ok('cards.issue', { accountId: account.id }, cashier);
    const meter = new SimulatedCardMeter(core.services.secret.read()!.secret, { meterNo: METER });

    const apdus: number[] = [];
    const whole: number[] = [];
    const host: number[] = [];
    for (let i = 0; i < SALES; i += 1) {
      await virtual.clearLog();
      readers.waitedMs = 0;
      const start = performance.now();
      await core.ok(
        'sales.sell',
        { accountId: account.id, amountFen: 5_000, paymentMethod: 'cash' },
        cashier,
      );
      const elapsed = performance.now() - start;
      whole.push(elapsed);
      host.push(elapsed - readers.waitedMs);
      apdus.push((await virtual.state()).apdus.length);
      // The tenant takes the card to the meter and brings it back; the cashier reads it.
      const loaded = await hands.carryTo(meter);
      if (loaded.kind !== 'loaded')
        throw new Error(`meter did not load: ${JSON.stringify(loaded)}`);
      await core.ok('cards.read', {}, cashier);
    }
    writeResult('card', {
      sales: { value: SALES, unit: 'sales' },
      apdusPerSaleMax: { value: Math.max(...apdus), unit: 'APDUs', goal: '<= 8' },
      apdusPerSaleMedian: { value: percentile(apdus, 50), unit: 'APDUs' },
      hostTimePerSaleP95: { value: round(percentile(host, 95)), unit: 'ms', goal: '<= 20' },
      hostTimePerSaleP50: { value: round(percentile(host, 50)), unit: 'ms' },
      wholeSaleP95: { value: round(percentile(whole, 95)), unit: 'ms' },
      wholeSaleP50: { value: round(percentile(whole, 50)), unit: 'ms' },
    });
  } finally {
    await virtual.close();
    await core.dispose();
    unlock();
  }
}

// The virtual card's thread does not hold the process open (so tests exit); this does, until done.
const keepAlive = setInterval(() => undefined, 60_000);
main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(keepAlive));
