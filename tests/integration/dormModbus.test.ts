// A dorm box on Modbus-RTU (issue 18): an ADF300 at station 37 (the second box of a line, as the
// ADF400L's manual numbers boxes: 1, 37, 73…), its circuits at stations 37, 38, … . Rooms open on it
// with each circuit's station; the office recharges them, pushes a lights-out table and a
// forbidden-load setting into the box's registers (PowerTill's assumed map: each DI's bytes in its
// own registers) and reads them back; the box acts on them, and its violation records come back
// over Modbus into inspection. Over the TCP gateway to the simulated box.
import type { BatchView } from '../../shared/api/meterLink';
import type { RoomView } from '../../shared/api/dorms';
import { AdfBox } from '../../sim/rs485/adfBox';
import { openLineOffice, type LineOffice } from './lineOffice';

const BOX = '000000370000';
const STATION = 37;

describe('a dorm box on Modbus-RTU', () => {
  let o: LineOffice;
  let box: AdfBox;
  let buildingId: number;
  let rooms: RoomView[];

  const finished = async (started: BatchView) => {
    await o.core.services.batches.settle();
    return o.core.ok('batch.get', { id: started.id }, o.supervisor);
  };
  const meterIds = () => rooms.map((r) => r.circuits[0]!.meterId);
  /** 集体开户 of four rooms on floor 1, on the box at this station. */
  const openRooms = (modbusUnit: number) =>
    o.core.call(
      'dorms.openRooms',
      {
        buildingId,
        floorFrom: 1,
        floorTo: 1,
        roomsPerFloor: 4,
        tariffId: o.tariffId,
        boxes: [{ meterNo: BOX, circuits: 12, modbusUnit }],
      },
      o.supervisor,
    );

  beforeAll(async () => {
    o = await openLineOffice([]);
    box = new AdfBox(BOX, 12, o.core.services.secret.read()!.secret, (k) => ({
      protocol: 'modbus',
      unit: STATION + k - 1,
    }));
    o.bus.meters.push(...box.circuits);
    const campus = await o.core.ok('dorms.createCampus', { name: '东校区' }, o.supervisor);
    buildingId = (
      await o.core.ok('dorms.createBuilding', { campusId: campus.id, name: '7号楼' }, o.supervisor)
    ).id;
  }, 60_000);
  afterAll(() => o.close());

  it('refuses stations that would run past 247', async () => {
    const refused = await openRooms(240);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(refused)).toContain('box_stations');
  });

  it('opens rooms on the box’s stations and recharges them over Modbus', async () => {
    const opened = await openRooms(STATION);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    rooms = opened.value.rooms;
    const meters = meterIds().map((id) => o.core.services.meters.byId(id)!);
    expect(meters.map((m) => [m.circuit, m.protocol, m.modbusUnit])).toEqual([
      [1, 'modbus', 37],
      [2, 'modbus', 38],
      [3, 'modbus', 39],
      [4, 'modbus', 40],
    ]);
    const grant = await finished(
      await o.core.ok(
        'batch.start',
        {
          operation: 'recharge',
          amountFen: 3_000,
          reason: '开学预存',
          selection: { meterIds: meterIds() },
        },
        o.supervisor,
      ),
    );
    expect(grant).toMatchObject({ succeeded: 4, failed: 0 });
    expect(box.circuits.slice(0, 4).map((c) => c.state.remainingFen)).toEqual(Array(4).fill(3_000));
    expect(box.circuits[4]!.state.remainingFen).toBe(0);
  }, 60_000);

  it('pushes the controls into the box’s registers, reads them back, and the box acts on them', async () => {
    const pushed = await finished(
      await o.core.ok(
        'dorms.pushControls',
        {
          buildingId,
          controls: {
            timeControl: {
              mode: 'auto',
              weekday: [{ from: '06:30', to: '23:00' }],
              holiday: [{ from: '06:30', to: '24:00' }],
            },
            malignantLoad: {
              enabled: true,
              powerFactorMin: 0.95,
              stepMinW: 800,
              restoreAfterMin: 5,
              restoresMax: 2,
              allowed: [{ fromW: 400, toW: 600 }],
            },
          },
          reason: '熄灯与恶性负载',
        },
        o.supervisor,
      ),
    );
    expect(pushed).toMatchObject({ total: 4, succeeded: 4, failed: 0 });
    const [read] = await o.core.ok('dorms.controls', { roomId: rooms[2]!.id }, o.supervisor);
    expect(read).toMatchObject({ error: null, forced: 'released' });
    expect(read!.controls!.timeControl.weekday).toEqual([{ from: '06:30', to: '23:00' }]);
    expect(read!.controls!.malignantLoad.allowed).toEqual([{ fromW: 400, toW: 600 }]);

    box.setClock('2026-12-07 22:59:00'); // a Monday
    box.advance(1);
    expect(box.circuits.slice(0, 4).map((c) => c.state.relay)).toEqual(Array(4).fill('open'));
    box.setClock('2026-12-08 14:00:00');
    box.circuit(2).loads = [{ name: 'hot plate', watts: 2_000, powerFactor: 1 }];
    box.advance(1);
    expect(box.circuit(2).openBecause).toBe('malignantLoad');
    expect(box.circuit(1).state.relay).toBe('closed');

    await finished(
      await o.core.ok(
        'batch.start',
        { operation: 'read', selection: { meterIds: meterIds() } },
        o.supervisor,
      ),
    );
    const findings = await o.core.ok('inspection.list', { meterNo: BOX }, o.supervisor);
    expect(findings.map((f) => [f.rule, f.customerName, f.source])).toEqual([
      ['malignant-load', '7号楼-102', 'box-record'],
    ]);
    // Forced off over Modbus, read back.
    const forced = await finished(
      await o.core.ok(
        'dorms.force',
        { buildingId, roomIds: [rooms[0]!.id], mode: 'off', reason: '违规用电' },
        o.supervisor,
      ),
    );
    expect(forced).toMatchObject({ succeeded: 1, failed: 0 });
    expect(box.circuit(1).openBecause).toBe('forcedOff');
  }, 60_000);
});
