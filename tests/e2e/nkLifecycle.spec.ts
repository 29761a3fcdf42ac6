// An NK meter's money kept whole through its account's life, as a supervisor works it: a remote
// recharge, the meter replaced (换表) with the balance taken off the old meter and preset onto the
// new one over the line, and the account closed (销户) with the new meter set to 0 and everything
// it held refunded on a printed voucher. Simulated DDSY1352-NK meters behind a TCP serial gateway
// run here, installed with the office's keys.
import fs from 'node:fs';
import path from 'node:path';
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { readPdf } from '../integration/pdf';
import { connectGateway, officeSecret } from './line';
import { expect, SCREENSHOTS, snap, test } from './fixtures';
import { chooseOption, officeWithFlatTariff } from './pages';

const OLD = '000000000161';
const NEW = '000000000170';

test('an NK account replaced onto a new meter and closed, its credit moved and refunded over the line', async ({
  page,
  host,
}) => {
  // Starts a host and a simulated line; about 22 s here: its own time, not the 60 s default.
  test.setTimeout(90_000);
  await officeWithFlatTariff(page, host.url);

  const secret = officeSecret(host.dataDir);
  const oldMeter = new NkMeter({ address: OLD, remainingFen: 0 }, meterRechargeKey(secret, OLD));
  const newMeter = new NkMeter(
    { address: NEW, remainingFen: 0, purchaseCount: 3, cumulativePurchasedFen: 20_000 },
    meterRechargeKey(secret, NEW),
  );
  const bus = new TcpBus([oldMeter, newMeter]);
  const port = await bus.listen();
  try {
    await connectGateway(page, port, '02123456');

    await page.keyboard.press('F2');
    await page.getByRole('button', { name: '新建用户' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('名称').fill('海底捞火锅');
    await create.getByRole('button', { name: '保 存' }).click();
    await page.getByRole('button', { name: '开 户' }).click();
    const open = page.getByRole('dialog', { name: '开户' });
    await open.getByLabel('表号（12 位）').fill(OLD);
    await open.getByLabel('表型').click();
    await chooseOption(page, 'DDSY1352-NK');
    await open.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('开户成功，账户号 00000001')).toBeVisible();
    await page.keyboard.press('Escape');

    // The new account's meter waits for its prices; the supervisor pushes them now.
    await page.keyboard.press('F4');
    const pushes = page.getByTestId('tariff-pushes');
    await expect(pushes).toContainText('1 块电表待下发新电价');
    await expect(page.getByRole('row', { name: new RegExp(`${OLD}.*待下发电价`) })).toBeVisible();
    await pushes.getByRole('button', { name: '立即下发' }).click();
    await expect(page.getByText('已下发 1 块，0 块未应答')).toBeVisible();
    await expect(pushes).toHaveCount(0);
    expect(oldMeter.state.ratePricesE4).toEqual([8_500, 8_500, 8_500, 8_500]);

    await page.keyboard.press('F1');
    const search = page.getByRole('searchbox');
    await search.fill('hdl');
    await expect(page.getByRole('option', { name: /海底捞火锅/ })).toBeVisible();
    await search.press('Enter');
    const amount = page.getByLabel('售电金额（元）');
    await amount.fill('200');
    await amount.press('Enter');
    await expect(page.getByRole('dialog', { name: '确认售电' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByText(/远程充值成功，电表已确认，票据号 00000001/)).toBeVisible();
    // The tenant uses 30 yuan before the meter fails.
    oldMeter.state.remainingFen = 17_000;

    // 换表: the old meter gives its 170 yuan back over the line, the new one is preset with it.
    await page.keyboard.press('F2');
    await page.getByRole('row', { name: /海底捞火锅/ }).click();
    await page.getByRole('button', { name: '账户操作' }).click();
    await page.getByRole('menuitem', { name: '换表' }).click();
    const replace = page.getByRole('dialog', { name: '换表 — 账户 00000001' });
    await expect(replace.getByText('电表在 RS485 线路上')).toBeVisible();
    await replace.getByLabel('原因').fill('电表显示故障');
    await replace.getByLabel('新表表号（12 位）').fill(NEW);
    await replace.getByLabel('旧表最终读数').fill('85.3');
    await replace.getByRole('button', { name: '确认换表' }).click();
    await expect(
      page
        .getByRole('dialog')
        .filter({ hasText: `已结转 ¥170.00 到新表 ${NEW}，已通过线路预置到新表` }),
    ).toBeVisible();
    await snap(page, '57-nk-meter-replaced');
    expect(oldMeter.state.remainingFen).toBe(0);
    expect(newMeter.state).toMatchObject({ remainingFen: 17_000, purchaseCount: 3 });
    await page
      .getByRole('dialog')
      .filter({ hasText: '换表已登记' })
      .getByRole('button', { name: '关 闭' })
      .click();

    // 销户: the new meter set to 0 over the line, what it held refunded and printed.
    newMeter.state.remainingFen = 16_550;
    await page.getByRole('button', { name: '账户操作' }).click();
    await page.getByRole('menuitem', { name: '销户' }).click();
    const close = page.getByRole('dialog', { name: '销户 — 账户 00000001' });
    await expect(close.getByText('通过 RS485 线路把电表余额清零')).toBeVisible();
    await close.getByLabel('原因').fill('退租');
    await close.getByLabel('最终读数').fill('12.5');
    await close.getByRole('button', { name: '确认销户' }).click();
    await expect(
      page.getByRole('dialog').filter({ hasText: '已退 ¥165.50，退费凭证号 00000002。' }),
    ).toBeVisible();
    await snap(page, '58-nk-account-closed');
    expect(newMeter.state.remainingFen).toBe(0);
    const [voucher] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '打印退费凭证' }).click(),
    ]);
    const file = path.join(SCREENSHOTS, 'nk-closing-voucher.pdf');
    await voucher.saveAs(file);
    const { text } = readPdf(fs.readFileSync(file).toString('base64'));
    expect(text).toContain('销户退费');
    expect(text).toMatch(/表内余额\s+¥165\.50（线路读表/);
    expect(text).toContain('退费金额已通过 RS485 线路从电表中扣除');
    expect(text).not.toContain('清零卡');
    expect(text).toContain(NEW);
  } finally {
    await bus.close();
  }
});
