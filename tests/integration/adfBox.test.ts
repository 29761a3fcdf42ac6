// An ADF300 multi-user box of 12 circuits behind the office's gateway, each circuit an account:
// registered circuit by circuit, read in one batch, one circuit recharged remotely and its relay
// tripped while its neighbours are left alone.
import { circuitAddress } from '../../meter-link/profiles/profiles';
import { adfBox } from '../../sim/rs485/adfBox';
import { openLineOffice, type LineOffice } from './lineOffice';

const BOX = '000000310000';

describe('an ADF300 box of 12 circuits', () => {
  let o: LineOffice;
  let circuits: ReturnType<typeof adfBox>;
  const accounts: number[] = [];
  const meterIds: number[] = [];

  beforeAll(async () => {
    o = await openLineOffice([]);
    circuits = adfBox(BOX, 12, o.core.services.secret.read()!.secret, (c) => ({
      energyE2: c * 1_000,
    }));
    o.bus.meters.push(...circuits);
    for (let c = 1; c <= 12; c += 1) {
      const customer = await o.core.ok('customers.create', { name: `宿舍 ${100 + c}` }, o.cashier);
      const meter = await o.core.ok(
        'meters.register',
        { meterNo: BOX, circuit: c, model: 'ADF300' },
        o.cashier,
      );
      meterIds.push(meter.id);
      const account = await o.core.ok(
        'accounts.open',
        { customerId: customer.id, meterId: meter.id, tariffId: o.tariffId },
        o.cashier,
      );
      accounts.push(account.id);
    }
  }, 60_000);
  afterAll(() => o.close());

  it('refuses a box without its circuit number, and a circuit on another meter', async () => {
    await expect(
      o.core.call('meters.register', { meterNo: BOX, model: 'ADF300' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'METER_CIRCUIT' } });
    await expect(
      o.core.call(
        'meters.register',
        { meterNo: '000000000161', circuit: 2, model: 'DDSY1352-NK' },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'METER_CIRCUIT' } });
    // ADF400L addressing: the first circuit at the box's number, single-phase one apart, three-phase three.
    expect(circuitAddress(BOX, 1)).toBe('000000310000');
    expect(circuitAddress(BOX, 12)).toBe('000000310011');
    expect(circuitAddress('000000000037', 12, 3)).toBe('000000000070');
    expect(circuitAddress(BOX, 0)).toBe(BOX);
  });

  it('reads every circuit in one batch, each its own energy', async () => {
    const started = await o.core.ok('batch.start', { operation: 'read' }, o.supervisor);
    await o.core.services.batches.settle();
    const batch = await o.core.ok('batch.get', { id: started.id }, o.supervisor);
    expect(batch).toMatchObject({ total: 12, succeeded: 12, failed: 0 });
    expect(batch.results.map((r) => r.energyKwh)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i + 1) * 10),
    );
  });

  it('recharges one circuit and trips its relay, its neighbours untouched', async () => {
    const sale = await o.core.ok(
      'sales.sell',
      { accountId: accounts[4]!, amountFen: 3_000, paymentMethod: 'alipay' },
      o.cashier,
    );
    expect(sale).toMatchObject({ status: 'committed', purchaseCount: 1 });
    expect(circuits.map((m) => m.state.remainingFen)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i === 4 ? 3_000 : 0)),
    );
    await o.core.ok(
      'meters.relay',
      { meterId: meterIds[6]!, command: 'trip', reason: '违规电器' },
      o.supervisor,
    );
    expect(circuits.map((m) => m.state.relay)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i === 6 ? 'open' : 'closed')),
    );
  });
});
