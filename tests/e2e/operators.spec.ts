import { expect, snap, test } from './fixtures';
import { addOperator, completeSetup, firstSignIn, signIn, signOut } from './pages';

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

test('an admin withholds selling from one cashier and grants inspection; the roles have their own sets', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();

  await addOperator(page, { username: 'zhao', name: '赵小燕' });

  const row = page.getByRole('row', { name: /赵小燕/ });
  await row.getByRole('button', { name: '权限' }).click();
  const own = page.getByRole('dialog', { name: /赵小燕.*的权限/ });
  // The role's set has loaded: each row says what the role gives.
  await expect(own.getByText('✓').first()).toBeVisible();
  await own.getByRole('checkbox', { name: '售电、发卡与打印收据' }).uncheck();
  await own.getByRole('checkbox', { name: '用电检查（稽查）' }).check();
  await expect(own.getByText('已收回', { exact: true })).toBeVisible();
  await expect(own.getByText('另行授予', { exact: true })).toBeVisible();
  await snap(page, '07b-operator-permissions');
  await own.getByRole('button', { name: '保 存' }).click();
  await expect(own).toBeHidden();
  await expect(row.getByText('2 项例外')).toBeVisible();

  // The roles' sets: the administrator's own hold on operators cannot be taken away here.
  await page.getByRole('button', { name: '角色权限' }).click();
  const roles = page.getByRole('dialog', { name: '角色权限' });
  await expect(roles.getByRole('checkbox', { name: '管理员 · 操作员与权限' })).toBeDisabled();
  await roles.getByRole('checkbox', { name: '收费员 · 查看与导出报表' }).uncheck();
  await snap(page, '07c-role-permissions');
  await roles.getByRole('button', { name: '保 存' }).click();
  await expect(roles).toBeHidden();

  // The same screens in English.
  await page.getByText('English', { exact: true }).click();
  await row.getByRole('button', { name: 'Permissions' }).click();
  const ownEn = page.getByRole('dialog', { name: /Permissions of/ });
  await expect(ownEn.getByText('granted', { exact: true })).toBeVisible();
  await snap(page, '07d-operator-permissions-en');
  await ownEn.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('中文', { exact: true }).click();

  await signOut(page);
  await firstSignIn(page, 'zhao', 'Cashier2026');

  // Without selling, no till; granted inspection, its section; the role no longer reports.
  await expect(page.getByRole('menuitem', { name: /用电检查/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /售电/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: /报表/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: /操作员/ })).toHaveCount(0);
});
