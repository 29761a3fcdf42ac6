// The NK meters' Modbus-RTU variant over a real TCP serial gateway: a Modbus meter and a DL/T 645
// meter sharing one bus, each read by its own profile; faults on the Modbus side; and the office
// selling to a Modbus meter by remote recharge through the journal, tripping its relay and pushing
// its money limits.
import { BusArbiter } from '../../meter-link/bus/arbiter';
import { TcpLine } from '../../meter-link/bus/tcpLine';
import { MeterClient, MeterRefusal, type DeviceRef } from '../../meter-link/devices/meterClient';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { openLineOffice } from './lineOffice';

const options = { gapMs: 5, responseTimeoutMs: 250, retries: 2, backoffMs: 10, echo: false };

describe('a Modbus NK meter beside a DL/T 645 one on a shared bus', () => {
  const modbusMeter = new NkMeter({
    address: '000000000301',
    protocol: 'modbus',
    unit: 7,
    energyE2: 123_456,
    remainingFen: 8_800,
    purchaseCount: 3,
    cumulativePurchasedFen: 30_000,
  });
  const dltMeter = new NkMeter({ address: '000000000302', remainingFen: 100, purchaseCount: 9 });
  const bus = new TcpBus([modbusMeter, dltMeter]);
  let line: TcpLine;
  let client: MeterClient;
  let arbiter: BusArbiter;
  const onModbus: DeviceRef = {
    model: 'DDSY1352-NK',
    protocol: 'modbus',
    address: '000000000301',
    unit: 7,
  };
  const onDlt: DeviceRef = {
    model: 'DDSY1352-NK',
    protocol: 'dlt645',
    address: '000000000302',
    unit: null,
  };

  beforeAll(async () => {
    line = new TcpLine('127.0.0.1', await bus.listen());
    arbiter = new BusArbiter(line, options);
    client = new MeterClient(arbiter);
  });
  afterAll(async () => {
    await line.close();
    await bus.close();
  });

  it('reads each by its own protocol, values typed by the profile', async () => {
    expect(await client.read(onModbus, 'readEnergy')).toMatchObject({
      value: 1_234.56,
      unit: 'kWh',
    });
    expect(await client.purchaseReading(onModbus)).toEqual({
      purchaseCount: 3,
      cumulativePurchasedFen: 30_000,
      remainingFen: 8_800,
    });
    expect(await client.purchaseReading(onDlt)).toMatchObject({
      purchaseCount: 9,
      remainingFen: 100,
    });
    expect(await client.read(onModbus, 'readStatus')).toMatchObject({ value: '0000' });
  });

  it('says what the meter refused (an exception), and what the profile cannot do', async () => {
    await expect(client.read(onModbus, 'readVoltage')).rejects.toThrow(MeterRefusal);
    await expect(client.read(onModbus, 'readVoltage')).rejects.toThrow(/illegal-data-address/);
    await expect(client.read({ ...onModbus, unit: null }, 'readEnergy')).rejects.toThrow(
      /no Modbus unit/,
    );
  });

  it('gets through a lost, a garbled and another unit’s reply by retrying', async () => {
    const before = { ...arbiter.stats };
    // Two tries spoilt of the three the line allows: the third answers.
    modbusMeter.faults = ['silent', 'garbled'];
    expect((await client.read(onModbus, 'readRemainingMoney')).value).toBe(88);
    expect(arbiter.stats.timeouts - before.timeouts).toBe(2);
    expect(arbiter.stats.rejected - before.rejected).toBe(1);
    modbusMeter.faults = ['wrong-address'];
    expect((await client.read(onModbus, 'readPurchaseCount')).value).toBe(3);
    expect(arbiter.stats.timeouts - before.timeouts).toBe(3);
    // Spoilt three times over, the read fails as the line's timeout.
    modbusMeter.faults = ['silent', 'silent', 'silent'];
    await expect(client.read(onModbus, 'readEnergy')).rejects.toThrow(/no reply/);
  });

  it('trips and closes the relay and writes money limits, read back', async () => {
    const who = { password: '02123456', operator: '00000001' };
    await client.relay(onModbus, 'relayTrip', '2026-11-24 10:10:00', who);
    expect(modbusMeter.state.relay).toBe('open');
    expect((await client.read(onModbus, 'readStatus')).value).toBe('0010');
    await client.relay(onModbus, 'keepPower', '2026-11-24 10:10:00', who);
    expect(modbusMeter.state.relay).toBe('closed');
    await client.setLimit(onModbus, 'setHoarding', 123_456, who);
    expect(modbusMeter.state.hoardingFen).toBe(123_456);
    expect(await client.readLimit(onModbus, 'setHoarding')).toBe(123_456);
    // The DL/T 645 meter heard none of it.
    expect(dltMeter.state).toMatchObject({ relay: 'closed', hoardingFen: 0 });
  });
});

describe('selling to a Modbus NK meter by remote recharge', () => {
  it('commits from the meter’s count, settles a lost reply, trips the relay', async () => {
    const address = '000000000311';
    const office = await openLineOffice([
      { address, protocol: 'modbus', unit: 12, remainingFen: 0 },
    ]);
    const { core, cashier, supervisor, tariffId } = office;
    const meter = office.meters[0]!;
    try {
      await expect(
        core.call(
          'meters.register',
          { meterNo: address, model: 'DDSY1352-NK', protocol: 'modbus' },
          cashier,
        ),
      ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      const registered = await core.ok(
        'meters.register',
        { meterNo: address, model: 'DDSY1352-NK', protocol: 'modbus', modbusUnit: 12 },
        cashier,
      );
      expect(registered).toMatchObject({ protocol: 'modbus', modbusUnit: 12 });
      const customer = await core.ok('customers.create', { name: '必胜客' }, cashier);
      const account = await core.ok(
        'accounts.open',
        { customerId: customer.id, meterId: registered.id, tariffId },
        cashier,
      );
      const sell = (amountFen: number) =>
        core.call(
          'sales.sell',
          { accountId: account.id, amountFen, paymentMethod: 'cash' },
          cashier,
        );
      expect(await sell(10_000)).toMatchObject({
        ok: true,
        value: { status: 'committed', purchaseCount: 1 },
      });
      expect(meter.state).toMatchObject({ purchaseCount: 1, remainingFen: 10_000 });
      // The reply to the next recharge is lost: the retry is refused (count already taken) and
      // the sale is committed from the count read back.
      meter.rechargeFaults = ['silent'];
      expect(await sell(5_000)).toMatchObject({
        ok: true,
        value: { status: 'committed', purchaseCount: 2 },
      });
      expect(meter.state).toMatchObject({ purchaseCount: 2, remainingFen: 15_000 });
      const reading = await core.ok('meters.read', { meterId: registered.id }, cashier);
      expect(reading).toMatchObject({
        purchaseCount: 2,
        remainingFen: 15_000,
        energyKwh: 0,
        relay: 'closed',
      });
      const trip = await core.ok(
        'meters.relay',
        { meterId: registered.id, command: 'trip', reason: '检修' },
        supervisor,
      );
      expect(trip.state).toBe('done');
      expect(meter.state.relay).toBe('open');
    } finally {
      await office.close();
    }
  }, 30_000);
});
