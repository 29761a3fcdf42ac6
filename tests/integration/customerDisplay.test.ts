// The customer display (客显) driven through a sale (issue 19): a CD5220 VFD pole display on a
// real serial byte stream (a socat pty pair, the simulated display at the far end), then an ESC/POS
// (Epson DM-D) one on the same line, and an 8-digit LED display on USB-HID (node-hid's output
// reports, taken by a simulated device: this machine has no uhid to make a kernel HID device). The
// tenant sees the amount while the cashier confirms, then the balance the NK meter read back and
// the change; a display pulled out never holds up a sale, and the next sale shows once it is back.
import path from 'node:path';
import type { DisplayStateView } from '../../shared/api/display';
import { tempDir } from '../../core/testing';
import { SimHidDisplay, SimPoleDisplay } from '../../sim/display/simPoleDisplay';
import { openLineOffice, openNkAccount, type LineOffice } from './lineOffice';
import { waitFor } from './modemOnPty';
import { ptyPair, socatMissing, type PtyPair } from './ptys';

const METER = '000000000881';
const HID_PATH = '/dev/hidraw-sim-display';

describe('the customer display through a sale', () => {
  let o: LineOffice;
  let accountId: number;
  let hid = new SimHidDisplay('led8');
  const links = (() => {
    const dir = tempDir('powertill-display-');
    return { office: path.join(dir, 'ttyDisplay'), device: path.join(dir, 'ttySim') };
  })();
  let pair: PtyPair | null = null;
  let pole = new SimPoleDisplay('cd5220', 'gb2312');

  const plugInPole = async (protocol: 'cd5220' | 'epson' = 'cd5220') => {
    pair = await ptyPair(links);
    pole = new SimPoleDisplay(protocol, 'gb2312');
    await pole.open(pair.meters, 9600);
  };
  const unplugPole = async () => {
    await pole.close();
    await pair?.close();
    pair = null;
  };
  const sell = (amountFen: number, tenderedFen?: number) =>
    o.core.ok(
      'sales.sell',
      {
        accountId,
        amountFen,
        paymentMethod: 'cash',
        ...(tenderedFen !== undefined && { tenderedFen }),
      },
      o.cashier,
    );
  const state = (): Promise<DisplayStateView> => o.core.ok('display.state', {}, o.cashier);
  /** The pole display on the pty chosen in settings, speaking `protocol`, with a greeting. */
  const choosePole = (protocol: 'cd5220' | 'epson', greeting: string) =>
    o.core.ok(
      'display.configure',
      {
        kind: 'serial',
        protocol,
        charset: 'gb2312',
        port: links.office,
        baudRate: 9600,
        hidPath: null,
        greeting,
      },
      o.supervisor,
    );

  beforeAll(async () => {
    // npm test installs socat (scripts/test.mjs); without it this test must fail, not skip.
    expect(socatMissing()).toBeNull();
    o = await openLineOffice([{ address: METER }], {
      openHidDisplay: (where) =>
        where === HID_PATH
          ? Promise.resolve(hid)
          : Promise.reject(new Error(`no such device ${where}`)),
    });
    ({ accountId } = await openNkAccount(o, { name: '李四水果店' }, METER));
    await plugInPole();
  }, 60_000);
  afterAll(async () => {
    await o?.close();
    await unplugPole();
  });

  it('shows the same screens on the till with no display set', async () => {
    await o.core.ok('display.quote', { accountId, amountFen: 1_700 }, o.cashier);
    expect((await state()).shows).toEqual({
      kind: 'lines',
      // 0.85 yuan/kWh: 17.00 yuan buys 20.00 kWh.
      lines: ['金额         17.00元', '电量        20.00kWh'],
    });
    await o.core.ok('display.rest', {}, o.cashier);
  });

  it('greets, quotes and shows the sale on a serial VFD pole display', async () => {
    const configured = await choosePole('cd5220', '欢迎光临 物业中心');
    expect(configured.error).toBeNull();
    await waitFor(() => pole.shows.upper !== '');
    expect(pole.initialised).toBe(1);
    expect(pole.shows).toMatchObject({ upper: ' 欢迎光临 物业中心', lower: '' });

    await o.core.ok(
      'display.quote',
      { accountId, amountFen: 10_000, tenderedFen: 20_000 },
      o.cashier,
    );
    // Taken by the PC's port once the call answers; on the display a moment later.
    await waitFor(() => pole.shows.lower.startsWith('找零'));
    expect(pole.shows).toMatchObject({
      upper: '金额        100.00元',
      lower: '找零        100.00元',
    });

    const sale = await sell(10_000, 20_000);
    expect(sale.meterBalanceAfterFen).toBe(10_000);
    await waitFor(() => pole.shows.upper.startsWith('余额'));
    expect(pole.shows).toMatchObject({
      upper: '余额        100.00元',
      lower: '找零        100.00元',
    });
    expect(pole.junk).toBe(0);
  });

  it('sells on while the display is unplugged, says why, and shows the next sale once back', async () => {
    await unplugPole();
    const sale = await sell(2_000);
    expect(sale.status).toBe('committed');
    await waitFor(() => o.core.services.display.state().error !== null);
    expect((await state()).error).toEqual({
      code: 'DISPLAY_UNPLUGGED',
      params: { where: links.office },
    });
    // What the tenant would have seen is still on the till's screen.
    expect((await state()).shows).toEqual({
      kind: 'lines',
      lines: ['余额        120.00元', '电量        23.52kWh'],
    });

    await plugInPole();
    await o.core.ok('display.quote', { accountId, amountFen: 5_000 }, o.cashier);
    await waitFor(() => pole.shows.lower.startsWith('电量'));
    expect(pole.initialised).toBe(1);
    expect(pole.shows).toMatchObject({
      upper: '金额         50.00元',
      lower: '电量        58.82kWh',
    });
    expect((await state()).error).toBeNull();
  });

  it('drives an ESC/POS (Epson DM-D) VFD on the same line once it is chosen', async () => {
    await unplugPole();
    await plugInPole('epson');
    const configured = await choosePole('epson', '');
    expect(configured.error).toBeNull();
    await waitFor(() => pole.shows.upper !== '');
    expect(pole.initialised).toBe(1);
    expect(pole.shows).toMatchObject({ upper: '      欢迎光临', lower: '' });

    await o.core.ok('display.quote', { accountId, amountFen: 6_800 }, o.cashier);
    await waitFor(() => pole.shows.lower.startsWith('电量'));
    expect(pole.shows).toMatchObject({
      upper: '金额         68.00元',
      lower: '电量        80.00kWh',
    });
    expect(pole.junk).toBe(0);
  });

  it('drives an 8-digit LED display over USB-HID: 总计 while confirming, 找零 after', async () => {
    await o.core.ok(
      'display.configure',
      {
        kind: 'hid',
        protocol: 'led8',
        charset: 'gb2312',
        port: null,
        baudRate: 2400,
        hidPath: HID_PATH,
        greeting: '',
      },
      o.supervisor,
    );
    await waitFor(() => hid.reports > 0);
    expect(hid.screen.shows).toEqual({ upper: '', lower: '', lamp: null });

    await o.core.ok('display.quote', { accountId, amountFen: 3_000 }, o.cashier);
    expect(hid.screen.shows).toEqual({ upper: '30.00', lower: '', lamp: 'total' });
    expect((await state()).shows).toEqual({ kind: 'led', lamp: 'total', number: '30.00' });

    await sell(3_000, 5_000);
    await waitFor(() => hid.screen.shows.lamp === 'change');
    expect(hid.screen.shows).toEqual({ upper: '20.00', lower: '', lamp: 'change' });

    await sell(1_000);
    await waitFor(() => hid.screen.shows.lamp === 'paid');
    expect(hid.screen.shows).toEqual({ upper: '10.00', lower: '', lamp: 'paid' });
    expect(hid.refused).toBe(0);
  });

  it('names a HID display pulled out, and takes it back when it is plugged in again', async () => {
    hid.unplug();
    await o.core.ok('display.quote', { accountId, amountFen: 4_000 }, o.cashier);
    expect((await state()).error).toEqual({
      code: 'DISPLAY_UNPLUGGED',
      params: { where: HID_PATH },
    });
    expect(hid.closed).toBe(true);

    hid = new SimHidDisplay('led8');
    await o.core.ok('display.quote', { accountId, amountFen: 4_000 }, o.cashier);
    expect(hid.screen.shows).toEqual({ upper: '40.00', lower: '', lamp: 'total' });
    expect((await state()).error).toBeNull();
  });

  it('refuses settings a display cannot use, and keeps the ones it had', async () => {
    const base = {
      kind: 'serial' as const,
      protocol: 'cd5220' as const,
      charset: 'ascii' as const,
      port: links.office,
      baudRate: 9600 as const,
      hidPath: null,
      greeting: 'WELCOME',
    };
    const refused = async (input: object) => {
      const result = await o.core.call('display.configure', input as typeof base, o.supervisor);
      return result.ok ? null : result.error;
    };
    expect(await refused({ ...base, greeting: '欢迎光临' })).toMatchObject({
      code: 'DISPLAY_GREETING_CHARSET',
      params: { chars: '欢 迎 光 临' },
    });
    expect(
      await refused({ ...base, charset: 'gb2312', greeting: '欢迎光临物业服务中心收费处' }),
    ).toMatchObject({ code: 'DISPLAY_GREETING_TOO_WIDE', params: { width: 26 } });
    expect(await refused({ ...base, port: null })).toMatchObject({ code: 'DISPLAY_PORT_REQUIRED' });
    expect(await refused({ ...base, kind: 'hid', hidPath: null })).toMatchObject({
      code: 'DISPLAY_HID_REQUIRED',
    });
    expect(await refused({ ...base, baudRate: 1200 })).toMatchObject({ code: 'VALIDATION_FAILED' });
    // A cashier sells and quotes, but does not set up devices.
    const byCashier = await o.core.call('display.configure', base, o.cashier);
    expect(byCashier.ok ? null : byCashier.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await state()).settings).toMatchObject({ kind: 'hid', hidPath: HID_PATH });
  });
});
