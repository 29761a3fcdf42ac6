// Training mode's NK meters: card meters' sales go to the simulated cards, NK meters' over the
// training office's own meter line to a simulated meter room on this PC, where each meter appears,
// installed with the office's key, when the office first speaks to it; the room keeps its meters'
// state across a restart, as the training ledger does.
import fs from 'node:fs';
import path from 'node:path';
import { openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';
import { TrainingMeterRoom } from '../../sim/rs485/trainingMeterRoom';

describe('training on NK meters', () => {
  const dir = tempDir('powertill-training-nk-');
  const roomFile = path.join(dir, 'training-nk-meters.json');
  let core: TestCore;
  let room: TrainingMeterRoom;
  let admin: string;

  const openRoom = async () => {
    room = new TrainingMeterRoom(roomFile, () => core.services.secret.read()?.secret ?? null);
    const port = await room.listen();
    await core.ok('meterLink.configure', { line: { kind: 'tcp', host: '127.0.0.1', port } }, admin);
  };

  beforeAll(async () => {
    core = await openTestCore({ cardTarget: new SimulatedCards() });
    admin = (await setUpOffice(core)).sessionId;
    await openRoom();
  });
  afterAll(async () => {
    await room.close();
    await core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sells to a card meter on the simulated card and to an NK meter over the line', async () => {
    const tariff = await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    const open = async (meterNo: string, model: 'DDSY1352' | 'DDSY1352-NK') => {
      const customer = await core.ok(
        'customers.create',
        { name: `商户${meterNo.slice(-3)}` },
        admin,
      );
      const meter = await core.ok('meters.register', { meterNo, model }, admin);
      return core.ok(
        'accounts.open',
        { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
        admin,
      );
    };
    const card = await open('000000000501', 'DDSY1352');
    const nk = await open('000000000502', 'DDSY1352-NK');
    await core.ok(
      'sales.sell',
      { accountId: card.id, amountFen: 5_000, paymentMethod: 'cash' },
      admin,
    );
    await core.ok(
      'sales.sell',
      { accountId: nk.id, amountFen: 8_000, paymentMethod: 'cash' },
      admin,
    );
    expect(
      core.services.db.prepare('SELECT kind, target FROM device_operations ORDER BY id').all(),
    ).toEqual([
      { kind: 'cardSale', target: 'simulated' },
      { kind: 'remoteRecharge', target: 'remote' },
    ]);
    const reading = await core.ok('meters.read', { meterId: nk.meter.id }, admin);
    expect(reading).toMatchObject({ purchaseCount: 1, remainingFen: 8_000 });
  });

  it('keeps the meter room across a restart', async () => {
    await room.close();
    await openRoom();
    const nk = core.services.accounts.byAccountNo('00000002')!;
    const sale = await core.ok(
      'sales.sell',
      { accountId: nk.id, amountFen: 2_000, paymentMethod: 'wechat' },
      admin,
    );
    expect(sale).toMatchObject({ status: 'committed', purchaseCount: 2 });
    const reading = await core.ok('meters.read', { meterId: nk.meterId }, admin);
    expect(reading).toMatchObject({
      purchaseCount: 2,
      remainingFen: 10_000,
      cumulativePurchasedFen: 10_000,
    });
  });
});
