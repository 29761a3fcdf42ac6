// NK meters over RS485 as the office works them: a supervisor sets up the line (a TCP serial
// gateway to simulated DDSY1352-NK meters, run here and installed with the office's keys), opens
// an account on an NK meter, the cashier recharges it remotely from the sale screen, the meters
// page reads the meter and shows the purchase, the supervisor trips the relay, and an ACRT
// terminal on the line is written its binding table and its recharge log read and reconciled.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { BusArbiter } from '../../meter-link/bus/arbiter';
import { TcpLine } from '../../meter-link/bus/tcpLine';
import { MeterClient } from '../../meter-link/devices/meterClient';
import { AcrtTerminal } from '../../sim/rs485/acrtTerminal';
import type { BusDevice } from '../../sim/rs485/busEar';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import type { Page } from '@playwright/test';
import { connectGateway, officeSecret } from './line';
import { expect, snap, test, type RunningHost } from './fixtures';
import { chooseOption, officeWithFlatTariff, switchLanguage } from './pages';

const ADDRESS = '000000000161';
const TERMINAL = '000000000900';

test('remote recharge of an NK meter, its reading, a relay trip, an ACRT terminal’s log', async ({
  page,
  host,
}) => {
  // Starts a host and a simulated line; about 28 s here: its own time, not the 60 s default.
  test.setTimeout(120_000);
  await officeWithFlatTariff(page, host.url);

  // The meter room: one NK meter behind a gateway, installed with this office's key.
  const meter = new NkMeter(
    { address: ADDRESS, remainingFen: 1_200, energyE2: 52_311 },
    meterRechargeKey(officeSecret(host.dataDir), ADDRESS),
  );
  const acrt = new AcrtTerminal({
    address: TERMINAL,
    password: '123456',
    officeSecret: officeSecret(host.dataDir),
    client: new MeterClient(new BusArbiter(new TcpLine('127.0.0.1', 1))),
    meters: new Map(),
    clock: () => '2026-12-01 09:00:00',
  });
  acrt.log.push({
    at: '2026-12-01 08:30:00',
    cardNo: '000000000077',
    meterNo: ADDRESS,
    purchaseCount: 1,
    amountFen: 30_000,
    outcome: 'recharged',
    reason: null,
  });
  const bus = new TcpBus<BusDevice>([meter, acrt]);
  const port = await bus.listen();
  try {
    // 电表 (F4): no line yet, then the supervisor sets it up.
    await page.keyboard.press('F4');
    await expect(page.getByText('尚未设置 RS485 通信线路')).toBeVisible();
    await page.getByRole('button', { name: '通信设置' }).click();
    const settings = page.getByRole('dialog', { name: '通信设置' });
    await settings.getByText('TCP 串口服务器/网关').click();
    await settings.getByLabel('网关地址').fill('127.0.0.1');
    await settings.getByLabel('端口').fill(String(port));
    await settings.getByLabel('电表密码（权限 + 密码，8 位）').fill('02123456');
    await snap(page, '50-meter-line-settings');
    await settings.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByTestId('meter-line-status')).toContainText(`127.0.0.1:${port}`);

    // 用户 (F2): the tenant and an account on the NK meter.
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: '新建用户' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('名称').fill('海底捞火锅');
    await create.getByLabel('铺位').fill('L3-301');
    await create.getByRole('button', { name: '保 存' }).click();
    await page.getByRole('button', { name: '开 户' }).click();
    const open = page.getByRole('dialog', { name: '开户' });
    await open.getByLabel('表号（12 位）').fill(ADDRESS);
    await open.getByLabel('表型').click();
    await chooseOption(page, 'DDSY1352-NK');
    await open.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('开户成功，账户号 00000001')).toBeVisible();
    await page.keyboard.press('Escape');

    // 售电 (F1): a remote recharge, confirmed by the meter.
    await page.keyboard.press('F1');
    const search = page.getByRole('searchbox');
    await search.fill('hdl');
    await expect(page.getByRole('option', { name: /海底捞火锅/ })).toBeVisible();
    await search.press('Enter');
    await expect(page.getByText('远程充值 · RS485')).toBeVisible();
    const amount = page.getByLabel('售电金额（元）');
    await amount.fill('200');
    await amount.press('Enter');
    await expect(page.getByRole('dialog', { name: '确认售电' })).toBeVisible();
    await expect(page.getByRole('button', { name: '确认远程充值' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: '远程充值成功，电表已确认，票据号 00000001' }),
    ).toBeVisible();
    await snap(page, '51-remote-recharge-done');
    expect(meter.state).toMatchObject({ purchaseCount: 1, remainingFen: 21_200 });

    // 电表 (F4): read the meter; the purchase is there.
    await page.keyboard.press('F4');
    await page.getByRole('row', { name: new RegExp(ADDRESS) }).click();
    await page.getByRole('button', { name: /^读\s?表$/ }).click();
    await expect(page.getByText('¥212.00')).toBeVisible();
    await expect(page.getByText('523.11 kWh')).toBeVisible();
    await expect(page.getByText('合闸', { exact: true })).toBeVisible();

    // The supervisor trips the relay, with a reason; the meter confirms it.
    await page.getByRole('button', { name: /^拉\s?闸$/ }).click();
    const trip = page.getByRole('dialog', { name: `拉闸 · ${ADDRESS}` });
    await trip.getByLabel('原因').fill('拖欠物业费');
    await trip.getByRole('button', { name: '发送命令' }).click();
    await expect(page.getByText('拉闸命令已执行，电表已确认')).toBeVisible();
    expect(meter.state.relay).toBe('open');
    await expect(page.getByRole('row', { name: /拉闸.*拖欠物业费.*已执行/ })).toBeVisible();
    await page.getByRole('button', { name: /^读\s?表$/ }).click();
    await expect(page.getByText('已拉闸')).toBeVisible();
    await snap(page, '52-meter-tripped');

    // An ACRT terminal on the same line, whose log holds a recharge the office never sold.
    await page.getByRole('tab', { name: 'ACRT 充值终端' }).click();
    await page.getByLabel('终端地址').fill(TERMINAL);
    await page.getByLabel('名称 / 位置').fill('地下一层配电室');
    await page.getByRole('button', { name: '登记终端' }).click();
    const row = page.getByRole('row', { name: new RegExp(`${TERMINAL}.*地下一层配电室`) });
    await row.getByRole('button', { name: '下发绑定表' }).click();
    await expect(page.getByText('绑定表已写入终端：0 张卡')).toBeVisible();
    await row.getByRole('button', { name: '读取充值记录' }).click();
    await expect(
      page.getByRole('row', { name: /000000000077.*已充值.*账目无此售电/ }),
    ).toBeVisible();
    await snap(page, '56-acrt-log');

    // 对时: the terminal's clock (a day and more behind) set to the office's and read back.
    await row.getByRole('button', { name: /^对\s?时$/ }).click();
    await expect(page.getByTestId('acrt-clocks')).toContainText(/与营业厅相差 -?[01] 秒/);
    expect(acrt.now().slice(0, 10)).not.toBe('2026-12-01');
  } finally {
    await bus.close();
  }
});

