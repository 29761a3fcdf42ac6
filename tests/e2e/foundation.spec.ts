import { expect, snap, test } from './fixtures';
import { ADMIN, completeSetup, signIn, signOut, switchLanguage } from './pages';

test('first run, sign in, switch to English and back, sign out', async ({ page, host }) => {
  await page.goto(host.url);
  // The launch token leaves the address bar once the page has it.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByText('首次使用设置')).toBeVisible();
  await snap(page, '01-setup-office');

  await completeSetup(page);
  await expect(page.getByText('设置完成')).toBeVisible();
  await expect(
    page.getByText(/指纹 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/),
  ).toBeVisible();
  await snap(page, '02-setup-done');
  await page.getByRole('button', { name: '进入系统' }).click();

  await expect(page.getByRole('menuitem', { name: /售电/ })).toBeVisible();
  await expect(page.getByTestId('status-reader')).toContainText('读卡器');
  await expect(page.getByTestId('status-bus')).toContainText('RS485');
  await snap(page, '03-shell-zh');

  await signOut(page);
  await expect(page.getByText('已退出登录。')).toBeVisible();
  await snap(page, '04-login-zh');

  await signIn(page, ADMIN.username, 'wrong-pass1');
  await expect(
    page.getByText('登录名或密码错误，还可再试 4 次，之后将锁定 5 分钟。'),
  ).toBeVisible();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('menuitem', { name: /售电/ })).toBeVisible();

  await switchLanguage(page, 'English');
  await expect(page.getByRole('menuitem', { name: /Sales/ })).toBeVisible();
  await expect(page.getByTestId('status-reader')).toContainText('Card reader');
  await snap(page, '05-shell-en');

  // The choice persists across a reload.
  await page.reload();
  await expect(page.getByRole('menuitem', { name: /Sales/ })).toBeVisible();

  await switchLanguage(page, '中文');
  await expect(page.getByRole('menuitem', { name: /售电/ })).toBeVisible();

  await signOut(page);
  await expect(page.getByRole('button', { name: '登 录' })).toBeVisible();
});

test('function keys open the sections', async ({ page, host }) => {
  await page.goto(host.url);
  await completeSetup(page);
  await page.getByRole('button', { name: '进入系统' }).click();
  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: '操作员管理' })).toBeVisible();
  await page.keyboard.press('F8');
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.getByTestId('secret-fingerprint')).toHaveText(/^[0-9A-F]{4}-/);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/已备份：powertill-manual-/)).toBeVisible();
  await expect(page.getByRole('row', { name: /手动/ })).toBeVisible();
  // The backup is in the audit records, newest first, in words (not the method's name).
  await expect(page.getByRole('row', { name: /admin 备份 完成/ })).toBeVisible();
  await expect(page.getByText('backups.create')).toHaveCount(0);
  // The chain check, then against the head it shows, as if typed from a daily report.
  await page.getByRole('button', { name: '校验审计链' }).click();
  const head = page.getByText(/当前链头：第 \d+ 条 · [0-9A-F]{8}/);
  await expect(head).toBeVisible();
  const [, seq, code] = /第 (\d+) 条 · ([0-9A-F]{8})/.exec((await head.textContent()) ?? '')!;
  await page.getByLabel('纸面链号（可选）').fill(seq!);
  await page.getByLabel('校验码（8 位）').fill(code!);
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByText(new RegExp(`并与纸面第 ${seq} 条一致`))).toBeVisible();
  await page.getByText('审计记录').scrollIntoViewIfNeeded();
  await snap(page, '06b-audit');
  // Restoring shows what the backup holds, read from it after its seal was checked.
  await page.getByRole('row', { name: /手动/ }).getByRole('button', { name: '恢复' }).click();
  const preview = page.getByRole('dialog');
  await expect(preview.getByText('万达广场物业服务中心')).toBeVisible();
  await expect(preview.getByText(/admin · 管理员/)).toBeVisible();
  await expect(preview.getByText('尚无售电')).toBeVisible();
  await snap(page, '06c-restore-preview');
  await preview.getByRole('button', { name: '取 消' }).click();
  await page.getByText('数据备份').scrollIntoViewIfNeeded();
  await snap(page, '06-settings');
  await page.keyboard.press('F7');
  await expect(page.getByRole('heading', { name: '用电检查' })).toBeVisible();
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: '电表' })).toBeVisible();
  await page.keyboard.press('F1');
  await expect(page.getByRole('heading', { name: '售电' })).toBeVisible();
});
