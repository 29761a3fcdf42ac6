// Every section of the app at the office PC's 1366×768, in Chinese and in English, with a day's
// data in it (training mode: a tariff, a tenant with an account, a sale, a reversal), kept as
// screenshots for a person to look at; and on each page, in English, no Chinese full-width
// punctuation in the app's own text and no raw identifiers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, snap, startHost, stopHost, test, type RunningHost } from './fixtures';
import { completeSetup, createFlatTariff, switchLanguage } from './pages';

const SECTIONS = [
  ['F1', 'sales', '售电', 'Sales'],
  ['F2', 'customers', '用户', 'Customers'],
  ['F3', 'cards', '卡片', 'Cards'],
  ['F4', 'meters', '电表', 'Meters'],
  ['F5', 'tariffs', '电价', 'Tariffs'],
  ['F6', 'reports', '报表', 'Reports'],
  ['F7', 'inspection', '用电检查', 'Inspection'],
  ['F8', 'settings', '设置', 'Settings'],
  ['F9', 'operators', '操作员', 'Operators'],
] as const;

test('every page in both languages at 1366×768', async ({ page }) => {
  test.setTimeout(150_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-e2e-tour-'));
  let host: RunningHost | undefined;
  try {
    host = await startHost(dataDir, ['--demo']);
    await page.goto(host.url);
    await completeSetup(page, '万达广场（培训）');
    await page.getByRole('button', { name: '进入系统' }).click();
    await createFlatTariff(page);
    await expect(page.getByRole('cell', { name: '0.8500' })).toBeVisible();
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: '新建用户' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('名称').fill('星巴克咖啡');
    await create.getByLabel('铺位').fill('B1-023');
    await create.getByRole('button', { name: '保 存' }).click();
    await page.getByRole('button', { name: '开 户' }).click();
    const open = page.getByRole('dialog', { name: '开户' });
    await open.getByLabel('表号（12 位）').fill('000000000161');
    await open.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('开户成功，账户号 00000001')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.getByRole('searchbox').fill('xbk');
    await expect(page.getByRole('option', { name: /星巴克咖啡/ })).toBeVisible();
    await page.getByRole('searchbox').press('Enter');
    await page.getByLabel('售电金额（元）').fill('100');
    await page.getByLabel('售电金额（元）').press('Enter');
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: '售电成功，票据号 00000001' }),
    ).toBeVisible();

    for (const language of ['zh', 'en'] as const) {
      if (language === 'en') await switchLanguage(page, 'English');
      for (const [key, name, zh, en] of SECTIONS) {
        await page.keyboard.press(key);
        await expect(
          page.getByRole('heading', { name: language === 'zh' ? zh : en }),
        ).toBeVisible();
        await page.waitForLoadState('networkidle');
        // The sale screen with its tenant picked, the customers page with the tenant open.
        if (name === 'customers') {
          await page.getByRole('row', { name: /星巴克咖啡/ }).click();
          await expect(page.getByRole('dialog')).toBeVisible();
        }
        await snap(page, `60-${name}-${language}`);
        if (language === 'en') {
          const text = await page.locator('body').innerText();
          // What the office typed (名称, 铺位, 培训) stays Chinese; the app's own words must not.
          const own = text.replace(/万达广场（培训）|星巴克咖啡|商业电价|kWh/g, '');
          expect(own, `${name}: full-width punctuation in English`).not.toMatch(
            /[，。：；（）！？、]/,
          );
          expect(own, `${name}: an identifier in English`).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/);
        }
        if (name === 'customers') await page.keyboard.press('Escape');
      }
    }
  } finally {
    if (host) await stopHost(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