/**
 * 36 tenants in two areas on NK meters, imported at once (批量开户), their simulated meters on a TCP
 * gateway the office's line is set to; the meters page left open on 批量操作.
 */
async function thirtySixOnTheLine(page: Page, host: RunningHost) {
  await officeWithFlatTariff(page, host.url);

  const address = (i: number) => `0000000010${String(i).padStart(2, '0')}`;
  const rows = Array.from(
    { length: 36 },
    (_, k) =>
      `商户${k + 1},L${k + 1},${k < 20 ? 'A区' : 'B区'},${address(k + 1)},DDSY1352-NK,商业电价`,
  );
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: '批量开户' }).click();
  const importing = page.getByRole('dialog', { name: /批量开户/ });
  await importing.locator('input[type=file]').setInputFiles({
    name: 'tenants.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\ufeff名称,铺位,区域,表号,表型,电价\r\n${rows.join('\r\n')}\r\n`),
  });
  await importing.getByRole('button', { name: '导入 36 行' }).click();
  await expect(importing.getByText('已导入 36 个用户，开户 36 个。')).toBeVisible();
  await importing.getByRole('button', { name: '关 闭' }).click();

  const secret = officeSecret(host.dataDir);
  const meters = Array.from(
    { length: 36 },
    (_, k) =>
      new NkMeter(
        { address: address(k + 1), remainingFen: 5_000 + 100 * k, energyE2: 10_000 * (k + 1) },
        meterRechargeKey(secret, address(k + 1)),
      ),
  );
  const bus = new TcpBus(meters);
  const port = await bus.listen();
  await connectGateway(page, port);
  await page.getByRole('tab', { name: '批量操作' }).click();
  return { meters, bus, address };
}

