// Printing settings in the browser: a supervisor switches receipts to the pre-printed form (套打),
// moves a field (the preview follows), saves, and downloads the calibration sheet, whose page is
// the form's size.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, SCREENSHOTS, snap, test } from './fixtures';
import { completeSetup } from './pages';

const PREVIEW_PX_PER_MM = 3.3;

test('the pre-printed form: positions, preview, calibration sheet', async ({ page, host }) => {
  await page.goto(host.url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();
  await page.keyboard.press('F8');

  const card = page.locator('.ant-card').filter({ hasText: '打印设置' });
  await card.getByText('套打（针式打印机预印票据）').click();
  await expect(card.getByText('不直接打印（生成 PDF 下载）')).toBeVisible();

  const x = card.getByLabel('户名 距左（mm）');
  await x.fill('150');
  await x.press('Tab');
  await card.getByLabel('铺位 打印').uncheck();
  const preview = card.getByTestId('form-preview');
  const name = preview.getByText('户名', { exact: true });
  const [box, frame] = [await name.boundingBox(), await preview.boundingBox()];
  expect((box?.x ?? 0) - (frame?.x ?? 0)).toBeCloseTo(150 * PREVIEW_PX_PER_MM, -1);
  await expect(preview.getByText('铺位', { exact: true })).toHaveCount(0);
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await snap(page, '30-printing-form');

  await card.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.reload();
  await expect(
    page.locator('.ant-card').filter({ hasText: '打印设置' }).getByLabel('户名 距左（mm）'),
  ).toHaveValue('150.0');

  const [sheet] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载校准页' }).click(),
  ]);
  expect(sheet.suggestedFilename()).toBe('receipt-form-calibration.pdf');
  const file = path.join(SCREENSHOTS, 'receipt-form-calibration.pdf');
  await sheet.saveAs(file);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  // 241 × 93 mm in points.
  expect(info).toMatch(/Page size:\s+683\.15 x 263\.62\d* pts/);
});
