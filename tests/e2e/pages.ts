// Page objects for the screens the foundation has: setup wizard, sign-in, and the shell.
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The cards page's 读卡 button. Its name may keep antd's "loading" icon a while after a read has
 * finished (the icon's leave animation, seen under a busy CPU) though the button is idle and
 * takes the click: both names are the button.
 */
export const READ_CARD = /^(loading )?读\s?卡$/;

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

/** Adds an operator on the operators page (F9) with the initial password `Initial123`. */
export async function addOperator(
  page: Page,
  operator: { username: string; name: string; role?: '收费员' | '主管' | '管理员' },
) {
  await page.keyboard.press('F9');
  await page.getByRole('button', { name: '新增操作员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('登录名').fill(operator.username);
  await dialog.getByLabel('姓名').fill(operator.name);
  if (operator.role && operator.role !== '收费员') {
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').getByText(operator.role, { exact: true }).click();
  }
  await dialog.getByLabel('初始密码').fill('Initial123');
  await dialog.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByRole('cell', { name: operator.name })).toBeVisible();
}

/** A new operator's first sign-in: the initial password, replaced at once (Enter saves). */
export async function firstSignIn(page: Page, username: string, password: string) {
  await signIn(page, username, 'Initial123');
  const change = page.getByRole('dialog', { name: '修改密码' });
  await change.getByLabel('当前密码').fill('Initial123');
  await change.getByLabel('新密码', { exact: true }).fill(password);
  await change.getByLabel('确认新密码').fill(password);
  await change.getByLabel('确认新密码').press('Enter');
  await expect(change).toBeHidden();
}

export async function signOut(page: Page, labels = { menu: 'operator-menu', item: '退出登录' }) {
  // On a loaded machine a click can land while the menu is still opening and be lost: open it
  // and choose the item again until the menu has closed on it.
  const item = page.getByRole('menuitem', { name: labels.item });
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByTestId(labels.menu).click();
    await item.click({ timeout: 2_000 });
    await expect(item).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Confirms the open confirmation popover (挂失, 补卡, 发卡 …). On a loaded machine a click can
 * land while the popover is still opening, or on the last one's button as it fades: confirm
 * again until no popover is left open.
 */
export async function confirmPopover(page: Page) {
  const popover = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
  await expect(async () => {
    if ((await popover.count()) > 0)
      await popover.getByRole('button', { name: /^(OK|确\s?定)$/ }).click({ timeout: 2_000 });
    await expect(popover).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** A new office: the first-run wizard, in, and the flat tariff every account opens on. */
export async function officeWithFlatTariff(page: Page, url: string) {
  await page.goto(url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();
  await createFlatTariff(page);
  await expect(page.getByRole('cell', { name: '0.8500' })).toBeVisible();
}

/** 电价 (F5): a flat tariff "商业电价" at 0.85 yuan/kWh, as a supervisor sets it up. */
export async function createFlatTariff(page: Page) {
  await page.keyboard.press('F5');
  await page.getByRole('button', { name: '新建电价' }).click();
  await page.getByLabel('名称').fill('商业电价');
  await page.getByLabel('电价（元/kWh）').fill('0.85');
  await page.getByRole('button', { name: '保 存' }).click();
}

/**
 * 用户 (F2): a new customer and 开户 on a card meter; then, with a blank card on the reader,
 * 发卡. Leaves the customer's drawer open.
 */
export async function openAccountAndIssueCard(page: Page, name: string, meterNo: string) {
  await openAccount(page, name, meterNo);
  await page.getByRole('button', { name: /^发\s?卡$/ }).click();
  await confirmPopover(page);
}

/** A new customer with an account on a new card meter, from the customers page; no card yet. */
export async function openAccount(page: Page, name: string, meterNo: string) {
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: '新建用户' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('名称').fill(name);
  await create.getByRole('button', { name: '保 存' }).click();
  await page.getByRole('button', { name: '开 户' }).click();
  const open = page.getByRole('dialog', { name: '开户' });
  await open.getByLabel('表号（12 位）').fill(meterNo);
  await open.getByRole('button', { name: '保 存' }).click();
  await page.getByText(/开户成功，账户号/).waitFor();
}

/** The 中文 / English switch in the header (or under the sign-in card), not a page's own choice. */
export async function switchLanguage(page: Page, to: '中文' | 'English') {
  await page
    .locator('.ant-segmented')
    .filter({ hasText: 'English' })
    // The header's comes first; a settings page may carry a language choice of its own.
    .first()
    .getByText(to, { exact: true })
    .click();
}

/**
 * Picks an option from the drop-down a select has just opened. Looked for only inside the open
 * drop-down: a bare title search can land, before the list has rendered, on anything else on the
 * page whose title holds the same words (an alert naming the operation, a clipped cell).
 */
export async function chooseOption(page: Page, label: string) {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(label, { exact: true })
    .click();
}

/**
 * Picks a segment of an antd Segmented control and waits until it is the checked one: on a busy
 * machine a click that lands while the control's thumb is still sliding can be lost.
 */
export async function chooseSegment(within: Locator, label: string) {
  await expect(async () => {
    await within.getByText(label, { exact: true }).click();
    await expect(within.getByRole('radio', { name: label })).toBeChecked({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * "YYYY-MM-DD HH:mm" in the browser's time (the date picker's) of a whole minute at least half a
 * minute ahead: the office refuses a price change that starts in the past, and filling the form
 * on a busy machine takes seconds, so "the next minute" alone could have passed by the save.
 */
export function minuteAhead(): string {
  const d = new Date(Date.now() + 90_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
