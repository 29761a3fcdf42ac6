// Dorm places and 集体开户 (issue 18, first slice): a supervisor adds a campus and a building, then
// opens 120 rooms floor by floor on the circuits of four ADF300 boxes in one call; every plan that
// cannot be carried out whole changes nothing and says why; a cashier sells to an opened room over
// the line like to any meter, the simulated box's circuit taking the credit.
import { adfBox } from '../../sim/rs485/adfBox';
import { openLineOffice, type LineOffice } from './lineOffice';

const BOXES = [
  { meterNo: '000000320000', circuits: 36 },
  { meterNo: '000000330000', circuits: 36 },
  { meterNo: '000000340000', circuits: 24 },
  { meterNo: '000000350000', circuits: 24 },
] as const;

describe('dorm places and 集体开户', () => {
  let o: LineOffice;
  let campusId: number;
  let buildingId: number;

  /** What the ledger holds, counted: a refused plan must leave every count as it was. */
  const counts = () =>
    o.core.services.db
      .prepare(
        `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM meters) AS meters,
                (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM rooms) AS rooms`,
      )
      .get();

  beforeAll(async () => {
    o = await openLineOffice([]);
    const campus = await o.core.ok('dorms.createCampus', { name: '东校区' }, o.supervisor);
    campusId = campus.id;
    buildingId = (
      await o.core.ok('dorms.createBuilding', { campusId, name: '3号楼' }, o.supervisor)
    ).id;
  }, 60_000);
  afterAll(() => o.close());

  it('keeps campus and building names apart, and lets only who opens accounts add places', async () => {
    await expect(
      o.core.call('dorms.createCampus', { name: '东校区' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CAMPUS_NAME_TAKEN' } });
    await expect(
      o.core.call('dorms.createBuilding', { campusId, name: '3号楼' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'BUILDING_NAME_TAKEN' } });
    await expect(
      o.core.call('dorms.createBuilding', { campusId: 999, name: '9号楼' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CAMPUS_NOT_FOUND' } });
    // The same name on another campus is another building.
    const west = await o.core.ok('dorms.createCampus', { name: '西校区' }, o.supervisor);
    await o.core.ok('dorms.createBuilding', { campusId: west.id, name: '3号楼' }, o.supervisor);

    // A cashier opens single accounts, not a building's rooms (accounts.lifecycle).
    await expect(
      o.core.call('dorms.createCampus', { name: '北校区' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(
      o.core.call(
        'dorms.openRooms',
        {
          buildingId,
          floorFrom: 9,
          floorTo: 9,
          roomsPerFloor: 1,
          tariffId: o.tariffId,
          boxes: [...BOXES],
        },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Everyone signed in sees the places.
    const tree = await o.core.ok('dorms.tree', {}, o.cashier);
    expect(tree.map((c) => [c.name, c.buildings.map((b) => b.name)])).toEqual([
      ['东校区', ['3号楼']],
      ['西校区', ['3号楼']],
    ]);
  });

  it('opens 120 rooms on four boxes in one call, floor by floor, circuit by circuit', async () => {
    const before = counts() as Record<string, number>;
    const result = await o.core.ok(
      'dorms.openRooms',
      {
        buildingId,
        floorFrom: 1,
        floorTo: 6,
        roomsPerFloor: 20,
        tariffId: o.tariffId,
        boxes: [...BOXES],
      },
      o.supervisor,
    );
    expect(result.opened).toBe(120);
    expect(counts()).toEqual({
      customers: before.customers! + 120,
      meters: before.meters! + 120,
      accounts: before.accounts! + 120,
      rooms: before.rooms! + 120,
    });
    const rooms = await o.core.ok('dorms.rooms', { buildingId }, o.cashier);
    expect(rooms).toHaveLength(120);
    expect(rooms[0]).toMatchObject({ floor: 1, roomNo: '101', name: '3号楼-101', beds: 4 });
    expect(rooms[0]!.circuits).toEqual([
      expect.objectContaining({
        purpose: 'all',
        meterNo: '000000320000',
        circuit: 1,
        accountState: 'active',
        meterRemainingFen: null,
      }),
    ]);
    // Box after box: the 37th room (floor 2, room 17) is the second box's first circuit, the last
    // room the fourth box's last.
    expect(rooms[36]).toMatchObject({ roomNo: '217' });
    expect(rooms[36]!.circuits[0]).toMatchObject({ meterNo: '000000330000', circuit: 1 });
    expect(rooms[119]).toMatchObject({ floor: 6, roomNo: '620' });
    expect(rooms[119]!.circuits[0]).toMatchObject({ meterNo: '000000350000', circuit: 24 });
    // One floor alone, and the tree counting the building's rooms and floors.
    const third = await o.core.ok('dorms.rooms', { buildingId, floor: 3 }, o.cashier);
    expect(third.map((r) => r.roomNo)).toEqual(
      Array.from({ length: 20 }, (_, i) => `3${String(i + 1).padStart(2, '0')}`),
    );
    const tree = await o.core.ok('dorms.tree', {}, o.cashier);
    expect(tree[0]!.buildings[0]).toMatchObject({ rooms: 120, floors: [1, 2, 3, 4, 5, 6] });
    // A room is found at the counter like any customer.
    const found = await o.core.ok('customers.search', { query: '3号楼-305' }, o.cashier);
    expect(found[0]).toMatchObject({ name: '3号楼-305' });
  }, 60_000);

  it('refuses a plan it cannot carry out whole, changing nothing', async () => {
    const before = counts();
    const plan = {
      buildingId,
      floorFrom: 7,
      floorTo: 7,
      roomsPerFloor: 10,
      tariffId: o.tariffId,
      boxes: [{ meterNo: '000000360000', circuits: 12 as const }],
    };
    const refusal = async (changes: Record<string, unknown>) => {
      const result = await o.core.call('dorms.openRooms', { ...plan, ...changes }, o.supervisor);
      expect(result.ok).toBe(false);
      return result.ok ? null : result.error;
    };
    // Rooms that exist already: floor 6 again.
    await expect(refusal({ floorFrom: 6, floorTo: 7 })).resolves.toMatchObject({
      code: 'DORM_ROOM_TAKEN',
      params: { roomNo: '601' },
    });
    // Every circuit of the first boxes is taken: 2 floors of 10 need 20, one new box has 12.
    await expect(
      refusal({ floorTo: 8, boxes: [...BOXES, { meterNo: '000000360000', circuits: 12 }] }),
    ).resolves.toMatchObject({ code: 'DORM_CIRCUITS_SHORT', params: { rooms: 20, free: 12 } });
    await expect(refusal({ floorFrom: 8 })).resolves.toMatchObject({
      code: 'DORM_FLOORS_REVERSED',
    });
    await expect(refusal({ firstRoom: 95 })).resolves.toMatchObject({
      code: 'DORM_ROOM_NUMBERS',
      params: { first: 95, count: 10, max: 99 },
    });
    await expect(refusal({ buildingId: 999 })).resolves.toMatchObject({
      code: 'BUILDING_NOT_FOUND',
    });
    // A number registered as a single meter is not a box.
    await o.core.ok(
      'meters.register',
      { meterNo: '000000370000', model: 'DDSY1352-NK' },
      o.cashier,
    );
    await expect(
      refusal({ boxes: [{ meterNo: '000000370000', circuits: 12 }] }),
    ).resolves.toMatchObject({ code: 'DORM_BOX_NOT_A_BOX' });
    // The same box twice would give its circuits to two rooms each.
    await expect(
      refusal({
        boxes: [
          { meterNo: '000000360000', circuits: 12 },
          { meterNo: '000000360000', circuits: 12 },
        ],
      }),
    ).resolves.toMatchObject({ code: 'DORM_BOX_TWICE', params: { meterNo: '000000360000' } });
    // A box of 20 circuits does not exist.
    await expect(
      refusal({ boxes: [{ meterNo: '000000360000', circuits: 20 }] }),
    ).resolves.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(counts()).toEqual({
      ...(before as Record<string, number>),
      meters: (before as Record<string, number>).meters! + 1,
    });
  });

  it('takes a partly used box from its next free circuit', async () => {
    await o.core.ok(
      'dorms.openRooms',
      {
        buildingId,
        floorFrom: 7,
        floorTo: 7,
        roomsPerFloor: 2,
        tariffId: o.tariffId,
        boxes: [{ meterNo: '000000360000', circuits: 12 }],
      },
      o.supervisor,
    );
    const opened = await o.core.ok(
      'dorms.openRooms',
      {
        buildingId,
        floorFrom: 7,
        floorTo: 7,
        roomsPerFloor: 3,
        firstRoom: 3,
        tariffId: o.tariffId,
        boxes: [...BOXES, { meterNo: '000000360000', circuits: 12 }],
      },
      o.supervisor,
    );
    expect(opened.rooms.map((r) => [r.roomNo, r.circuits[0]!.circuit])).toEqual([
      ['703', 3],
      ['704', 4],
      ['705', 5],
    ]);
  });

  it('sells to a room over the line: its circuit on the box takes the credit', async () => {
    const box = adfBox(BOXES[0].meterNo, 36, o.core.services.secret.read()!.secret);
    o.bus.meters.push(...box);
    const [room] = await o.core.ok('dorms.rooms', { buildingId, floor: 1 }, o.cashier);
    const sale = await o.core.ok(
      'sales.sell',
      { accountId: room!.circuits[0]!.accountId!, amountFen: 2_000, paymentMethod: 'wechat' },
      o.cashier,
    );
    expect(sale).toMatchObject({ status: 'committed', purchaseCount: 1 });
    expect(box.map((circuit) => circuit.state.remainingFen)).toEqual(
      Array.from({ length: 36 }, (_, i) => (i === 0 ? 2_000 : 0)),
    );
    const [after] = await o.core.ok('dorms.rooms', { buildingId, floor: 1 }, o.cashier);
    expect(after!.circuits[0]!.meterRemainingFen).toBe(2_000);
  }, 60_000);
});
