// Tariffs in the browser: a supervisor creates a time-of-use tariff (尖峰平谷 with daily segments)
// and a stepped one, then schedules a price change (调价) that keeps the old prices until it starts.
import { expect, snap, test } from './fixtures';
import { chooseSegment, completeSetup } from './pages';

test('time-of-use and stepped tariffs, and a scheduled price change', async ({ page, host }) => {
  await page.goto(host.url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();
  await page.keyboard.press('F5');

  await page.getByRole('button', { name: '新建电价' }).click();
  const create = page.getByRole('dialog', { name: '新建电价' });
  await create.getByLabel('名称').fill('商业分时');
  await chooseSegment(create, '分时电价');
  await create.getByLabel('尖（元/kWh）').fill('1.2');
  await create.getByLabel('峰（元/kWh）').fill('1.0');
  await create.getByLabel('平（元/kWh）').fill('0.8');
  await create.getByLabel('谷（元/kWh）').fill('0.4');
  // The default day has every rate, the evening 尖 included.
  await expect(create.getByLabel('时段开始 6')).toHaveValue('19:00');
  await expect(create.getByLabel('时段开始 8')).toHaveValue('23:00');
  await snap(page, '20-tariff-tou');
  await create.getByRole('button', { name: '保 存' }).click();
  await expect(
    page.getByRole('cell', { name: /尖 1\.2000 \/ 峰 1\.0000 \/ 平 0\.8000 \/ 谷 0\.4000/ }),
  ).toBeVisible();
  // The day at a glance in the list: the evening 尖 among the segments.
  await expect(page.getByRole('img', { name: /尖 19:00–21:00/ })).toBeVisible();

  // A stepped tariff for the staff dormitory, with a monthly free allowance.
  await page.getByRole('button', { name: '新建电价' }).click();
  await create.getByLabel('名称').fill('阶梯宿舍');
  await chooseSegment(create, '阶梯电价');
  await create.getByLabel('阶梯上限 1').fill('100');
  await create.getByLabel('阶梯电价 1').fill('0.56');
  await create.getByRole('button', { name: '添加一档' }).click();
  await create.getByLabel('阶梯电价 2').fill('0.86');
  await create.getByLabel('每月免费电量').fill('20');
  await create.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByRole('cell', { name: '≤100.00 0.5600 / ∞ 0.8600' })).toBeVisible();

  await page
    .getByRole('row', { name: /商业分时/ })
    .getByRole('button', { name: /^调\s?价$/ })
    .click();
  const schedule = page.getByRole('dialog', { name: '调价 — 商业分时' });
  await expect(schedule.getByLabel('平（元/kWh）')).toHaveValue('0.8000');
  await schedule.getByLabel('平（元/kWh）').fill('0.85');
  await snap(page, '21-tariff-schedule');
  await schedule.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByText('已安排调价，生效前仍按现行电价售电')).toBeVisible();
  // The prices in force are unchanged until the change starts; the tariff now has two versions.
  const row = page.getByRole('row', { name: /商业分时/ });
  await expect(
    row.getByRole('cell', { name: '尖 1.2000 / 峰 1.0000 / 平 0.8000 / 谷 0.4000' }),
  ).toBeVisible();
  await expect(row.getByRole('cell', { name: '2', exact: true })).toBeVisible();

  // The tariff history report lists every version, the scheduled one marked as such.
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: '电价历史' }).click();
  await expect(page.getByRole('row', { name: /商业分时.*待生效.*平 0\.8500/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /商业分时.*现行.*平 0\.8000/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /阶梯宿舍.*现行/ })).toBeVisible();
  await snap(page, '22-tariff-history');
});
