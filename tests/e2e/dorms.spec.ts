// A campus office's first dorm building: a supervisor adds the campus and the building in the 宿舍
// tab of 用户, opens 3 floors of 12 rooms on one 36-circuit ADF300 box in one dialog, finds the
// rooms floor by floor, and opens one as its customer. Screenshots in both languages.
import { expect, snap, test } from './fixtures';
import { chooseSegment, officeWithFlatTariff, switchLanguage } from './pages';

test('a dorm building opened together, its rooms floor by floor', async ({ page, host }) => {
  test.setTimeout(120_000);
  await officeWithFlatTariff(page, host.url);

  await page.keyboard.press('F2');
  await page.getByRole('tab', { name: '宿舍' }).click();
  await expect(page.getByText('还没有校区')).toBeVisible();
  await page.getByRole('button', { name: '新建校区' }).click();
  await page.getByRole('dialog').getByLabel('校区名称').fill('东校区');
  await page.getByRole('dialog').getByRole('button', { name: '保 存' }).click();
  await expect(page.getByText('已新建 东校区')).toBeVisible();
  await page.getByRole('button', { name: '新建楼栋' }).click();
  await page.getByRole('dialog').getByLabel('楼栋名称').fill('3号楼');
  await page.getByRole('dialog').getByRole('button', { name: '保 存' }).click();
  // The new building is chosen at once; the tree lists it under its campus.
  await expect(page.getByText('3号楼（0 间）')).toBeVisible();
  await expect(page.getByText('该楼栋还没有房间，请集体开户。')).toBeVisible();

  await page.getByRole('button', { name: '集体开户' }).click();
  const plan = page.getByRole('dialog', { name: '集体开户 — 3号楼' });
  await plan.getByLabel('结束楼层').fill('3');
  await plan.getByLabel('每层房间数').fill('12');
  await plan.getByLabel('计量箱表号 1').fill('000000320000');
  await expect(plan.getByText('共 3 层 36 间，每间占 1 个回路；所列计量箱共 36 路')).toBeVisible();
  await snap(page, '80-dorm-open-rooms');
  // Two floors too many for one box: refused, and nothing opened.
  await plan.getByLabel('结束楼层').fill('5');
  await plan.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByText('需要 60 个回路，所列计量箱只有 36 个空闲回路')).toBeVisible();
  await page.locator('.ant-notification-notice-close').click();
  await plan.getByLabel('结束楼层').fill('3');
  await plan.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByText('已开户 36 间')).toBeVisible();
  await expect(plan).toHaveCount(0);

  await expect(page.getByText('3号楼（36 间）')).toBeVisible();
  await chooseSegment(page.locator('.ant-segmented').last(), '2 层');
  const rows = page.getByRole('row', { name: /000000320000-/ });
  await expect(rows).toHaveCount(12);
  await expect(
    page.getByRole('row', { name: / 201 \d+ \/ \d+ .*000000320000-13 .*正常/ }),
  ).toBeVisible();
  await snap(page, '81-dorm-rooms');

  // A room opens as its customer: its account on the box's circuit, ready to sell to.
  await page.getByRole('row', { name: / 205 \d+ \/ \d+ / }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText(/· 3号楼-205$/)).toBeVisible();
  await expect(drawer.getByRole('cell', { name: '商业电价' })).toBeVisible();
  await page.keyboard.press('Escape');

  await switchLanguage(page, 'English');
  await expect(page.getByRole('tab', { name: 'Dorms' })).toBeVisible();
  await expect(page.getByText('3号楼 (36 rooms)')).toBeVisible();
  await snap(page, '82-dorm-rooms-en');
  await switchLanguage(page, '中文');
});
