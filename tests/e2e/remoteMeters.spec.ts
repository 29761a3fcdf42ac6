// NK meters over RS485 as the office works them: a supervisor sets up the line (a TCP serial
// gateway to simulated DDSY1352-NK meters, run here and installed with the office's keys), opens
// an account on an NK meter, the cashier recharges it remotely from the sale screen, the meters
// page reads the meter and shows the purchase, and the supervisor trips the relay.
import Database from 'better-sqlite3';
import path from 'node:path';
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { expect, snap, test } from './fixtures';
import { completeSetup, createFlatTariff } from './pages';

const ADDRESS = '000000000161';

function officeSecret(dataDir: string): Buffer {
  const db = new Database(path.join(dataDir, 'powertill.sqlite3'), { readonly: true });
  try {
    return (db.prepare('SELECT secret FROM office_secret').get() as { secret: Buffer }).secret;
  } finally {
    db.close();
  }
}

test('remote recharge of an NK meter, its reading and a relay trip', async ({ page, host }) => {
  await page.goto(host.url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();
  await createFlatTariff(page);
  await expect(page.getByRole('cell', { name: '0.8500' })).toBeVisible();

  // The meter room: one NK meter behind a gateway, installed with this office's key.
  const meter = new NkMeter(
    { address: ADDRESS, remainingFen: 1_200, energyE2: 52_311 },
    meterRechargeKey(officeSecret(host.dataDir), ADDRESS),
  );
  const bus = new TcpBus([meter]);
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
    await page.getByTitle('DDSY1352-NK').click();
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
  } finally {
    await bus.close();
  }
});
