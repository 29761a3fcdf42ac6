// Training mode's dorm building (issue 18): a training office starts with the training campus and
// building; the trainee opens rooms on the training dorm's simulated ADF300 boxes in the training
// meter room (over its TCP gateway, as the training office reaches them), gives the rooms credit,
// pushes lights-out, and the box, living on the room's clock a minute at a time with a student
// room's loads, puts the lights out at 23:00; a heater in the second room is caught at 20:00. The
// box's controls and records survive a restart of the room, as the training ledger does.
import fs from 'node:fs';
import path from 'node:path';
import { openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import type { RoomView } from '../../shared/api/dorms';
import { TRAINING_DORM, TRAINING_METER_PASSWORD } from '../../shared/training';
import { SimulatedCards } from '../../sim/simulatedCards';
import { roomLoads, TrainingMeterRoom } from '../../sim/rs485/trainingMeterRoom';

describe('the training dorm', () => {
  const dir = tempDir('powertill-training-dorm-');
  const roomFile = path.join(dir, 'training-nk-meters.json');
  let core: TestCore;
  let room: TrainingMeterRoom;
  let admin: string;
  let rooms: RoomView[];
  /** The meter room's wall clock, moved by the test. */
  let now = new Date('2026-12-07T14:58:00Z'); // 22:58 in the office, a Monday

  const openRoom = async () => {
    room = new TrainingMeterRoom(
      roomFile,
      () => core.services.secret.read()?.secret ?? null,
      () => now,
    );
    const port = await room.listen();
    await core.ok(
      'meterLink.configure',
      { line: { kind: 'tcp', host: '127.0.0.1', port }, password: TRAINING_METER_PASSWORD },
      admin,
    );
  };
  const minutes = (n: number) => {
    for (let i = 0; i < n; i += 1) {
      now = new Date(now.getTime() + 60_000);
      room.minute();
    }
  };
  const circuit = (roomNo: string, purpose: 'lighting' | 'sockets' | 'aircon') =>
    rooms.find((r) => r.roomNo === roomNo)!.circuits.find((c) => c.purpose === purpose)!;
  const relayOf = async (roomNo: string, purpose: 'lighting' | 'sockets' | 'aircon') =>
    (await core.ok('meters.read', { meterId: circuit(roomNo, purpose).meterId }, admin)).relay;
  const settled = async (started: { id: number }) => {
    await core.services.batches.settle();
    return core.ok('batch.get', { id: started.id }, admin);
  };

  beforeAll(async () => {
    const cards = new SimulatedCards();
    core = await openTestCore({ cardTarget: cards, training: cards });
    admin = (await setUpOffice(core)).sessionId;
    await openRoom();
  }, 60_000);
  afterAll(async () => {
    await room.close();
    await core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the training campus and building', async () => {
    const [campus, ...others] = await core.ok('dorms.tree', {}, admin);
    expect(others).toEqual([]);
    expect(campus).toMatchObject({
      name: TRAINING_DORM.campus,
      buildings: [{ name: TRAINING_DORM.building, rooms: 0 }],
    });
  });

  it('opens rooms on the training boxes, and the box puts their lights out at 23:00', async () => {
    const building = (await core.ok('dorms.tree', {}, admin))[0]!.buildings[0]!;
    const tariff = await core.ok(
      'tariffs.create',
      { name: '学生宿舍', definition: { kind: 'flat', price: 5_000 } },
      admin,
    );
    rooms = (
      await core.ok(
        'dorms.openRooms',
        {
          buildingId: building.id,
          floorFrom: 1,
          floorTo: 2,
          roomsPerFloor: 6,
          purposes: ['lighting', 'sockets', 'aircon'],
          tariffId: tariff.id,
          boxes: TRAINING_DORM.boxes.map((b) => ({ ...b })),
        },
        admin,
      )
    ).rooms;
    expect(rooms).toHaveLength(12);
    expect(circuit('101', 'lighting')).toMatchObject({ meterNo: '000000900001', circuit: 1 });
    const meterIds = rooms.flatMap((r) => r.circuits.map((c) => c.meterId));
    const grant = await settled(
      await core.ok(
        'batch.start',
        { operation: 'recharge', amountFen: 5_000, reason: '开学预存', selection: { meterIds } },
        admin,
      ),
    );
    expect(grant).toMatchObject({ succeeded: 36, failed: 0 });
    const pushed = await settled(
      await core.ok(
        'dorms.pushControls',
        {
          buildingId: building.id,
          purpose: 'lighting',
          controls: {
            timeControl: {
              mode: 'auto',
              weekday: [{ from: '06:30', to: '23:00' }],
              holiday: [{ from: '06:30', to: '24:00' }],
            },
          },
          reason: '熄灯管理',
        },
        admin,
      ),
    );
    expect(pushed).toMatchObject({ succeeded: 12, failed: 0 });

    minutes(1); // 22:59
    expect(await relayOf('101', 'lighting')).toBe('closed');
    minutes(1); // 23:00
    expect(await relayOf('101', 'lighting')).toBe('open');
    expect(await relayOf('206', 'lighting')).toBe('open');
    expect(await relayOf('101', 'sockets')).toBe('closed');
    // The lamp and the air conditioner were using the room's credit meanwhile.
    const reading = await core.ok(
      'meters.read',
      { meterId: circuit('101', 'aircon').meterId },
      admin,
    );
    expect(reading.remainingFen).toBeLessThan(5_000);
  }, 120_000);

  it('keeps the box’s controls across a restart of the room, and its clock goes on', async () => {
    await room.close();
    await openRoom();
    const controls = await core.ok('dorms.controls', { roomId: rooms[0]!.id }, admin);
    expect(controls.find((c) => c.purpose === 'lighting')!.controls!.timeControl).toMatchObject({
      mode: 'auto',
      weekday: [{ from: '06:30', to: '23:00' }],
    });
    expect(await relayOf('101', 'lighting')).toBe('open');
    now = new Date('2026-12-07T22:29:00Z'); // 06:29 the next morning
    minutes(1);
    expect(await relayOf('101', 'lighting')).toBe('closed');
  }, 60_000);

  it('puts a heater in the second room at 20:00, and malignant-load detection catches it', async () => {
    const building = (await core.ok('dorms.tree', {}, admin))[0]!.buildings[0]!;
    const pushed = await settled(
      await core.ok(
        'dorms.pushControls',
        {
          buildingId: building.id,
          purpose: 'sockets',
          controls: {
            malignantLoad: {
              enabled: true,
              powerFactorMin: 0.95,
              stepMinW: 800,
              restoreAfterMin: 5,
              restoresMax: 2,
              allowed: [],
            },
          },
          reason: '恶性负载识别',
        },
        admin,
      ),
    );
    expect(pushed).toMatchObject({ succeeded: 12, failed: 0 });
    now = new Date('2026-12-08T11:58:00Z');
    minutes(1); // 19:59 in the office
    expect(await relayOf('102', 'sockets')).toBe('closed');
    minutes(1); // 20:00: the hot plate goes on, and off the circuit goes
    expect(await relayOf('102', 'sockets')).toBe('open');
    expect(await relayOf('101', 'sockets')).toBe('closed');
    await settled(
      await core.ok(
        'batch.start',
        {
          operation: 'read',
          selection: { meterIds: rooms.map((r) => circuit(r.roomNo, 'sockets').meterId) },
        },
        admin,
      ),
    );
    const findings = await core.ok('inspection.list', { meterNo: '000000900001' }, admin);
    expect(findings.map((f) => [f.rule, f.customerName])).toEqual([
      ['malignant-load', '1号楼-102'],
    ]);
    // Only the second room has a heater in the training day.
    expect(roomLoads(2, now).some((l) => l.name === 'hot plate')).toBe(false);
  }, 60_000);
});
