// The ACRT chain on the real card stack (pcscd + vpcd, a virtual SLE4442): the cashier sells onto
// the tenant's card for an NK meter in the locked meter room; the tenant puts the card into the
// simulated ACRT terminal, which recharges the meter over its RS485 bus and writes the meter's state
// back onto the card; the office reads the card (the write-back comes into the books) and reads the
// meter over its own line, and both show the purchase, once. The office writes the terminal its
// binding table and reads its recharge log back, reconciled with the books.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { BusArbiter } from '../../meter-link/bus/arbiter';
import { TcpLine } from '../../meter-link/bus/tcpLine';
import { MeterClient } from '../../meter-link/devices/meterClient';
import { AcrtTerminal } from '../../sim/rs485/acrtTerminal';
import { NkMeter } from '../../sim/rs485/nkMeter';
import type { BusDevice } from '../../sim/rs485/busEar';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { openCardOffice, type CardOffice } from './cardOffice';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  READER_LOCK_HOOK_MS,
  VIRTUAL_READERS,
} from './pcscd';
import { cardHands } from './virtualCards';

const READER = VIRTUAL_READERS[0];
const METER = '000000000181';
const TERMINAL = '000000000900';
const nkDevice = (address: string) =>
  ({ model: 'DDSY1352-NK', protocol: 'dlt645', address, unit: null }) as const;

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `the ACRT chain${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    const hands = cardHands(virtual, READER);
    let unlock = () => {};
    let office: CardOffice;
    let accountId: number;
    let meterId: number;
    let meter: NkMeter;
    let bus: TcpBus<BusDevice>;
    let terminalId: number;
    let acrtLine: TcpLine;
    let acrt: AcrtTerminal;

    jest.setTimeout(60_000);

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      office = await openCardOffice({ reader: READER });
      const { core, cashier, supervisor, tariffId } = office;
      const secret = core.services.secret.read()!.secret;
      meter = new NkMeter({ address: METER }, meterRechargeKey(secret, METER));
      bus = new TcpBus<BusDevice>([meter]);
      const port = await bus.listen();
      // The office reaches the meter room over its own line (the terminal, and the meters for
      // reading); the ACRT reaches its meters over its bus.
      await core.ok(
        'meterLink.configure',
        { line: { kind: 'tcp', host: '127.0.0.1', port }, password: '02123456' },
        supervisor,
      );
      acrtLine = new TcpLine('127.0.0.1', port);
      acrt = new AcrtTerminal({
        address: TERMINAL,
        password: '123456',
        officeSecret: secret,
        client: new MeterClient(new BusArbiter(acrtLine)),
        meters: new Map([[METER, nkDevice(METER)]]),
        clock: () => '2026-11-24 11:00:00',
      });
      bus.meters.push(acrt);
      terminalId = (
        await core.ok('acrt.register', { address: TERMINAL, name: '地下一层配电室' }, supervisor)
      ).id;
      const customer = await core.ok(
        'customers.create',
        { name: '优衣库', shopUnit: 'L2-210' },
        cashier,
      );
      meterId = (
        await core.ok(
          'meters.register',
          { meterNo: METER, model: 'DDSY1352-NK', viaAcrt: true },
          cashier,
        )
      ).id;
      accountId = (
        await core.ok('accounts.open', { customerId: customer.id, meterId, tariffId }, cashier)
      ).id;
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      await acrtLine?.close();
      await bus?.close();
      await office?.core.dispose();
      unlock();
    });

    it('sells onto the card, the ACRT recharges the meter, the office sees it on card and meter', async () => {
      const { core, cashier } = office;
      await hands.putBlank();
      await core.ok('cards.issue', { accountId }, cashier);
      const sale = await core.ok(
        'sales.sell',
        { accountId, amountFen: 10_000, paymentMethod: 'cash' },
        cashier,
      );
      expect(sale).toMatchObject({ status: 'committed', purchaseCount: 1 });
      // Nothing went over the line: the purchase is on the card, the meter has none of it yet.
      expect(meter.state).toMatchObject({ purchaseCount: 0, remainingFen: 0 });
      expect(core.services.db.prepare('SELECT kind, target FROM device_operations').all()).toEqual([
        { kind: 'cardIssue', target: 'card' },
        { kind: 'cardSale', target: 'card' },
      ]);

      // Until the office has written the terminal its binding table, it takes no card.
      const { memory, psc } = await hands.onReader();
      expect(await acrt.insert(memory)).toMatchObject({
        outcome: 'refused',
        reason: `card 000000000001 is not bound to meter ${METER}`,
      });
      const downloaded = await core.ok(
        'acrt.downloadBindings',
        { id: terminalId },
        office.supervisor,
      );
      expect(downloaded).toMatchObject({ bindingsCount: 1 });
      expect([...acrt.bindings]).toEqual([['000000000001', METER]]);
      expect(
        core.services.db
          .prepare("SELECT state, outcome FROM device_operations WHERE kind = 'acrtBindings'")
          .all(),
      ).toEqual([{ state: 'committed', outcome: '{"bindings":1}' }]);

      // The tenant goes to the ACRT with the card.
      const inserted = await acrt.insert(memory);
      expect(inserted.outcome).toBe('recharged');
      expect(meter.state).toMatchObject({ purchaseCount: 1, remainingFen: 10_000 });
      await hands.reinsert(inserted.image, psc);

      // Back at the office: the card's write-back comes into the books.
      const read = await core.ok('cards.read', {}, cashier);
      expect(read).toMatchObject({ observed: true, findings: [] });
      expect(await core.ok('accounts.get', { id: accountId }, cashier)).toMatchObject({
        purchaseCount: 1,
        loadedCount: 1,
        meterRemainingFen: 10_000,
      });
      // And the meter, read over the office's line, holds the purchase.
      const reading = await core.ok('meters.read', { meterId }, cashier);
      expect(reading).toMatchObject({
        purchaseCount: 1,
        remainingFen: 10_000,
        cumulativePurchasedFen: 10_000,
      });
    });

    it('loads a card once: put in again, the ACRT only writes back', async () => {
      const { memory } = await hands.onReader();
      expect((await acrt.insert(memory)).outcome).toBe('write-back-only');
      expect(meter.state.purchaseCount).toBe(1);
      expect(acrt.log.map((e) => [e.outcome, e.purchaseCount, e.amountFen])).toEqual([
        ['refused', 1, 0],
        ['recharged', 1, 10_000],
        ['write-back-only', 1, 0],
      ]);
    });

    it('takes the next purchase after the office has read the write-back', async () => {
      const { core, cashier } = office;
      await core.ok(
        'sales.sell',
        { accountId, amountFen: 5_000, paymentMethod: 'wechat' },
        cashier,
      );
      const { memory, psc } = await hands.onReader();
      const inserted = await acrt.insert(memory);
      expect(inserted.outcome).toBe('recharged');
      expect(meter.state).toMatchObject({ purchaseCount: 2, remainingFen: 15_000 });
      await hands.reinsert(inserted.image, psc);
      await core.ok('cards.read', {}, cashier);
      expect(await core.ok('accounts.get', { id: accountId }, cashier)).toMatchObject({
        purchaseCount: 2,
        loadedCount: 2,
        totalPurchasedFen: 15_000,
      });
    });

    it('refuses a card of a meter that is not behind it, and a foreign one', async () => {
      const other = new AcrtTerminal({
        address: '000000000901',
        password: '123456',
        officeSecret: Buffer.alloc(32, 9),
        client: new MeterClient(new BusArbiter(acrtLine)),
        meters: new Map([[METER, nkDevice(METER)]]),
        clock: () => '2026-11-24 12:00:00',
      });
      const { memory } = await hands.onReader();
      expect(await other.insert(memory)).toMatchObject({ outcome: 'refused' });
      const elsewhere = new AcrtTerminal({
        address: '000000000902',
        password: '123456',
        officeSecret: office.core.services.secret.read()!.secret,
        client: new MeterClient(new BusArbiter(acrtLine)),
        meters: new Map([['000000000999', nkDevice('000000000999')]]),
        clock: () => '2026-11-24 12:00:00',
      });
      expect(await elsewhere.insert(memory)).toMatchObject({
        outcome: 'refused',
        reason: `meter ${METER} is not behind this terminal`,
      });
      expect(meter.state.purchaseCount).toBe(2);
    });

    it('reads the terminal’s recharge log and reconciles it with the books, once', async () => {
      const { core, supervisor } = office;
      const log = await core.ok('acrt.readLog', { id: terminalId }, supervisor);
      expect(log.map((r) => [r.seq, r.outcome, r.purchaseCount, r.amountFen, r.status])).toEqual([
        [4, 'recharged', 2, 5_000, 'matched'],
        [3, 'write-back-only', 1, 0, 'no-purchase'],
        [2, 'recharged', 1, 10_000, 'matched'],
        [1, 'refused', 1, 0, 'no-purchase'],
      ]);
      expect(log[0]).toMatchObject({
        cardNo: '000000000001',
        meterNo: METER,
        customerName: '优衣库',
      });
      // A recharge the books never sold (a tampered terminal, say) is named when it turns up.
      acrt.log.push({
        at: '2026-11-24 12:30:00',
        cardNo: '000000000001',
        meterNo: METER,
        purchaseCount: 3,
        amountFen: 50_000,
        outcome: 'recharged',
        reason: null,
      });
      const again = await core.ok('acrt.readLog', { id: terminalId }, supervisor);
      expect(again).toHaveLength(5);
      expect(again[0]).toMatchObject({ seq: 5, status: 'not-in-ledger', amountFen: 50_000 });
      expect((await core.ok('acrt.list', {}, supervisor))[0]).toMatchObject({
        address: TERMINAL,
        bindingsCount: 1,
        logReadAt: expect.any(String),
      });
    });

    it('refuses the binding table without the terminal’s password, and unknown terminals', async () => {
      const { core, supervisor } = office;
      await core.ok('meterLink.configure', { password: '02999999' }, supervisor);
      await expect(
        core.call('acrt.downloadBindings', { id: terminalId }, supervisor),
      ).resolves.toMatchObject({
        ok: false,
        error: { code: 'METER_REFUSED', params: { reasons: 'password-or-authority' } },
      });
      // The refused download is journaled and voided with the refusal, nothing left pending.
      expect(
        core.services.db
          .prepare(
            "SELECT state, outcome FROM device_operations WHERE kind = 'acrtBindings' ORDER BY id DESC LIMIT 1",
          )
          .get(),
      ).toEqual({ state: 'voided', outcome: '{"error":"METER_REFUSED"}' });
      await core.ok('meterLink.configure', { password: '02123456' }, supervisor);
      await expect(core.call('acrt.readLog', { id: 99 }, supervisor)).resolves.toMatchObject({
        ok: false,
        error: { code: 'ACRT_NOT_FOUND' },
      });
      await expect(
        core.call('acrt.register', { address: METER, name: '重复' }, supervisor),
      ).resolves.toMatchObject({ ok: false, error: { code: 'ACRT_ADDRESS_TAKEN' } });
    });
  },
);
