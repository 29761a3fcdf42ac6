// A tenant's IC card in the browser, on the real PC/SC stack (pcscd + vpcd with a virtual SLE4442):
// the cashier opens an account, issues the blank card on the reader, sells 100 yuan onto it at
// the keyboard, and reads the card back on the cards page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { ensurePcscd, pcscUnavailable, VIRTUAL_READERS, waitForCard } from '../integration/pcscd';
import { expect, snap, startHost, stopHost, test } from './fixtures';
import { completeSetup } from './pages';

const noPcsc = pcscUnavailable();

test('issue a card, sell onto it and read it back', async ({ page }) => {
  test.skip(noPcsc !== null, `no PC/SC stack: ${noPcsc}`);
  await ensurePcscd();
  const card = new VirtualCardHost();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-e2e-cards-'));
  const host = await startHost(dataDir);
  try {
    const blank = Buffer.alloc(256, 0xff);
    Buffer.from('a2131091ff8115', 'hex').copy(blank);
    await card.load({ kind: 'sle4442', memory: blank.toString('hex') });
    await card.insert();
    await waitForCard(VIRTUAL_READERS[0], true);

    await page.goto(host.url);
    await completeSetup(page);
    await page.getByRole('button', { name: '进入系统' }).click();
    await expect(page.getByTestId('status-reader')).toContainText('台就绪');

    await page.keyboard.press('F5');
    await page.getByRole('button', { name: '新建电价' }).click();
    await page.getByLabel('名称').fill('商业电价');
    await page.getByLabel('电价（元/kWh）').fill('0.85');
    await page.getByRole('button', { name: '保 存' }).click();

    await page.keyboard.press('F2');
    await page.getByRole('button', { name: '新建用户' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('名称').fill('星巴克咖啡');
    await create.getByRole('button', { name: '保 存' }).click();
    await page.getByRole('button', { name: '开 户' }).click();
    const open = page.getByRole('dialog', { name: '开户' });
    await open.getByLabel('表号（12 位）').fill('000000000161');
    await open.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('开户成功，账户号 00000001')).toBeVisible();

    await page.getByRole('button', { name: /^发\s?卡$/ }).click();
    await page.getByRole('button', { name: /^(OK|确\s?定)$/ }).click();
    await expect(page.getByText('已发卡，卡号 000000000001')).toBeVisible();
    await page.keyboard.press('Escape');

    await page.keyboard.press('F1');
    const search = page.getByRole('searchbox');
    await search.fill('xbk');
    await expect(page.getByRole('option', { name: /星巴克咖啡/ })).toBeVisible();
    await search.press('Enter');
    const amount = page.getByLabel('售电金额（元）');
    await amount.fill('100');
    await amount.press('Enter');
    await expect(page.getByRole('dialog', { name: '确认售电' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: '售电成功，票据号 00000001' }),
    ).toBeVisible();

    await page.keyboard.press('F3');
    await page.getByRole('button', { name: /^读\s?卡$/ }).click();
    await expect(page.getByTestId('card-status')).toHaveText('本营业厅的卡');
    await expect(page.getByText('000000000001').first()).toBeVisible();
    const purchase = page.locator('.ant-descriptions').filter({ hasText: '购电信息' });
    await expect(purchase.getByRole('cell', { name: '¥100.00' }).first()).toBeVisible();
    await expect(page.getByText('电表尚未回写')).toBeVisible();
    await snap(page, '40-card-read');
  } finally {
    await stopHost(host);
    await card.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
