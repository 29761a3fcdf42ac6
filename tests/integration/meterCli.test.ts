// The meter CLI as a technician runs it (`node scripts/cli.mjs meter …`, what `npm run -s meter
// -- …` runs): one JSON document on stdout, coded errors, against simulated NK meters behind a
// TCP serial gateway and on a serial line (socat ptys).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { PtyBus } from '../../sim/rs485/ptyBus';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { ptyPair, socatMissing, type PtyPair } from './ptys';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');

async function meter(...args: string[]) {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'scripts', 'cli.mjs'), 'meter', ...args, '--json'],
      { cwd: root },
    );
    return { code: 0, doc: one(stdout) };
  } catch (error) {
    const failure = error as { code: number; stdout: string };
    return { code: failure.code, doc: one(failure.stdout) };
  }
}

/** The line and meter arguments every DL/T 645 command takes. */
const on = (line: string[], address?: string) => [
  ...line,
  '--protocol',
  'dlt645',
  ...(address ? ['--address', address] : []),
];

function one(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('meter CLI over a TCP serial gateway', () => {
  const KEY = 'ab'.repeat(32);
  const a = new NkMeter(
    { address: '000000000161', energyE2: 26, remainingFen: 4_200 },
    Buffer.from(KEY, 'hex'),
  );
  const b = new NkMeter({ address: '000000000162', purchaseCount: 5 });
  const c = new NkMeter({
    address: '000000000165',
    protocol: 'modbus',
    unit: 5,
    energyE2: 70_000,
    remainingFen: 2_500,
  });
  const bus = new TcpBus([a, b, c]);
  let gateway: string;
  const via = (address?: string) => on(['--gateway', gateway], address);
  const lone = new TcpBus([new NkMeter({ address: '000000000333' })]);
  let loneGateway: string;

  beforeAll(async () => {
    gateway = `127.0.0.1:${await bus.listen()}`;
    loneGateway = `127.0.0.1:${await lone.listen()}`;
  });
  afterAll(async () => {
    await bus.close();
    await lone.close();
  });

  it('finds the address of the one meter on a line', async () => {
    expect(await meter('address', ...on(['--gateway', loneGateway]))).toEqual({
      code: 0,
      doc: { address: '000000000333' },
    });
  });

  it('reads a value typed by its DI', async () => {
    const args = via('000000000161');
    expect(await meter('read', ...args, '--di', '00010000')).toEqual({
      code: 0,
      doc: { address: '000000000161', di: '00010000', value: 0.26, unit: 'kWh', raw: '26000000' },
    });
    expect((await meter('read', ...args, '--di', '00900200')).doc).toMatchObject({
      value: 42,
      unit: 'yuan',
    });
  });

  it('writes with the password, trips the relay, sets the time by broadcast', async () => {
    const args = via('000000000162');
    const wrong = await meter(
      'write',
      ...args,
      '--di',
      '04001004',
      '--value',
      '500',
      '--password',
      '02000000',
    );
    expect(wrong).toMatchObject({ code: 1, doc: { error: { code: 'METER_ERROR' } } });
    expect(
      (
        await meter(
          'write',
          ...args,
          '--di',
          '04001004',
          '--value',
          '500',
          '--password',
          '02123456',
        )
      ).code,
    ).toBe(0);
    expect(b.state.hoardingFen).toBe(50_000);
    expect((await meter('relay', ...args, '--action', 'trip', '--password', '02123456')).code).toBe(
      0,
    );
    expect(b.state.relay).toBe('open');
    const sync = await meter('time-sync', ...via(), '--time', '2026-11-25 12:00:00');
    expect(sync.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.state.clock).toBe('2026-11-25 12:00:00');
  });

  it('says BUS_TIMEOUT for a meter not on the line, and USAGE for bad input', async () => {
    const absent = await meter('read', ...via('000000000999'), '--di', '00010000');
    expect(absent).toMatchObject({ code: 1, doc: { error: { code: 'BUS_TIMEOUT' } } });
    for (const bad of [
      ['read', ...via('161'), '--di', '00010000'],
      ['read', ...via('000000000161'), '--di', 'zz'],
      ['recharge', ...via('000000000161'), '--amount', '1.234', '--count', '1', '--key', KEY],
      ['recharge', ...via('000000000161'), '--amount', '10', '--count', '1', '--key', 'short'],
      ['read', '--protocol', 'dlt645', '--address', '000000000161', '--di', '00010000'],
      ['frobnicate'],
    ])
      expect(await meter(...bad)).toMatchObject({ code: 2, doc: { error: { code: 'USAGE' } } });
  });

  it('reads and writes Modbus registers of the Modbus meter on the same line', async () => {
    const line = ['--gateway', gateway, '--protocol', 'modbus', '--unit', '5'];
    // 700.00 kWh = 70000 = 0x00011170, high word first; then 25.00 yuan = 2500.
    expect(
      await meter('read', ...line, '--function', '3', '--register', '0', '--count', '4'),
    ).toEqual({
      code: 0,
      doc: { unit: 5, function: 3, register: 0, registers: [1, 0x1170, 0, 2_500] },
    });
    expect(
      await meter('read', ...line, '--function', '4', '--register', '0', '--count', '1'),
    ).toMatchObject({
      code: 1,
      doc: {
        error: { code: 'METER_ERROR', message: expect.stringContaining('illegal-data-address') },
      },
    });
    expect(await meter('write', ...line, '--register', '0x0100', '--value', '0x1A')).toEqual({
      code: 0,
      doc: { unit: 5, function: 6, register: 256, written: 26 },
    });
    expect(c.state.relay).toBe('open');
    expect(
      await meter('read', ...line, '--function', '5', '--register', '0', '--count', '1'),
    ).toMatchObject({ code: 2, doc: { error: { code: 'USAGE' } } });
  });

  it('recharges a meter being commissioned with its test key; the count rule holds', async () => {
    const args = [...via('000000000161'), '--amount', '100.00', '--key', KEY];
    expect(await meter('recharge', ...args, '--count', '1', '--customer', '000000000042')).toEqual({
      code: 0,
      doc: {
        address: '000000000161',
        amount: 100,
        remainingFen: 14_200,
        purchaseCount: 1,
        customerNo: '000000000042',
      },
    });
    // The same count again is refused by the meter as repeated; so is a wrong key.
    expect(await meter('recharge', ...args, '--count', '1')).toMatchObject({
      code: 1,
      doc: {
        error: { code: 'METER_ERROR', message: expect.stringContaining('repeated-recharge') },
      },
    });
    expect(
      await meter(
        'recharge',
        ...via('000000000161'),
        '--amount',
        '1',
        '--count',
        '2',
        '--key',
        'cd'.repeat(32),
      ),
    ).toMatchObject({
      code: 1,
      doc: { error: { message: expect.stringContaining('mac-failed') } },
    });
    expect(a.state).toMatchObject({ purchaseCount: 1, remainingFen: 14_200 });
  });
});

const missing = socatMissing();
(missing ? describe.skip : describe)(
  `meter CLI on a serial port${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let pair: PtyPair;
    let bus: PtyBus;
    beforeAll(async () => {
      pair = await ptyPair();
      bus = new PtyBus(pair.meters, [new NkMeter({ address: '000000000444', purchaseCount: 12 })]);
      await bus.open();
    });
    afterAll(async () => {
      await bus.close();
      await pair.close();
    });

    it('reads the meter on the adapter at 2400 8E1', async () => {
      expect((await meter('address', ...on(['--port', pair.office]))).doc).toEqual({
        address: '000000000444',
      });
      const count = await meter(
        'read',
        ...on(['--port', pair.office], '000000000444'),
        '--di',
        '03330201',
      );
      expect(count.doc).toMatchObject({ value: 12 });
    });
  },
);
