// 批量开户 in the browser: a file with mistakes is checked row by row and nothing is imported;
// the corrected file imports at once and the tenants are there to find.
import { expect, snap, test } from './fixtures';
import { completeSetup } from './pages';

const csv = (text: string) => ({
  name: 'tenants.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`\ufeff${text}`),
});

test('bulk import of tenants from a CSV file', async ({ page, host }) => {
  await page.goto(host.url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();

  await page.keyboard.press('F2');
  await page.getByRole('button', { name: '批量开户' }).click();
  const dialog = page.getByRole('dialog', { name: /批量开户/ });
  const input = dialog.locator('input[type=file]');

  await input.setInputFiles(
    csv('名称,铺位,表号,电价\r\n星巴克咖啡,B1-023,12345,商业电价\r\n,F1-001,,\r\n'),
  );
  await expect(dialog.getByText('发现 3 处问题，未导入任何数据。')).toBeVisible();
  await expect(dialog.getByRole('row', { name: /2.*表号.*“12345”无效/ })).toBeVisible();
  await expect(
    dialog.getByRole('row', { name: /2.*电价.*没有名为“商业电价”的现行电价/ }),
  ).toBeVisible();
  await expect(dialog.getByRole('row', { name: /3.*名称.*必填/ })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /导入/ })).toBeDisabled();
  await snap(page, '18-import-errors');

  await input.setInputFiles(
    csv('名称,铺位,电话\r\n星巴克咖啡,B1-023,13800138000\r\n喜茶,F1-001,\r\n'),
  );
  await expect(dialog.getByText('检查通过：2 行，其中 0 行同时开户。')).toBeVisible();
  await dialog.getByRole('button', { name: '导入 2 行' }).click();
  await expect(dialog.getByText('已导入 2 个用户，开户 0 个。')).toBeVisible();
  await dialog.getByRole('button', { name: '关 闭' }).click();
  await expect(page.getByRole('row', { name: /喜茶.*F1-001/ })).toBeVisible();
});
