// The customer display (客显, issue 19) at a training till: the supervisor wires a two-line VFD
// pole display on a serial port (the simulated display at the far end of a socat pty pair) and
// sees it greet; the cashier sells with cash and the tenant sees the amount and the change while
// the cashier confirms, then what was paid; the status bar shows the same. Screenshots in both
// languages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimPoleDisplay } from '../../sim/display/simPoleDisplay';
import { ptyPair, socatMissing } from '../integration/ptys';
import { expect, snap, startHost, stopHost, test } from './fixtures';
import {
  chooseOption,
  chooseSegment,
  completeSetup,
  createFlatTariff,
  openAccount,
  switchLanguage,
} from './pages';

test('the customer display: set up, then driven through a cash sale', async ({ page }) => {
  // `npm test` installs socat (scripts/lib/system.mjs): without it this fails, saying so.
  expect(socatMissing()).toBeNull();
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-e2e-display-'));
  const links = { office: path.join(dir, 'ttyDisplay'), device: path.join(dir, 'ttySim') };
  const pair = await ptyPair(links);
  const pole = new SimPoleDisplay('cd5220', 'gb2312');
  await pole.open(pair.meters, 9600);
  const host = await startHost(path.join(dir, 'data'), ['--demo']);
  try {
    await page.goto(host.url);
    await completeSetup(page, '万达广场（培训）');
    await page.getByRole('button', { name: '进入系统' }).click();

    // 设置 → 客显: a serial VFD at 9600 bps with the office's greeting.
    await page.keyboard.press('F8');
    const card = page.getByTestId('display-card');
    await chooseSegment(card, '串口');
    // The models a technician chooses from: the two VFD command sets and the LED one.
    await card.getByLabel('型号').click();
    const models = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await expect(models.locator('.ant-select-item-option')).toHaveText([
      '8 位数码管（通用客显指令）',
      '两行字符 VFD（CD5220 指令）',
      '两行字符 VFD（爱普生 ESC/POS 指令）',
    ]);
    await snap(page, '96a-display-models');
    await chooseOption(page, '两行字符 VFD（CD5220 指令）');
    await card.getByLabel('端口').fill(links.office);
    await card.getByLabel('波特率').click();
    await chooseOption(page, '9600');
    await card.getByLabel('欢迎语').fill('欢迎光临 万达物业');
    await card.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    await expect.poll(() => pole.shows.upper).toBe(' 欢迎光临 万达物业');
    await expect(card.getByTestId('display-mirror')).toContainText('欢迎光临 万达物业');
    await expect(page.getByTestId('status-display')).toContainText('客显: 正常');
    await snap(page, '96-display-settings');

    // A tariff, a tenant and an account, then a cash sale.
    await createFlatTariff(page);
    await expect(page.getByRole('cell', { name: '0.8500' })).toBeVisible();
    await openAccount(page, '星巴克咖啡', '000000000161');
    await expect(page.getByText('开户成功，账户号 00000001')).toBeVisible();
    await page.keyboard.press('Escape');

    await page.keyboard.press('F1');
    const search = page.getByRole('searchbox');
    await search.fill('xbk');
    await expect(page.getByRole('option', { name: /星巴克咖啡/ })).toBeVisible();
    await search.press('Enter');
    await page.getByLabel('售电金额（元）').fill('100');
    const tendered = page.getByLabel('实收');
    await tendered.fill('150');
    await tendered.press('Enter');
    await expect(page.getByRole('dialog', { name: '确认售电' })).toBeVisible();
    // While the cashier confirms, the tenant sees the amount and the change.
    await expect
      .poll(() => [pole.shows.upper, pole.shows.lower])
      .toEqual(['金额        100.00元', '找零         50.00元']);
    // Cancelled: the display greets again.
    await page.keyboard.press('Escape');
    await expect.poll(() => pole.shows.upper).toBe(' 欢迎光临 万达物业');

    await tendered.press('Enter');
    await expect(page.getByRole('dialog', { name: '确认售电' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: '售电成功，票据号 00000001' }),
    ).toBeVisible();
    // A card sale: the balance is on the card, not known to the office; the energy is shown.
    await expect
      .poll(() => [pole.shows.upper, pole.shows.lower])
      .toEqual(['已付        100.00元', '找零         50.00元']);
    await page.getByTestId('status-display').click();
    const mirror = page.locator('.ant-popover').getByTestId('display-mirror');
    await expect(mirror).toContainText('已付');
    await expect(mirror).toContainText('找零');
    await snap(page, '97-display-sale');
    expect(pole.junk).toBe(0);

    await switchLanguage(page, 'English');
    await expect(page.getByTestId('status-display')).toContainText('Customer display: OK');
    await page.keyboard.press('F8');
    await expect(page.getByTestId('display-card')).toContainText('Customer display');
    await page.getByTestId('display-card').scrollIntoViewIfNeeded();
    await snap(page, '98-display-settings-en');
  } finally {
    await stopHost(host);
    await pole.close();
    await pair.close();
  }
});
