// ACRT 对时: the office sets a terminal's clock (one, or all on the line) to its own time over a
// real TCP serial gateway, with the standard's 04000101 / 04000102 and the level-02 password, and
// shows the clock each terminal reads back; a silent terminal is reported, the others still set;
// a setting a stop cut off is closed at the next start rather than left waiting.
import { BusArbiter } from '../../meter-link/bus/arbiter';
import { TcpLine } from '../../meter-link/bus/tcpLine';
import { MeterClient } from '../../meter-link/devices/meterClient';
import { officeDateTime } from '../../shared/officeTime';
import { AcrtTerminal } from '../../sim/rs485/acrtTerminal';
import type { BusDevice } from '../../sim/rs485/busEar';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';

const terminal = (address: string, secret: Buffer, password = '123456') =>
  new AcrtTerminal({
    address,
    password,
    officeSecret: secret,
    client: new MeterClient(new BusArbiter(new TcpLine('127.0.0.1', 1))),
    meters: new Map(),
    // Both terminals' clocks have drifted: one by a day and a bit.
    clock: () => '2026-01-01 08:00:00',
  });

describe('ACRT terminals’ clocks set from the office (对时)', () => {
  let core: TestCore;
  let supervisor: string;
  let bus: TcpBus<BusDevice>;
  let first: AcrtTerminal;
  let second: AcrtTerminal;
  const ids: number[] = [];

  beforeAll(async () => {
    core = await openTestCore();
    const admin = (await setUpOffice(core)).sessionId;
    supervisor = (await signInAs(core, admin, 'supervisor')).sessionId;
    const secret = core.services.secret.read()!.secret;
    first = terminal('000000000900', secret);
    second = terminal('000000000901', secret);
    bus = new TcpBus<BusDevice>([first, second]);
    const port = await bus.listen();
    await core.ok(
      'meterLink.configure',
      { line: { kind: 'tcp', host: '127.0.0.1', port }, password: '02123456' },
      supervisor,
    );
    for (const [address, name] of [
      ['000000000900', '地下一层配电室'],
      ['000000000901', '二层配电室'],
    ] as const)
      ids.push((await core.ok('acrt.register', { address, name }, supervisor)).id);
  });
  afterAll(async () => {
    await core.dispose();
    await bus.close();
  });

  it('sets one terminal to the office’s time and shows the clock it reads back', async () => {
    const [result] = await core.ok('acrt.syncClock', { id: ids[0] }, supervisor);
    // The office's time (the test's clock): the terminal reads it back, set.
    const office = officeDateTime(core.clock.now.toISOString());
    expect(result).toMatchObject({ address: '000000000900', error: null });
    expect(result!.clock!.slice(0, 10)).toBe(office.slice(0, 10));
    expect(result!.clock).toBe(office);
    expect(result!.offsetSeconds).toBe(0);
    expect(first.now().slice(0, 10)).toBe(office.slice(0, 10));
    // The other terminal was not touched.
    expect(second.now()).toBe('2026-01-01 08:00:00');
  });

  it('sets every terminal; one that does not answer is named, the others are set', async () => {
    await bus.close();
    const silentBus = new TcpBus<BusDevice>([second]);
    const port = await silentBus.listen();
    bus = silentBus;
    await core.ok(
      'meterLink.configure',
      { line: { kind: 'tcp', host: '127.0.0.1', port }, password: '02123456' },
      supervisor,
    );
    const results = await core.ok('acrt.syncClock', {}, supervisor);
    expect(results.map((r) => [r.address, r.error?.code ?? null])).toEqual([
      ['000000000900', 'METER_NO_ANSWER'],
      ['000000000901', null],
    ]);
    expect(results[0]).toMatchObject({ clock: null, offsetSeconds: null });
    // Each setting is one journal row: voided for the silent terminal, committed for the other.
    const rows = core.services.db
      .prepare(
        `SELECT json_extract(payload, '$.terminal') AS terminal, state, json_extract(outcome, '$.error') AS error
         FROM device_operations WHERE kind = 'timeSync' ORDER BY id DESC LIMIT 2`,
      )
      .all();
    expect(rows).toEqual([
      { terminal: '000000000901', state: 'committed', error: null },
      { terminal: '000000000900', state: 'voided', error: 'METER_NO_ANSWER' },
    ]);
    await expect(core.ok('journal.pending', {}, supervisor)).resolves.toEqual([]);
    expect(second.now().slice(0, 10)).toBe(
      officeDateTime(core.clock.now.toISOString()).slice(0, 10),
    );
  });

  it('a setting cut off by a stop is closed at the next start, saying so, not left waiting', async () => {
    const { db, journal } = core.services;
    db.transaction(() =>
      journal.begin(
        {
          kind: 'timeSync',
          target: 'remote',
          meterId: null,
          accountId: null,
          payload: { terminal: '000000000900' },
          operatorId: 1,
        },
        core.clock.now.toISOString(),
      ),
    )();
    const { dataDir, clock } = core;
    await core.close();
    core = await openTestCore({ dataDir, clock });
    const [row] = core.services.db
      .prepare(
        "SELECT state, json_extract(outcome, '$.error') AS error FROM device_operations WHERE kind = 'timeSync' ORDER BY id DESC LIMIT 1",
      )
      .all();
    expect(row).toEqual({ state: 'voided', error: expect.stringContaining('interrupted') });
    supervisor = (await core.ok('auth.login', { username: 'supervisor', password: 'Working123' }))
      .sessionId;
    await expect(core.ok('journal.pending', {}, supervisor)).resolves.toEqual([]);
  });

  it('is refused with a wrong meter password, saying so', async () => {
    await core.ok('meterLink.configure', { password: '02999999' }, supervisor);
    const [result] = await core.ok('acrt.syncClock', { id: ids[1] }, supervisor);
    expect(result).toMatchObject({ clock: null, error: { code: 'METER_REFUSED' } });
  });
});
