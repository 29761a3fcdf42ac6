// Page objects for the screens the foundation has: setup wizard, sign-in, and the shell.
import type { Page } from '@playwright/test';

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'Admin1234' };

export async function completeSetup(page: Page, officeName = '万达广场物业服务中心') {
  await page.getByLabel('营业厅名称').fill(officeName);
  await page.getByLabel('票据抬头').fill('万达广场 预付费电费收据');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('登录名').fill(ADMIN.username);
  await page.getByLabel('姓名').fill(ADMIN.displayName);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '完成设置' }).click();
}

export async function signIn(
  page: Page,
  username: string,
  password: string,
  labels = { user: '登录名', password: '密码', submit: '登 录' },
) {
  await page.getByLabel(labels.user).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
}

export async function signOut(page: Page, labels = { menu: 'operator-menu', item: '退出登录' }) {
  await page.getByTestId(labels.menu).click();
  await page.getByRole('menuitem', { name: labels.item }).click();
}
