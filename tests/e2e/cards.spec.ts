// A tenant's IC card in the browser, on the real PC/SC stack (pcscd + vpcd with a virtual SLE4442):
// the cashier opens an account, issues the blank card on the reader, sells 100 yuan onto it at
// the keyboard, prints the receipt, and reads the card back on the cards page; then the tenant
// loses the card: 挂失, 补卡 onto a blank card, and the old card, found again, is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { ensurePcscd, pcscUnavailable, VIRTUAL_READERS, waitForCard } from '../integration/pcscd';
import { cardHands } from '../integration/virtualCards';
import { expect, snap, startHost, stopHost, test } from './fixtures';
import {
  completeSetup,
  confirmPopover,
  createFlatTariff,
  openAccount,
  openAccountAndIssueCard,
  READ_CARD,
} from './pages';

const noPcsc = pcscUnavailable();

test('issue a card, sell onto it and read it back; lose it and reissue', async ({ page }) => {
  test.skip(noPcsc !== null, `no PC/SC stack: ${noPcsc}`);
  test.setTimeout(120_000);
  await ensurePcscd();
  const card = new VirtualCardHost();
  const hands = cardHands(card, VIRTUAL_READERS[0]);
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

    await createFlatTariff(page);
    await openAccountAndIssueCard(page, '星巴克咖啡', '000000000161');
    await expect(page.getByText('已发卡，卡号 000000000001')).toBeVisible();
    await page.keyboard.press('Escape');

    // The card on the reader is read when the sale screen opens: it picks the tenant by itself.
    await page.keyboard.press('F1');
    await expect(page.getByTestId('card-panel')).toContainText('C000001 星巴克咖啡');
    await expect(page.getByText('星巴克咖啡 · 账户 00000001')).toBeVisible();
    await snap(page, '39-sale-card-panel');
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
    const [receipt] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '打印票据' }).click(),
    ]);
    expect(receipt.suggestedFilename()).toBe('receipt-00000001.pdf');

    // A tenant without a card picked while 星巴克's card is on the reader: the form says so
    // before the confirmation, and Enter does not open it.
    await openAccount(page, '肯德基', '000000000162');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    // The sale page first reads the card on the reader and puts its tenant up, focusing the
    // amount: the search is typed only after, or the letters land in the amount.
    await expect(page.getByText('星巴克咖啡 · 账户 00000001')).toBeVisible();
    await search.fill('肯德基');
    await expect(page.getByRole('option', { name: /肯德基/ })).toBeVisible();
    await search.press('Enter');
    await expect(page.getByText('肯德基 · 账户 00000002')).toBeVisible();
    await amount.fill('50');
    await expect(page.getByTestId('card-sale-block')).toHaveText(
      '该账户尚未发卡：请先在“用户”页为账户发卡，再售电。',
    );
    await amount.press('Enter');
    await expect(page.getByRole('dialog', { name: '确认售电' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /售电（回车）/ })).toBeDisabled();
    await snap(page, '39b-sale-no-card');

    await page.keyboard.press('F3');
    await page.getByRole('button', { name: READ_CARD }).click();
    await expect(page.getByTestId('card-status')).toHaveText('本营业厅的卡');
    await expect(page.getByText('000000000001').first()).toBeVisible();
    const purchase = page.locator('.ant-descriptions').filter({ hasText: '购电信息' });
    await expect(purchase.getByRole('cell', { name: '¥100.00' }).first()).toBeVisible();
    await expect(page.getByText('电表尚未回写')).toBeVisible();
    await snap(page, '40-card-read');

    // Lost: the tenant's card is in a drawer somewhere; a blank card goes on the reader.
    const lostCard = await hands.onReader();
    await hands.putBlank();
    await page.keyboard.press('F2');
    await page.getByRole('searchbox').fill('星巴克');
    await page.getByRole('searchbox').press('Enter');
    await page.getByRole('cell', { name: '星巴克咖啡' }).click();
    await page.getByRole('button', { name: /^挂\s?失$/ }).click();
    await confirmPopover(page);
    await expect(page.getByText('卡 000000000001 已挂失')).toBeVisible();
    await page.getByRole('button', { name: /^补\s?卡$/ }).click();
    await confirmPopover(page);
    await expect(page.getByText('已补卡，新卡号 000000000002')).toBeVisible();
    await snap(page, '45-card-reissued');
    await page.keyboard.press('Escape');

    // The old card turns up and is put on the reader: the books know it is dead.
    await hands.reinsert(lostCard.memory, lostCard.psc);
    await page.keyboard.press('F3');
    await page.getByRole('button', { name: READ_CARD }).click();
    await expect(page.getByText('000000000001').first()).toBeVisible();
    await expect(page.getByTestId('card-dead')).toContainText('此卡已挂失，不能再用于售电');
    await page.keyboard.press('F1');
    await page.getByRole('searchbox').fill('xbk');
    await expect(page.getByRole('option', { name: /星巴克咖啡/ })).toBeVisible();
    await page.getByRole('searchbox').press('Enter');
    await page.getByLabel('售电金额（元）').fill('10');
    await page.getByLabel('售电金额（元）').press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByText(/卡 000000000001 已失效.*不能再使用/)).toBeVisible();
    await snap(page, '46-old-card-refused');
  } finally {
    await stopHost(host);
    await card.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
