// 主站计费 as the office works it: a shop on a DDSD1352 metering meter (no money inside; simulated
// behind a TCP serial gateway run here) is opened billed by the office, tripped at once for want of
// money, switched back on by its first purchase, billed from a batch reading until its balance goes
// below zero and tripped, then restored by the next purchase — the receipt and the account saying
// the office keeps the balance. In Chinese, and the account in English.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import type { Page } from '@playwright/test';
import { connectGateway, officeSecret } from './line';
import { expect, snap, test } from './fixtures';
import { chooseOption, officeWithFlatTariff, switchLanguage } from './pages';

const METER = '000000003001';

async function sellAtTheTill(page: Page, yuan: string) {
  await page.keyboard.press('F1');
  const search = page.getByRole('searchbox');
  await search.fill('ldfjj');
  await expect(page.getByRole('option', { name: /老地方酒家/ })).toBeVisible();
  await search.press('Enter');
  const amount = page.getByLabel('售电金额（元）');
  await amount.fill(yuan);
  await amount.press('Enter');
  await expect(page.getByRole('dialog', { name: '确认售电' })).toBeVisible();
  await page.keyboard.press('Enter');
}

test('a metering meter billed by the office: tripped at zero, restored by a sale', async ({
  page,
  host,
}) => {
  // Starts a host and a simulated line; about 21 s here: its own time, not the 60 s default.
  test.setTimeout(90_000);
  await officeWithFlatTariff(page, host.url);

  const meter = new NkMeter(
    { address: METER, energyE2: 100_000, holdsMoney: false },
    meterRechargeKey(officeSecret(host.dataDir), METER),
  );
  const bus = new TcpBus([meter]);
  const port = await bus.listen();
  try {
    await connectGateway(page, port, '02123456');

    // 开户 on a metering meter: the office bills it; its registers now are where billing starts.
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: '新建用户' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('名称').fill('老地方酒家');
    await create.getByRole('button', { name: '保 存' }).click();
    await page.getByRole('button', { name: '开 户' }).click();
    const open = page.getByRole('dialog', { name: '开户' });
    await open.getByLabel('表号（12 位）').fill(METER);
    await open.getByLabel('表型').click();
    await chooseOption(page, 'DDSD1352');
    await expect(open.getByText('计量表表内不存金额，由营业厅主站计费')).toBeVisible();
    await snap(page, '63-open-metering-meter');
    await open.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('开户成功，账户号 00000001')).toBeVisible();
    // No money yet: no power.
    const row = page.getByRole('row', { name: /00000001/ });
    await expect(row).toContainText('主站计费');
    await expect(row).toContainText('已欠费拉闸');
    expect(meter.state.relay).toBe('open');

    // The first purchase goes into the office's balance and switches the meter back on.
    await sellAtTheTill(page, '10');
    await expect(
      page.getByText(/售电成功，已记入账户余额（主站计费），票据号 00000001/),
    ).toBeVisible();
    await expect(page.getByTestId('office-balance')).toHaveText('¥10.00');
    await expect.poll(() => meter.state.relay).toBe('closed');

    // 12 kWh used (¥10.20): read in a batch, charged, below zero: tripped.
    meter.state.energyE2 += 1_200;
    await page.keyboard.press('F4');
    await page.getByRole('tab', { name: '批量操作' }).click();
    await page.getByRole('button', { name: '开 始' }).click();
    await expect(page.getByText('成功 1，失败 0，共 1 块表')).toBeVisible();
    await expect.poll(() => meter.state.relay).toBe('open');
    await page.getByRole('tab', { name: '电表列表' }).click();
    await page.keyboard.press('F2');
    await page.getByRole('row', { name: /老地方酒家/ }).click();
    await expect(page.getByRole('row', { name: /00000001/ })).toContainText('已欠费拉闸');
    await snap(page, '63b-office-billed-tripped');

    // ¥20 pays the ¥0.20 owed and puts power back.
    await sellAtTheTill(page, '20');
    await expect(
      page.getByText(/售电成功，已记入账户余额（主站计费），票据号 00000002/),
    ).toBeVisible();
    await expect(page.getByTestId('office-balance')).toHaveText('¥19.80');
    await expect.poll(() => meter.state.relay).toBe('closed');
    await snap(page, '63c-office-billed-restored');

    await switchLanguage(page, 'English');
    await expect(page.getByTestId('office-balance')).toHaveText('¥19.80');
    await expect(page.getByText('By the office').first()).toBeVisible();
    await snap(page, '63d-office-billed-en');
  } finally {
    await bus.close();
  }
});
