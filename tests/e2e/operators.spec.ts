import { expect, snap, test } from './fixtures';
import { completeSetup, signIn, signOut } from './pages';

test('an admin adds a cashier, who must replace the initial password at first sign-in', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();

  await page.keyboard.press('F9');
  await page.getByRole('button', { name: '新增操作员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('登录名').fill('li');
  await dialog.getByLabel('姓名').fill('李小红');
  await dialog.getByLabel('初始密码').fill('weak');
  await dialog.getByRole('button', { name: '保 存' }).click();
  await expect(dialog.getByText('至少 8 位，须同时包含字母和数字。').first()).toBeVisible();
  await dialog.getByLabel('初始密码').fill('Initial123');
  await dialog.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByRole('cell', { name: '李小红' })).toBeVisible();
  await expect(page.getByRole('row', { name: /李小红/ }).getByText('待改密码')).toBeVisible();
  await snap(page, '07-operators');

  await signOut(page);
  await signIn(page, 'li', 'Initial123');
  const change = page.getByRole('dialog', { name: '修改密码' });
  await expect(change.getByText('首次登录，请先修改初始密码。')).toBeVisible();
  await snap(page, '08-forced-password-change');
  await change.getByLabel('当前密码').fill('Initial123');
  await change.getByLabel('新密码', { exact: true }).fill('Cashier2026');
  await change.getByLabel('确认新密码').fill('Cashier2026');
  // Enter saves, as it signs in.
  await change.getByLabel('确认新密码').press('Enter');
  await expect(change).toBeHidden();

  // A cashier sees the selling sections, not operator management.
  await expect(page.getByRole('menuitem', { name: /售电/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /操作员/ })).toHaveCount(0);
  await expect(page.getByTestId('operator-menu')).toContainText('收费员');
});
