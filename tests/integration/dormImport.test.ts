// 集体开户 from the installer's sheet (issue 18): the template opens as it is; a sheet of rooms on
// the circuits it names (not the next free ones) opens whole; every wrong row is listed with its
// column and nothing is opened; an .xlsx whose box numbers Excel turned into numbers still opens.
import ExcelJS from 'exceljs';
import { openLineOffice, type LineOffice } from './lineOffice';

const csv = (lines: string[]) =>
  Buffer.from(`\ufeff楼层,房号,床位,计量箱表号,回路,用途\r\n${lines.join('\r\n')}\r\n`).toString(
    'base64',
  );

describe('集体开户 from a sheet', () => {
  let o: LineOffice;
  let buildingId: number;
  let otherBuildingId: number;

  const counts = () =>
    o.core.services.db
      .prepare(
        'SELECT (SELECT count(*) FROM rooms) AS rooms, (SELECT count(*) FROM accounts) AS accounts',
      )
      .get();

  beforeAll(async () => {
    o = await openLineOffice([]);
    const campus = await o.core.ok('dorms.createCampus', { name: '西校区' }, o.supervisor);
    buildingId = (
      await o.core.ok('dorms.createBuilding', { campusId: campus.id, name: '2号楼' }, o.supervisor)
    ).id;
    otherBuildingId = (
      await o.core.ok('dorms.createBuilding', { campusId: campus.id, name: '9号楼' }, o.supervisor)
    ).id;
  }, 60_000);
  afterAll(() => o.close());

  it('opens the template as it is: one room on a whole circuit, one on three', async () => {
    const template = await o.core.ok('dorms.roomsTemplate', {}, o.supervisor);
    const input = {
      buildingId: otherBuildingId,
      tariffId: o.tariffId,
      fileName: template.fileName,
      base64: template.base64,
    };
    const checked = await o.core.ok('dorms.importRooms', { ...input, dryRun: true }, o.supervisor);
    expect(checked).toMatchObject({
      dryRun: true,
      imported: false,
      rows: 4,
      counts: { rooms: 2, circuits: 4 },
      errors: [],
    });
    expect(counts()).toEqual({ rooms: 0, accounts: 0 });
    await o.core.ok('dorms.importRooms', input, o.supervisor);
    const rooms = await o.core.ok('dorms.rooms', { buildingId: otherBuildingId }, o.supervisor);
    expect(rooms.map((r) => [r.roomNo, r.circuits.map((c) => [c.purpose, c.circuit])])).toEqual([
      ['101', [['all', 1]]],
      [
        '102',
        [
          ['lighting', 2],
          ['sockets', 3],
          ['aircon', 4],
        ],
      ],
    ]);
  }, 60_000);

  it('lists every wrong row with its column, and opens nothing', async () => {
    const before = counts();
    const result = await o.core.ok(
      'dorms.importRooms',
      {
        buildingId,
        tariffId: o.tariffId,
        fileName: 'rooms.csv',
        base64: csv([
          '1,101,4,000000360000,1,照明',
          '1,101,4,000000360000,2,插座',
          '2,101,4,000000360000,3,空调', // the same room on another floor
          '1,102,4,000000360000,2,整间', // a circuit row 3 took already
          '1,103,4,000000360000,4,厨房', // no such purpose
          '1,104,4,000000320000,1,整间', // the template's room took that circuit
          '1,105,,000000360000,5,', // beds default to 4, no purpose is the whole room
          '1,105,4,000000360000,6,照明', // a whole-room circuit and another
          'x,106,4,31-0000,40,照明', // floor, box number and circuit all wrong
        ]),
      },
      o.supervisor,
    );
    expect(result.imported).toBe(false);
    expect(result.errors.map((e) => [e.row, e.field, e.error.code])).toEqual([
      [4, 'floor', 'DORM_ROOM_ROWS_DISAGREE'],
      [5, 'circuit', 'IMPORT_DUPLICATE'],
      [6, 'purpose', 'IMPORT_FIELD_INVALID'],
      [7, 'circuit', 'DORM_CIRCUIT_TAKEN'],
      [9, 'purpose', 'DORM_WHOLE_ROOM_ALONE'],
      [10, 'floor', 'IMPORT_FIELD_INVALID'],
      [10, 'boxNo', 'IMPORT_FIELD_INVALID'],
      [10, 'circuit', 'IMPORT_FIELD_INVALID'],
    ]);
    expect(counts()).toEqual(before);
    // A room already in the building, and a sheet without its columns.
    await expect(
      o.core.call(
        'dorms.importRooms',
        {
          buildingId: otherBuildingId,
          tariffId: o.tariffId,
          fileName: 'rooms.csv',
          base64: csv(['1,101,4,000000360000,9,整间']),
        },
        o.supervisor,
      ),
    ).resolves.toMatchObject({
      ok: true,
      value: { errors: [{ row: 2, field: 'roomNo', error: { code: 'DORM_ROOM_TAKEN' } }] },
    });
    await expect(
      o.core.call(
        'dorms.importRooms',
        {
          buildingId,
          tariffId: o.tariffId,
          fileName: 'rooms.csv',
          base64: Buffer.from('楼层,房号\r\n1,101\r\n').toString('base64'),
        },
        o.supervisor,
      ),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'DORM_SHEET_COLUMNS', params: { column: '计量箱表号' } },
    });
    // Who may not open rooms may not import them.
    await expect(
      o.core.call(
        'dorms.importRooms',
        {
          buildingId,
          tariffId: o.tariffId,
          fileName: 'rooms.csv',
          base64: csv(['1,101,4,000000360000,1,']),
        },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 60_000);

  it('opens an .xlsx of 12 rooms on the circuits it names, box numbers typed as numbers', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('rooms');
    sheet.addRow(['楼层', '房号', '床位', '计量箱表号', '回路', '用途']);
    // Wired from the top circuit down, as an installer might: room 101 on 36, 35, 34.
    for (let room = 0; room < 12; room += 1)
      for (const [j, purpose] of ['照明', '插座', '空调'].entries())
        sheet.addRow([
          1 + Math.floor(room / 6),
          `${1 + Math.floor(room / 6)}0${(room % 6) + 1}`,
          6,
          370_000,
          36 - room * 3 - j,
          purpose,
        ]);
    const base64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const result = await o.core.ok(
      'dorms.importRooms',
      { buildingId, tariffId: o.tariffId, fileName: 'rooms.xlsx', base64 },
      o.supervisor,
    );
    expect(result).toMatchObject({ imported: true, rows: 36, counts: { rooms: 12, circuits: 36 } });
    const rooms = await o.core.ok('dorms.rooms', { buildingId }, o.supervisor);
    expect(rooms).toHaveLength(12);
    expect(rooms[0]).toMatchObject({ roomNo: '101', floor: 1, beds: 6 });
    expect(rooms[0]!.circuits.map((c) => [c.meterNo, c.circuit, c.purpose])).toEqual([
      ['000000370000', 34, 'aircon'],
      ['000000370000', 35, 'sockets'],
      ['000000370000', 36, 'lighting'],
    ]);
    expect(rooms[11]).toMatchObject({ roomNo: '206', floor: 2 });
  }, 60_000);
});
