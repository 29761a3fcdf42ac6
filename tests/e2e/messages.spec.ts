// Telling the tenant by SMS (issue 19), on a GSM modem at the far end of a socat pty pair (the
// simulated modem): the supervisor sets the modem's port and sees its SIM, network and signal;
// sends a test message, which the network reads back to the same text; edits the low-credit
// template with its preview counting the parts; and, the network reporting a message undelivered,
// finds it failed in the outbox and sends it again, delivered. Screenshots in both languages.
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { FakeAliyunSms } from '../../sim/gateway/fakeAliyunSms';
import { SimModem } from '../../sim/gsm/simModem';
import { ptyPair, socatMissing } from '../integration/ptys';
import { expect, snap, test } from './fixtures';
import { chooseSegment, officeWithFlatTariff, switchLanguage } from './pages';

test('SMS: the modem set, a test message, a template edited with its preview, a failed message sent again', async ({
  page,
  host,
}) => {
  // `npm test` installs socat (scripts/lib/system.mjs): without it this fails, saying so.
  expect(socatMissing()).toBeNull();
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-e2e-modem-'));
  const links = { office: path.join(dir, 'ttyModem'), device: path.join(dir, 'ttySim') };
  const pair = await ptyPair(links);
  const sim = new SimModem();
  await sim.open(pair.meters);
  try {
    await officeWithFlatTariff(page, host.url);
    await page.keyboard.press('F2');
    await page.getByRole('tab', { name: '短信' }).click();
    const panel = page.getByTestId('messages');
    await expect(panel.getByTestId('modem-status')).toContainText('未设置短信猫');

    // The modem's port; the card asks the modem at once.
    await chooseSegment(panel, '设置与测试');
    await panel.getByLabel('短信猫串口').fill(links.office);
    await panel.getByTestId('sms-settings').getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    await expect(panel.getByTestId('modem-status')).toContainText('CHINA MOBILE', {
      timeout: 15_000,
    });
    await expect(panel.getByTestId('modem-status')).toContainText('已注册');

    // A test message: the network reads back the same Chinese text.
    await panel.getByLabel('手机号').fill('139 1234 5678');
    await panel.getByRole('button', { name: '发送测试短信' }).click();
    await expect(page.getByText(/^(已发送|已送达)$/)).toBeVisible();
    await expect
      .poll(() => sim.messages.map((m) => [m.to, m.text]))
      .toEqual([['+8613912345678', '这是一条测试短信，收到说明短信猫工作正常。']]);
    await snap(page, '91-sms-settings');

    // The low-credit template, edited: the preview fills the sample and counts the parts.
    await chooseSegment(panel, '模板');
    const templates = panel.getByTestId('templates');
    const text = templates.getByLabel('模板内容');
    await text.fill('【{office}】{name}：电表 {meterNo} 余额 {balance} 元，请及时购电。');
    await expect(templates.getByTestId('template-preview')).toHaveText(
      '【万达广场物业】张三便利店：电表 000000000501 余额 8.50 元，请及时购电。',
    );
    await expect(templates.getByTestId('template-size')).toHaveText('共 46 字，1 条短信');
    await text.fill(`${'【{office}】{name}：余额 {balance} 元。'.repeat(4)}`);
    await expect(templates.getByTestId('template-size')).toContainText('2 条短信');
    await text.fill('【{office}】{name}：电表 {meterNo} 余额 {balance} 元，请及时购电。{nonsense}');
    await templates.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText(/\{nonsense\} 不是此类短信可用的变量/)).toBeVisible();
    await page.locator('.ant-notification-notice-close').click();
    await text.fill('【{office}】{name}：电表 {meterNo} 余额 {balance} 元，请及时购电。');
    await templates.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    await snap(page, '92-sms-template');

    // The network reports the next message undelivered: failed in the outbox; sent again.
    sim.reportStatus = 0x41;
    await chooseSegment(panel, '设置与测试');
    await panel.getByLabel('手机号').fill('13912345678');
    await panel.getByLabel('内容').fill('停电通知：明日 9:00–11:00 检修。');
    await panel.getByRole('button', { name: '发送测试短信' }).click();
    await chooseSegment(panel, '发件箱');
    const failed = panel.getByTestId('outbox').getByRole('row', { name: /停电通知/ });
    await expect(failed).toContainText('失败', { timeout: 15_000 });
    await expect(failed).toContainText('网络报告未送达');
    await snap(page, '93-sms-outbox-failed');
    sim.reportStatus = 0x00;
    await failed.getByRole('button', { name: '重 发' }).click();
    await expect(page.getByText('已重新排队发送')).toBeVisible();
    await expect(failed).toContainText('已送达', { timeout: 15_000 });
    expect(sim.messages.filter((m) => m.text.startsWith('停电通知'))).toHaveLength(2);

    // The internet SMS service as the way out: the secret is typed once and never shown again.
    const fake = new FakeAliyunSms('LTAI5tE2E', 'e2e-secret');
    await fake.start();
    try {
      await chooseSegment(panel, '设置与测试');
      const gateway = panel.getByTestId('gateway');
      await chooseSegment(gateway, '短信平台');
      await gateway.getByLabel('AccessKey ID').fill('LTAI5tE2E');
      await gateway.getByLabel('AccessKey Secret').fill('e2e-secret');
      await gateway.getByLabel('签名', { exact: true }).fill('万达物业');
      await gateway.getByLabel('服务地址').fill(fake.endpoint);
      await gateway.getByLabel('购电成功', { exact: true }).fill('SMS_100001');
      await gateway.getByRole('button', { name: '保 存' }).click();
      await expect(page.getByText('已保存')).toBeVisible();
      await expect(gateway.getByLabel('AccessKey Secret')).toHaveAttribute(
        'placeholder',
        '已保存；留空则不变',
      );
      await expect(gateway.getByLabel('AccessKey Secret')).toHaveValue('');
      // The saved account asked now: the service checks the request's signature with the secret.
      await gateway.getByRole('button', { name: '检查账号' }).click();
      await expect(page.getByText('短信平台已接受本营业厅的账号')).toBeVisible();
      await snap(page, '99-sms-gateway');
      await chooseSegment(gateway, '短信猫');
      await gateway.getByRole('button', { name: '保 存' }).click();
      await expect(page.getByText('已保存').first()).toBeVisible();
      await chooseSegment(panel, '发件箱');
    } finally {
      await fake.stop();
    }

    await switchLanguage(page, 'English');
    await expect(panel.getByTestId('outbox')).toContainText('Delivered');
    await snap(page, '94-sms-outbox-en');
    await chooseSegment(panel, 'Templates');
    await expect(panel.getByTestId('template-size')).toContainText('1 SMS');
    await snap(page, '95-sms-template-en');
  } finally {
    await sim.close();
    await pair.close();
  }
});
