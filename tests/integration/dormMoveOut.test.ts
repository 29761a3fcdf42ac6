// Students, 退宿 and a new year (issue 18): students move into rooms (beds, one room at a time);
// four rooms on a simulated ADF300 box get the month's free
// allowance; at moving out each circuit is read, what it holds taken off the box and paid back —
// except what is left of the allowance, the office's gift, taken as used first; a circuit that does
// not answer fails alone and is done on retry. The rooms stay, vacant, and open again for the next
// students; an occupied room is refused.
import { AdfBox } from '../../sim/rs485/adfBox';
import type { BatchView } from '../../shared/api/meterLink';
import type { RoomView } from '../../shared/api/dorms';
import { openLineOffice, type LineOffice } from './lineOffice';
import { readPdf } from './pdf';
import { officeDay } from '../../shared/officeTime';

const BOX = '000000610000';
/** 15 kWh at 0.8500 yuan/kWh. */
const GIFT = 1_275;

describe('退宿 and the rooms opened again', () => {
  let o: LineOffice;
  let box: AdfBox;
  let buildingId: number;
  let rooms: RoomView[];
  let tariffId: number;

  const finished = async (started: BatchView) => {
    await o.core.services.batches.settle();
    return o.core.ok('batch.get', { id: started.id }, o.supervisor);
  };
  const refunded = (accountId: number) =>
    (
      o.core.services.db
        .prepare('SELECT coalesce(sum(amount_fen), 0) AS fen FROM refunds WHERE account_id = ?')
        .get(accountId) as { fen: number }
    ).fen;

  beforeAll(async () => {
    o = await openLineOffice([]);
    box = new AdfBox(BOX, 12, o.core.services.secret.read()!.secret);
    o.bus.meters.push(...box.circuits);
    await o.core.ok('meterLink.configure', { pollIntervalMinutes: 0 }, o.supervisor);
    tariffId = (
      await o.core.ok(
        'tariffs.create',
        { name: '学生宿舍', definition: { kind: 'flat', price: 8_500, freeAllowance: 1_500 } },
        o.admin,
      )
    ).id;
    const campus = await o.core.ok('dorms.createCampus', { name: '北校区' }, o.supervisor);
    buildingId = (
      await o.core.ok('dorms.createBuilding', { campusId: campus.id, name: '6号楼' }, o.supervisor)
    ).id;
    rooms = (
      await o.core.ok(
        'dorms.openRooms',
        {
          buildingId,
          floorFrom: 1,
          floorTo: 1,
          roomsPerFloor: 4,
          tariffId,
          boxes: [{ meterNo: BOX, circuits: 12 }],
        },
        o.supervisor,
      )
    ).rooms;
    // The month's allowance to every room (as the minute's timer gives it at the month's start).
    await finished(
      await o.core.ok(
        'batch.start',
        { operation: 'allowance', reason: '每月基础免费电量', selection: {} },
        o.supervisor,
      ),
    );
    expect(box.circuits.slice(0, 4).map((c) => c.state.remainingFen)).toEqual(Array(4).fill(GIFT));
  }, 60_000);
  afterAll(() => o.close());

  it('names the free allowance on its receipt, on its own line, as the office’s gift', async () => {
    const { receiptNo, month } = o.core.services.db
      .prepare(
        'SELECT receipt_no AS receiptNo, allowance_month AS month FROM sales WHERE allowance_month IS NOT NULL ORDER BY id LIMIT 1',
      )
      .get() as { receiptNo: number; month: string };
    const pdf = await o.core.ok('receipts.print', { receiptNo, layout: 'thermal80' }, o.cashier);
    const lines = readPdf(pdf.base64)
      .text.split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim());
    const [year, m] = month.split('-');
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^免费电量 ${year} 年 ${Number(m)} 月（赠送，不退现金）$`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^付款方式 赠送$/));
  });

  it('keeps who lives in each room: beds, one room at a time', async () => {
    const [r101, r102] = [rooms[0]!, rooms[1]!];
    const moveIn = (roomId: number, name: string, studentNo: string, bed?: number) =>
      o.core.call('dorms.moveIn', { roomId, name, studentNo, ...(bed && { bed }) }, o.cashier);
    await moveIn(r101.id, '张伟', '2026001', 1);
    await moveIn(r101.id, '李娜', '2026002', 2);
    const third = await moveIn(r101.id, '王芳', '2026003');
    expect(third).toMatchObject({ ok: true });
    if (!third.ok) return;
    expect(third.value.map((s) => [s.name, s.bed])).toEqual([
      ['张伟', 1],
      ['李娜', 2],
      ['王芳', null],
    ]);
    await expect(moveIn(r102.id, '张伟', '2026001')).resolves.toMatchObject({
      ok: false,
      error: { code: 'STUDENT_LIVES_ELSEWHERE', params: { room: '6号楼-101' } },
    });
    await expect(moveIn(r101.id, '赵强', '2026004', 2)).resolves.toMatchObject({
      ok: false,
      error: { code: 'STUDENT_BED_TAKEN' },
    });
    await expect(moveIn(r101.id, '赵强', '2026004', 9)).resolves.toMatchObject({
      ok: false,
      error: { code: 'STUDENT_BED_BEYOND', params: { beds: 4 } },
    });
    // 李娜 moves to 102: out of 101 first, then in.
    const li = third.value.find((s) => s.studentNo === '2026002')!;
    await o.core.ok('dorms.moveOutStudent', { studentId: li.id }, o.cashier);
    await expect(
      o.core.call('dorms.moveOutStudent', { studentId: li.id }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'STUDENT_NOT_FOUND' } });
    await o.core.ok(
      'dorms.moveIn',
      { roomId: r102.id, name: '李娜', studentNo: '2026002' },
      o.cashier,
    );
    const listed = await o.core.ok('dorms.rooms', { buildingId }, o.cashier);
    expect(listed.slice(0, 2).map((r) => r.students)).toEqual([2, 1]);
  }, 60_000);

  it('pays back what each room paid for and left, never the allowance', async () => {
    // 102 buys 20 yuan and uses 5 of it (less than the gift); 103 buys 20 and uses 15; 101 uses
    // nothing; 104's circuit does not answer at first.
    for (const roomNo of ['102', '103'])
      await o.core.ok(
        'sales.sell',
        {
          accountId: rooms.find((r) => r.roomNo === roomNo)!.circuits[0]!.accountId!,
          amountFen: 2_000,
          paymentMethod: 'cash',
        },
        o.cashier,
      );
    box.circuit(2).state.remainingFen = GIFT + 2_000 - 500;
    box.circuit(3).state.remainingFen = GIFT + 2_000 - 1_500;
    box.circuit(4).faults = Array(30).fill('silent');

    const moved = await finished(
      await o.core.ok(
        'dorms.moveOut',
        { buildingId, reason: '学年结束退宿', paymentMethod: 'cash' },
        o.supervisor,
      ),
    );
    expect(moved).toMatchObject({ operation: 'moveOut', total: 4, succeeded: 3, failed: 1 });
    expect(moved.results.find((r) => r.state === 'failed')).toMatchObject({
      error: { code: 'METER_NO_ANSWER' },
    });
    const account = (roomNo: string) =>
      rooms.find((r) => r.roomNo === roomNo)!.circuits[0]!.accountId!;
    // 101: all of it is the gift; 102: 5 yuan used of the gift, the rest of it kept back; 103:
    // the gift used up, 2.75 yuan of what was bought is left.
    expect(['101', '102', '103'].map((r) => refunded(account(r)))).toEqual([0, 2_000, 1_775]);
    expect(box.circuits.slice(0, 3).map((c) => c.state.remainingFen)).toEqual([0, 0, 0]);

    box.circuit(4).faults = [];
    const again = await finished(
      await o.core.ok('batch.retryFailed', { id: moved.id }, o.supervisor),
    );
    expect(again).toMatchObject({ total: 1, succeeded: 1, failed: 0 });
    expect(refunded(account('104'))).toBe(0);
    const after = await o.core.ok('dorms.rooms', { buildingId }, o.supervisor);
    expect(after.map((r) => r.circuits[0]!.accountState)).toEqual([null, null, null, null]);
    // The students left with the rooms; they may live elsewhere now.
    expect(after.map((r) => r.students)).toEqual([0, 0, 0, 0]);
  }, 60_000);

  it('opens the vacant rooms again for the next students, and refuses an occupied one', async () => {
    const reopened = await o.core.ok(
      'dorms.reopenRooms',
      { buildingId, roomIds: rooms.map((r) => r.id), tariffId },
      o.supervisor,
    );
    expect(reopened.opened).toBe(4);
    expect(reopened.rooms.map((r) => r.circuits[0]!.accountState)).toEqual(Array(4).fill('active'));
    expect(new Set(reopened.rooms.map((r) => r.circuits[0]!.accountId)).size).toBe(4);
    await expect(
      o.core.call(
        'dorms.reopenRooms',
        { buildingId, roomIds: [rooms[0]!.id], tariffId },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'DORM_ROOM_OCCUPIED' } });
    await expect(
      o.core.call('dorms.moveOut', { buildingId, reason: '退宿' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 60_000);

  it('shows each room’s use today from the line’s readings, counted from the last before today', async () => {
    const circuit = box.circuit(1);
    const meterId = rooms[0]!.circuits[0]!.meterId;
    const usedToday = async () =>
      (await o.core.ok('dorms.rooms', { buildingId, floor: 1 }, o.supervisor)).map(
        (r) => r.circuits[0]!.usedToday,
      );
    const read = () => o.core.ok('meters.read', { meterId }, o.supervisor);
    // The room, opened again with nothing on it, is given 20 yuan to use.
    await finished(
      await o.core.ok(
        'batch.start',
        {
          operation: 'recharge',
          amountFen: 2_000,
          reason: '开学预存',
          selection: { meterIds: [meterId] },
        },
        o.supervisor,
      ),
    );
    await read();
    // Read today, once: nothing used yet; the rooms not read today show nothing.
    const [first, ...others] = await usedToday();
    expect(first).toBe(0);
    expect(others.every((u) => u === null || typeof u === 'number')).toBe(true);
    // An hour of a 1 kW heater: 1.00 kWh.
    circuit.loads = [{ name: 'heater', watts: 1_000, powerFactor: 1 }];
    box.advance(60);
    await read();
    expect((await usedToday())[0]).toBe(100);

    // The next office day (the office's clock moves on in steps its sessions outlive): nothing
    // read yet today; then counted from yesterday's last reading, not from today's first.
    const midnight = Date.parse(`${officeDay(o.core.clock.now.toISOString())}T16:00:00Z`);
    while (o.core.clock.now.getTime() < midnight + 60_000) {
      o.core.clock.advance(20 * 60_000);
      await o.core.ok('dorms.tree', {}, o.supervisor);
    }
    expect((await usedToday())[0]).toBeNull();
    box.advance(30);
    await read();
    expect((await usedToday())[0]).toBe(50);
  }, 60_000);
});
