// A dorm building's box controls through the office (issue 18): 12 rooms on a simulated ADF300
// box of 36 circuits, each room fed by a lighting, a sockets and an air-conditioning circuit. The
// supervisor pushes a lights-out table to the lighting circuits only, malignant-load detection to
// the sockets and a power limit to the air conditioning, each as a batch read back circuit by
// circuit; the box then lives through simulated time: lights out at 23:00 and back at 06:30, a
// 2 kW heater tripped (and tripped again until the restores run out), an air conditioner over
// the limit, a room forced off in the evening and forced on after lights-out. What the box wrote
// down reaches inspection by the office's own reading of the line. Over the TCP gateway, and the
// lights-out table once more over a pty pair (a real serial byte stream).
import type { BatchView } from '../../shared/api/meterLink';
import type { RoomView } from '../../shared/api/dorms';
import type { TimeControl } from '../../shared/api/boxControls';
import { AdfBox } from '../../sim/rs485/adfBox';
import { PtyBus } from '../../sim/rs485/ptyBus';
import { openLineOffice, type LineOffice } from './lineOffice';
import { ptyPair, socatMissing } from './ptys';

const BOX = '000000410000';
const LIGHTS_OUT: TimeControl = {
  mode: 'auto',
  weekday: [{ from: '06:30', to: '23:00' }],
  holiday: [{ from: '06:30', to: '24:00' }],
};