test('batch read of 36 NK meters with progress, a silent one retried', async ({ page, host }) => {
  const { meters, bus, address } = await thirtySixOnTheLine(page, host);
  try {
    // The 30th does not answer (its retries hold the batch there for a few seconds).
    meters[29]!.faults = ['silent', 'silent', 'silent'];
    await page.getByRole('button', { name: '开 始' }).click();
    const progress = page.getByTestId('batch-progress');
    // Meter by meter: held at 29 while the 30th is tried again and again.
    await expect(progress).toContainText('29 / 36');
    await expect(page.getByText('批量抄表 · 进行中')).toBeVisible();
    await snap(page, '53-batch-read-running');
    await expect(progress).toContainText('36 / 36', { timeout: 20_000 });
    await expect(page.getByText('成功 35，失败 1，共 36 块表')).toBeVisible();
    await expect(page.getByText('批量抄表 · 已完成')).toBeVisible();
    await snap(page, '54-batch-read-done');

    // Done again, the failed meter answers this time.
    await page.getByRole('button', { name: '重试失败的电表' }).click();
    await expect(page.getByText('成功 1，失败 0，共 1 块表')).toBeVisible();
    await expect(
      page.getByRole('row', { name: new RegExp(`${address(30)}.*商户30.*成功`) }),
    ).toBeVisible();

    // The meter that did not answer left a record in 报警记录, cleared when it answered.
    await page.getByRole('tab', { name: '报警记录' }).click();
    await page.getByText('全部', { exact: true }).click();
    await expect(
      page.getByRole('row', { name: new RegExp(`电表无应答.*${address(30)}.*商户30`) }),
    ).toBeVisible();
    await snap(page, '55-alarms');
  } finally {
    await bus.close();
  }
});

test('批量充值 of 36 NK meters, paid by the office: a silent meter retried in the same batch', async ({
  page,
  host,
}) => {
  // 36 tenants imported and put on the line, then a batch with a silent meter retried: near a
  // minute on a fast machine.
  test.setTimeout(120_000);
  const { meters, bus, address } = await thirtySixOnTheLine(page, host);
  try {
    // The 12th stays silent for the whole first run.
    meters[11]!.faults = Array.from({ length: 30 }, () => 'silent' as const);
    await page.getByRole('combobox', { name: '操作' }).click();
    await chooseOption(page, '批量充值');
    await page.getByLabel('每户金额').fill('20');
    await page.getByLabel('原因').fill('停电补偿');
    await expect(page.getByText('批量充值由营业厅出资')).toBeVisible();
    await page.getByRole('button', { name: '开 始' }).click();
    const progress = page.getByTestId('batch-progress');
    await expect(progress).toContainText('36 / 36', { timeout: 60_000 });
    await expect(page.getByText('成功 35，失败 1，共 36 块表')).toBeVisible();
    await expect(page.getByText(/批量充值 · 批次 1 · 已完成/)).toBeVisible();
    await expect(
      page.getByRole('row', { name: new RegExp(`${address(12)}.*商户12.*¥20\\.00.*失败`) }),
    ).toBeVisible();
    await snap(page, '62-batch-recharge-one-failed');

    // The meter answers again: done in the same batch, nobody recharged twice.
    meters[11]!.faults = [];
    await page.getByRole('button', { name: '重试失败的电表' }).click();
    await expect(page.getByText('成功 1，失败 0，共 1 块表')).toBeVisible();
    await expect(page.getByText(/批量充值 · 批次 1 · 已完成/)).toBeVisible();
    await expect(
      page.getByRole('row', {
        name: new RegExp(`${address(12)}.*商户12.*¥20\\.00.*¥81\\.00.*成功`),
      }),
    ).toBeVisible();
    expect(meters.map((m) => m.state.remainingFen)).toEqual(
      meters.map((_, k) => 5_000 + 100 * k + 2_000),
    );
    expect(meters.every((m) => m.state.purchaseCount === 1)).toBe(true);
    await snap(page, '62b-batch-recharge-retried');

    // In the books: 36 sales paid 赠送 (the office's grant), kept apart from the takings.
    await page.keyboard.press('F6');
    await expect(page.getByRole('row', { name: /商户36.*20\.00.*赠送/ }).first()).toBeVisible();
    await expect(
      page.getByText('其中赠送 36 笔 ¥720.00（营业厅出资，不计收款），收款合计 ¥0.00'),
    ).toBeVisible();
    await snap(page, '62c-batch-recharge-report');
    // The same in English, and the batch as an English-speaking supervisor sees it.
    await switchLanguage(page, 'English');
    await expect(
      page.getByText('of the sales, 36 office grants, ¥720.00 (paid by the office, not taken in)'),
    ).toBeVisible();
    await page.keyboard.press('F4');
    await page.getByRole('tab', { name: 'Batch' }).click();
    await page.getByRole('combobox', { name: 'Operation' }).click();
    await chooseOption(page, 'Batch recharge');
    await expect(page.getByText('A batch recharge is paid by the office')).toBeVisible();
    await snap(page, '62d-batch-recharge-form-en');
  } finally {
    await bus.close();
  }
});
