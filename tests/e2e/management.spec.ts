// The supervisor's card work in the browser, on the real PC/SC stack (pcscd + vpcd) with the
// simulated meter in the meter room: a tenant's card comes back from a tampered meter and the
// finding shows at once; a parameter card is made on a blank card; the finding is looked into and
// acknowledged under 用电检查, and the inspection report is downloaded.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimulatedCardMeter } from '../../sim/cardMeter';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { blankCard, cardHands } from '../integration/virtualCards';
import { ensurePcscd, pcscUnavailable, VIRTUAL_READERS, waitForCard } from '../integration/pcscd';
import { expect, snap, startHost, stopHost, test } from './fixtures';
import {
  chooseOption,
  completeSetup,
  createFlatTariff,
  openAccountAndIssueCard,
  READ_CARD,
} from './pages';

const noPcsc = pcscUnavailable();
const METER = '000000000191';

test('a tampered meter found through the tenant card, a parameter card made, the finding acknowledged', async ({
  page,
}) => {
  test.skip(noPcsc !== null, `no PC/SC stack: ${noPcsc}`);
  test.setTimeout(120_000);
  await ensurePcscd();
  const card = new VirtualCardHost();
  const hands = cardHands(card, VIRTUAL_READERS[0]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-e2e-mgmt-'));
  const host = await startHost(dataDir);
  try {
    await card.load({ kind: 'sle4442', memory: blankCard().toString('hex') });
    await card.insert();
    await waitForCard(VIRTUAL_READERS[0], true);

    await page.goto(host.url);
    await completeSetup(page);
    await page.getByRole('button', { name: '进入系统' }).click();
    await expect(page.getByTestId('status-reader')).toContainText('台就绪');

    await createFlatTariff(page);
    await openAccountAndIssueCard(page, '周大福珠宝', METER);
    await expect(page.getByText('已发卡，卡号 000000000001')).toBeVisible();
    await page.keyboard.press('Escape');

    // The tenant puts the card into their meter, whose cover someone has opened.
    // Meters are commissioned with the office's site key; here it is read from the office's books.
    const books = new Database(path.join(dataDir, 'powertill.sqlite3'), { readonly: true });
    const { secret } = books.prepare('SELECT secret FROM office_secret').get() as {
      secret: Buffer;
    };
    books.close();
    const meter = new SimulatedCardMeter(secret, { meterNo: METER });
    meter.tamper('coverOpened');
    expect(await hands.carryTo(meter)).toEqual({ kind: 'written-back' });

    await page.keyboard.press('F3');
    await page.getByRole('button', { name: READ_CARD }).click();
    await expect(page.getByTestId('card-findings')).toContainText('窃电嫌疑');
    await expect(page.getByText('电表回写已记入账目')).toBeVisible();
    await snap(page, '41-card-finding');

    // A parameter card for that meter, on a blank card.
    await hands.putBlank();
    const maker = page.locator('.ant-card').filter({ hasText: '管理卡制作' });
    await maker.getByLabel('表号（留空 = 所有电表）').fill(METER);
    await maker.getByLabel('电价', { exact: true }).click();
    await chooseOption(page, '商业电价');
    await maker.getByLabel('囤积限额（元，0 = 不限）').fill('5000');
    await maker.getByRole('button', { name: '制作（卡放在读卡器上）' }).click();
    await expect(page.getByText('已制作参数卡，卡号 900000000001')).toBeVisible();
    const list = page.locator('.ant-card').filter({ hasText: '已制作的管理卡' });
    await expect(list.getByRole('cell', { name: '900000000001' })).toBeVisible();
    await expect(
      list.getByText(`电表 ${METER}：报警 ¥30.00 / ¥10.00，囤积限额 ¥5,000.00`),
    ).toBeVisible();
    expect(await hands.carryTo(meter)).toEqual({ kind: 'parameters-applied' });
    await page.getByRole('button', { name: READ_CARD }).click();
    await expect(list.getByText(/已设置（本卡第 1 块表）/)).toBeVisible();
    await snap(page, '42-management-cards');

    await page.keyboard.press('F7');
    const row = page.getByRole('row').filter({ hasText: '窃电嫌疑' });
    await expect(row).toContainText(METER);
    await expect(row).toContainText('周大福珠宝');
    await snap(page, '43-inspection');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '打印检查报告' }).click();
    expect((await download).suggestedFilename()).toMatch(/^inspection-\d{4}-\d\d-\d\d\.pdf$/);

    await row.getByRole('button', { name: /^处\s?理$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^处\s?理$/ }).click();
    await expect(dialog.getByText('请写明现场检查的情况或处理结果')).toBeVisible();
    await dialog.getByLabel('处理情况').fill('表盖被撬，已重新加封并告知商户');
    await dialog.getByRole('button', { name: /^处\s?理$/ }).click();
    await expect(page.getByText('没有待处理的异常')).toBeVisible();
    await page.getByText('全部', { exact: true }).click();
    await expect(page.getByRole('row').filter({ hasText: '已重新加封' })).toBeVisible();
    await snap(page, '44-inspection-handled');
  } finally {
    await stopHost(host);
    await card.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