describe('a dorm building under its box controls', () => {
  let o: LineOffice;
  let box: AdfBox;
  let buildingId: number;
  let rooms: RoomView[];

  const circuitOf = (roomNo: string, purpose: 'lighting' | 'sockets' | 'aircon') => {
    const room = rooms.find((r) => r.roomNo === roomNo)!;
    return box.circuit(room.circuits.find((c) => c.purpose === purpose)!.circuit);
  };
  const relays = (purpose: 'lighting' | 'sockets' | 'aircon') =>
    rooms.map((r) => circuitOf(r.roomNo, purpose).state.relay);
  const finished = async (started: BatchView) => {
    await o.core.services.batches.settle();
    return o.core.ok('batch.get', { id: started.id }, o.supervisor);
  };
  /** The office reads the building's circuits of a purpose over the line (as its poller does). */
  const readBuilding = async (purpose: 'lighting' | 'sockets' | 'aircon') =>
    finished(
      await o.core.ok(
        'batch.start',
        {
          operation: 'read',
          selection: {
            meterIds: rooms.flatMap((r) =>
              r.circuits.filter((c) => c.purpose === purpose).map((c) => c.meterId),
            ),
          },
        },
        o.supervisor,
      ),
    );

  beforeAll(async () => {
    o = await openLineOffice([]);
    box = new AdfBox(BOX, 36, o.core.services.secret.read()!.secret);
    o.bus.meters.push(...box.circuits);
    const campus = await o.core.ok('dorms.createCampus', { name: '南校区' }, o.supervisor);
    buildingId = (
      await o.core.ok('dorms.createBuilding', { campusId: campus.id, name: '5号楼' }, o.supervisor)
    ).id;
    const opened = await o.core.ok(
      'dorms.openRooms',
      {
        buildingId,
        floorFrom: 1,
        floorTo: 2,
        roomsPerFloor: 6,
        purposes: ['lighting', 'sockets', 'aircon'],
        tariffId: o.tariffId,
        boxes: [{ meterNo: BOX, circuits: 36 }],
      },
      o.supervisor,
    );
    rooms = opened.rooms;
    // Every circuit gets 100 yuan from the office, so only the box's controls cut power.
    const grant = await finished(
      await o.core.ok(
        'batch.start',
        {
          operation: 'recharge',
          amountFen: 10_000,
          reason: '开学预存',
          selection: { meterIds: rooms.flatMap((r) => r.circuits.map((c) => c.meterId)) },
        },
        o.supervisor,
      ),
    );
    expect(grant).toMatchObject({ succeeded: 36, failed: 0 });
    for (const r of rooms) {
      circuitOf(r.roomNo, 'lighting').loads = [{ name: 'lamp', watts: 40, powerFactor: 0.9 }];
      circuitOf(r.roomNo, 'sockets').loads = [{ name: 'laptop', watts: 60, powerFactor: 0.6 }];
    }
  }, 120_000);
  afterAll(() => o.close());

  it('opens each room on three circuits side by side, one account each', () => {
    expect(rooms).toHaveLength(12);
    expect(rooms[0]).toMatchObject({ roomNo: '101', name: '5号楼-101' });
    expect(rooms[0]!.circuits.map((c) => [c.purpose, c.circuit])).toEqual([
      ['lighting', 1],
      ['sockets', 2],
      ['aircon', 3],
    ]);
    expect(new Set(rooms.flatMap((r) => r.circuits.map((c) => c.accountId))).size).toBe(36);
    expect(box.circuits.map((c) => c.state.remainingFen)).toEqual(Array(36).fill(10_000));
  });

  it('pushes lights-out to the lighting circuits only, each read back', async () => {
    const done = await finished(
      await o.core.ok(
        'dorms.pushControls',
        {
          buildingId,
          purpose: 'lighting',
          controls: { timeControl: LIGHTS_OUT },
          reason: '熄灯管理',
        },
        o.supervisor,
      ),
    );
    expect(done).toMatchObject({ operation: 'boxControls', total: 12, succeeded: 12, failed: 0 });
    const read = await o.core.ok('dorms.controls', { roomId: rooms[4]!.id }, o.supervisor);
    const byPurpose = Object.fromEntries(read.map((c) => [c.purpose, c]));
    expect(byPurpose.lighting).toMatchObject({ error: null, forced: 'released' });
    expect(byPurpose.lighting!.controls!.timeControl).toEqual(LIGHTS_OUT);
    expect(byPurpose.sockets!.controls!.timeControl.mode).toBe('off');
    // Each push is a command in the journal, done.
    const commands = await o.core.ok(
      'meters.commands',
      { meterId: rooms[4]!.circuits.find((c) => c.purpose === 'lighting')!.meterId },
      o.supervisor,
    );
    expect(commands[0]).toMatchObject({
      command: 'setBoxControls',
      state: 'done',
      reason: '熄灯管理',
    });
  }, 60_000);

  it('puts the lights out at 23:00 on a weekday and back on at 06:30, nothing else', async () => {
    box.setClock('2026-12-07 22:58:00'); // a Monday
    box.advance(1);
    expect(relays('lighting')).toEqual(Array(12).fill('closed'));
    box.advance(1); // 23:00
    expect(relays('lighting')).toEqual(Array(12).fill('open'));
    expect(relays('sockets')).toEqual(Array(12).fill('closed'));
    expect(relays('aircon')).toEqual(Array(12).fill('closed'));
    expect(circuitOf('203', 'lighting').openBecause).toBe('timeControl');
    // The office sees it over the line too.
    const reading = await o.core.ok(
      'meters.read',
      { meterId: rooms[0]!.circuits.find((c) => c.purpose === 'lighting')!.meterId },
      o.supervisor,
    );
    expect(reading).toMatchObject({ relay: 'open', powerKw: 0 });
    const room = await o.core.ok('dorms.controls', { roomId: rooms[0]!.id }, o.supervisor);
    expect(room.map((c) => [c.purpose, c.relay])).toEqual([
      ['lighting', 'open'],
      ['sockets', 'closed'],
      ['aircon', 'closed'],
    ]);
    box.advance(7 * 60 + 29); // 06:29
    expect(relays('lighting')).toEqual(Array(12).fill('open'));
    box.advance(1); // 06:30
    expect(relays('lighting')).toEqual(Array(12).fill('closed'));
    // Saturday is a holiday by the box's clock: lights stay on past 23:00.
    box.setClock('2026-12-12 22:59:00');
    box.advance(2);
    expect(relays('lighting')).toEqual(Array(12).fill('closed'));
  }, 60_000);

  it('cuts a 2 kW heater, lets a water dispenser be, and inspection hears of every trip', async () => {
    const done = await finished(
      await o.core.ok(
        'dorms.pushControls',
        {
          buildingId,
          purpose: 'sockets',
          controls: {
            malignantLoad: {
              enabled: true,
              powerFactorMin: 0.95,
              stepMinW: 800,
              restoreAfterMin: 5,
              restoresMax: 2,
              allowed: [{ fromW: 400, toW: 600 }],
            },
          },
          reason: '恶性负载识别',
        },
        o.supervisor,
      ),
    );
    expect(done).toMatchObject({ succeeded: 12, failed: 0 });
    box.setClock('2026-12-08 14:00:00');
    circuitOf('101', 'sockets').loads.push({ name: 'water dispenser', watts: 500, powerFactor: 1 });
    const heater = circuitOf('102', 'sockets');
    heater.loads.push({ name: 'hot plate', watts: 2_000, powerFactor: 1 });
    box.advance(1);
    expect(circuitOf('101', 'sockets').state.relay).toBe('closed');
    expect(heater.openBecause).toBe('malignantLoad');
    // Its neighbours, and the room's other circuits, keep their power.
    expect(relays('sockets').filter((r) => r === 'open')).toHaveLength(1);
    expect(circuitOf('102', 'lighting').state.relay).toBe('closed');

    await readBuilding('sockets');
    let findings = await o.core.ok('inspection.list', { meterNo: BOX }, o.supervisor);
    expect(findings.map((f) => [f.rule, f.severity, f.customerName, f.source])).toEqual([
      ['malignant-load', 'warning', '5号楼-102', 'box-record'],
    ]);
    expect(findings[0]!.details).toMatchObject({
      at: '2026-12-08 14:01',
      powerW: 2_060,
      repeats: 1,
    });
    // Read again: nothing new.
    await readBuilding('sockets');
    expect(await o.core.ok('inspection.list', { meterNo: BOX }, o.supervisor)).toHaveLength(1);

    // The box restores it after 5 minutes; the heater still there trips it again, twice, and
    // after the second restore it stays off for the office.
    box.advance(5);
    expect(heater.openBecause).toBe('malignantLoad');
    box.advance(5);
    box.advance(20);
    expect(heater.records.map((r) => r.kind)).toEqual(Array(3).fill('malignantLoad'));
    expect(heater.openBecause).toBe('malignantLoad');
    await readBuilding('sockets');
    findings = await o.core.ok('inspection.list', { meterNo: BOX }, o.supervisor);
    expect(findings.map((f) => f.severity).sort()).toEqual(['critical', 'warning', 'warning']);

    // The heater taken away, the office lets the circuit close.
    heater.loads = heater.loads.filter((l) => l.name !== 'hot plate');
    const meterId = rooms[1]!.circuits.find((c) => c.purpose === 'sockets')!.meterId;
    await o.core.ok(
      'meters.relay',
      { meterId, command: 'allowClose', reason: '已收缴电炉' },
      o.supervisor,
    );
    box.advance(1);
    expect(heater.state.relay).toBe('closed');
  }, 60_000);

  it('trips an air conditioner over the room’s power limit and restores it after the delay', async () => {
    await finished(
      await o.core.ok(
        'dorms.pushControls',
        {
          buildingId,
          floorFrom: 2,
          floorTo: 2,
          purpose: 'aircon',
          controls: { powerLimit: { limitW: 1_500, restoreAfterMin: 10 } },
          reason: '空调限功率',
        },
        o.supervisor,
      ),
    );
    box.setClock('2026-12-08 15:00:00');
    const ac = circuitOf('204', 'aircon');
    ac.loads = [{ name: 'air conditioner', watts: 1_800, powerFactor: 0.85 }];
    // Floor 1 had no limit pushed: the same load runs there.
    const downstairs = circuitOf('104', 'aircon');
    downstairs.loads = [{ name: 'air conditioner', watts: 1_800, powerFactor: 0.85 }];
    box.advance(1);
    expect(ac.openBecause).toBe('overPower');
    expect(downstairs.state.relay).toBe('closed');
    ac.loads = [{ name: 'air conditioner', watts: 1_200, powerFactor: 0.85 }];
    box.advance(9);
    expect(ac.state.relay).toBe('open');
    box.advance(1);
    expect(ac.state.relay).toBe('closed');
    await readBuilding('aircon');
    const overPower = (await o.core.ok('inspection.list', { meterNo: BOX }, o.supervisor)).filter(
      (f) => f.rule === 'over-power',
    );
    expect(overPower.map((f) => [f.customerName, f.severity, f.details.powerW])).toEqual([
      ['5号楼-204', 'notice', 1_800],
    ]);
  }, 60_000);

  it('forces a room off past its time table, on past lights-out, and releases it', async () => {
    const room = rooms.find((r) => r.roomNo === '103')!;
    const lights = circuitOf('103', 'lighting');
    box.setClock('2026-12-08 20:00:00');
    box.advance(1);
    expect(lights.state.relay).toBe('closed');
    const off = await finished(
      await o.core.ok(
        'dorms.force',
        { buildingId, roomIds: [room.id], mode: 'off', reason: '宿舍检查' },
        o.supervisor,
      ),
    );
    expect(off).toMatchObject({ operation: 'force', total: 3, succeeded: 3, failed: 0 });
    // The room is told once, for its three circuits.
    const told = o.core.services.messages.outboxStore
      .list(null, 50)
      .filter((m) => m.kind === 'dorm-control');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toMatch(/已被强制断电（宿舍检查），请到宿舍管理处联系。$/);
    expect(
      ['lighting', 'sockets', 'aircon'].map((p) => circuitOf('103', p as 'lighting').openBecause),
    ).toEqual(['forcedOff', 'forcedOff', 'forcedOff']);
    box.advance(30);
    expect(lights.state.relay).toBe('open');
    // The other rooms are untouched.
    expect(circuitOf('104', 'lighting').state.relay).toBe('closed');

    box.setClock('2026-12-08 23:30:00');
    await finished(
      await o.core.ok(
        'dorms.force',
        { buildingId, roomIds: [room.id], purpose: 'lighting', mode: 'on', reason: '考试周延时' },
        o.supervisor,
      ),
    );
    box.advance(1);
    expect(lights.state.relay).toBe('closed');
    expect(circuitOf('104', 'lighting').openBecause).toBe('timeControl');
    await finished(
      await o.core.ok(
        'dorms.force',
        { buildingId, roomIds: [room.id], mode: 'released', reason: '恢复' },
        o.supervisor,
      ),
    );
    box.advance(1);
    expect(lights.openBecause).toBe('timeControl');
    expect(circuitOf('103', 'sockets').state.relay).toBe('closed');
    for (const purpose of ['lighting', 'sockets', 'aircon'] as const) await readBuilding(purpose);
    const forced = (await o.core.ok('inspection.list', { meterNo: BOX }, o.supervisor)).filter(
      (f) => f.rule === 'forced-control',
    );
    expect(forced.map((f) => f.details.kind).sort()).toEqual([
      'forcedOff',
      'forcedOff',
      'forcedOff',
      'forcedOn',
    ]);
  }, 60_000);

  it('reports the building by floor: its sales, and what its boxes cut', async () => {
    const report = await o.core.ok(
      'dorms.report',
      { buildingId, from: '2026-11-01', to: '2026-12-31' },
      o.supervisor,
    );
    expect(report.name).toBe('南校区 5号楼');
    expect(
      report.floors.map((f) => [
        f.floor,
        f.rooms,
        f.salesFen,
        f.salesCount,
        f.malignantLoads,
        f.overPowers,
      ]),
    ).toEqual([
      [1, 6, 180_000, 18, 3, 0],
      [2, 6, 180_000, 18, 0, 1],
    ]);
    expect(report.totals).toMatchObject({ rooms: 12, salesFen: 360_000, allowanceFen: 0 });
    // A month without any of it, and a period the wrong way round.
    const empty = await o.core.ok(
      'dorms.report',
      { buildingId, from: '2026-10-01', to: '2026-10-31' },
      o.supervisor,
    );
    expect(empty.totals).toMatchObject({ rooms: 12, salesFen: 0, malignantLoads: 0 });
    await expect(
      o.core.call(
        'dorms.report',
        { buildingId, from: '2026-12-31', to: '2026-11-01' },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  }, 60_000);

  it('switches lights-out to the holiday table on a calendar holiday, and back the day after', async () => {
    await o.core.ok('meterLink.configure', { pollIntervalMinutes: 0 }, o.supervisor);
    const clock = o.core.clock;
    const started = clock.now;
    clock.now = new Date('2026-11-24T10:00:00+08:00'); // a Tuesday
    await expect(
      o.core.call(
        'dorms.setCalendarDay',
        { day: '2026-11-25', kind: 'holiday', note: '运动会' },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(
      o.core.call('dorms.setCalendarDay', { day: '2026-02-30', kind: 'holiday' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const month = await o.core.ok(
      'dorms.setCalendarDay',
      { day: '2026-11-25', kind: 'holiday', note: '运动会' },
      o.supervisor,
    );
    expect(month).toMatchObject([{ day: '2026-11-25', kind: 'holiday', note: '运动会' }]);
    const modes = () =>
      rooms.map((r) => Number(circuitOf(r.roomNo, 'lighting').controls.get('04A10001')));
    const switches = () =>
      (
        o.core.services.db
          .prepare(
            "SELECT count(*) AS n FROM device_operations WHERE kind = 'boxControlPush' AND json_extract(payload, '$.reason') LIKE '校历%'",
          )
          .get() as { n: number }
      ).n;

    // The day before: nothing to switch.
    await o.core.services.poller.tick();
    expect(modes()).toEqual(Array(12).fill(1));
    // Just after midnight on the holiday, the lighting circuits take the holiday table; one of
    // them does not answer and is left for a quarter of an hour.
    clock.now = new Date('2026-11-25T00:01:00+08:00');
    const silent = circuitOf('105', 'lighting');
    silent.faults = Array(3).fill('silent');
    await o.core.services.poller.tick();
    expect(modes().filter((m) => m === 3)).toHaveLength(11);
    expect(Number(silent.controls.get('04A10001'))).toBe(1);
    expect(Number(circuitOf('105', 'sockets').controls.get('04A10001'))).toBe(0);
    silent.faults = [];
    const before = switches();
    clock.now = new Date('2026-11-25T00:05:00+08:00');
    await o.core.services.poller.tick();
    expect(switches()).toBe(before); // not yet: neither the done ones nor the silent one
    clock.now = new Date('2026-11-25T00:20:00+08:00');
    await o.core.services.poller.tick();
    expect(modes()).toEqual(Array(12).fill(3));
    // A Wednesday, but the lights stay on past 23:00 as on a holiday.
    box.setClock('2026-11-25 22:59:00');
    box.advance(2);
    expect(relays('lighting')).toEqual(Array(12).fill('closed'));
    // The day after, back to the week; a second minute switches nothing.
    clock.now = new Date('2026-11-26T00:01:00+08:00');
    await o.core.services.poller.tick();
    expect(modes()).toEqual(Array(12).fill(1));
    const after = switches();
    await o.core.services.poller.tick();
    expect(switches()).toBe(after);
    box.setClock('2026-11-26 22:59:00');
    box.advance(2);
    expect(relays('lighting')).toEqual(Array(12).fill('open'));
    // The office's own clock back where the other tests keep it (their sessions are of then).
    clock.now = started;
  }, 60_000);

  it('refuses what cannot be pushed, and retries a circuit that did not answer', async () => {
    const push = (input: Record<string, unknown>) =>
      o.core.call(
        'dorms.pushControls',
        { buildingId, controls: { timeControl: LIGHTS_OUT }, reason: '熄灯管理', ...input },
        o.supervisor,
      );
    await expect(push({ floorFrom: 3, floorTo: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'DORM_FLOORS_REVERSED' },
    });
    await expect(push({ floorFrom: 7, floorTo: 9 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BATCH_EMPTY' },
    });
    await expect(push({ buildingId: 999 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BUILDING_NOT_FOUND' },
    });
    await expect(
      push({
        controls: {
          timeControl: {
            ...LIGHTS_OUT,
            weekday: [
              { from: '06:30', to: '12:00' },
              { from: '11:00', to: '23:00' },
            ],
          },
        },
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ code: 'rule', rule: 'periods_apart' }] },
    });
    await expect(
      o.core.call('dorms.force', { buildingId, mode: 'off', reason: '宿舍检查' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Room 201's lighting circuit is silent for this push: it alone fails, and the retry lands.
    const silent = circuitOf('201', 'lighting');
    silent.faults = Array(12).fill('silent');
    const first = await finished(
      await o.core.ok(
        'dorms.pushControls',
        {
          buildingId,
          floorFrom: 2,
          floorTo: 2,
          purpose: 'lighting',
          controls: { timeControl: { ...LIGHTS_OUT, mode: 'weekday' } },
          reason: '期末',
        },
        o.supervisor,
      ),
    );
    expect(first).toMatchObject({ total: 6, succeeded: 5, failed: 1 });
    expect(first.results.find((r) => r.state === 'failed')).toMatchObject({
      meterNo: BOX,
      error: { code: 'METER_NO_ANSWER' },
    });
    silent.faults = [];
    const again = await finished(
      await o.core.ok('batch.retryFailed', { id: first.id }, o.supervisor),
    );
    expect(again).toMatchObject({ total: 1, succeeded: 1, failed: 0 });
    expect(Number(silent.controls.get('04A10001'))).toBe(2);
  }, 60_000);
});

const missing = socatMissing();
(missing ? describe.skip : describe)('lights-out over a serial line (pty pair)', () => {
  it('pushes the table down a real serial byte stream and the box acts on it', async () => {
    const pair = await ptyPair();
    const o = await openLineOffice([]);
    const box = new AdfBox('000000420000', 12, o.core.services.secret.read()!.secret);
    const bus = new PtyBus(pair.meters, box.circuits);
    try {
      await bus.open();
      await o.core.ok(
        'meterLink.configure',
        { line: { kind: 'serial', path: pair.office, baudRate: 9600, parity: 'even' } },
        o.supervisor,
      );
      const campus = await o.core.ok('dorms.createCampus', { name: '北校区' }, o.supervisor);
      const building = await o.core.ok(
        'dorms.createBuilding',
        { campusId: campus.id, name: '1号楼' },
        o.supervisor,
      );
      await o.core.ok(
        'dorms.openRooms',
        {
          buildingId: building.id,
          floorFrom: 1,
          floorTo: 1,
          roomsPerFloor: 2,
          purposes: ['lighting', 'sockets'],
          tariffId: o.tariffId,
          boxes: [{ meterNo: '000000420000', circuits: 12 }],
        },
        o.supervisor,
      );
      for (const c of box.circuits) c.state.remainingFen = 5_000;
      const started = await o.core.ok(
        'dorms.pushControls',
        {
          buildingId: building.id,
          purpose: 'lighting',
          controls: { timeControl: LIGHTS_OUT },
          reason: '熄灯管理',
        },
        o.supervisor,
      );
      await o.core.services.batches.settle();
      expect(await o.core.ok('batch.get', { id: started.id }, o.supervisor)).toMatchObject({
        succeeded: 2,
        failed: 0,
      });
      box.setClock('2026-12-09 22:59:00');
      box.advance(1);
      expect(box.circuits.slice(0, 4).map((c) => c.state.relay)).toEqual([
        'open',
        'closed',
        'open',
        'closed',
      ]);
    } finally {
      await bus.close();
      await o.close();
      await pair.close();
    }
  }, 60_000);
});
