// A scheduled price change (调价) reaching three NK meters at its instant: until the instant the
// meters keep the old prices and nothing waits; from it the meters page lists all three waiting;
// pushed, two take it and one that does not answer stays listed with its last try; once it
// answers it is pushed too. Simulated DDSY1352-NK meters behind a TCP serial gateway run here.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { connectGateway, officeSecret } from './line';
import { expect, snap, test } from './fixtures';
import { chooseOption, minuteAhead, officeWithFlatTariff } from './pages';

const METERS = ['000000000161', '000000000162', '000000000163'];

test('a scheduled price change pushed to three meters, one silent until it answers', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  await officeWithFlatTariff(page, host.url);

  const secret = officeSecret(host.dataDir);
  const meters = METERS.map((a) => new NkMeter({ address: a }, meterRechargeKey(secret, a)));
  const bus = new TcpBus(meters);
  const port = await bus.listen();
  try {
    await connectGateway(page, port, '02123456');

    for (const [i, meterNo] of METERS.entries()) {
      await page.keyboard.press('F2');
      await page.getByRole('button', { name: '新建用户' }).click();
      const create = page.getByRole('dialog');
      await create.getByLabel('名称').fill(`商户${i + 1}`);
      await create.getByRole('button', { name: '保 存' }).click();
      await page.getByRole('button', { name: '开 户' }).click();
      const open = page.getByRole('dialog', { name: '开户' });
      await open.getByLabel('表号（12 位）').fill(meterNo);
      await open.getByLabel('表型').click();
      await chooseOption(page, 'DDSY1352-NK');
      await open.getByRole('button', { name: '保 存' }).click();
      await expect(page.getByText(`开户成功，账户号 0000000${i + 1}`)).toBeVisible();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }

    // The new accounts' meters take their prices.
    await page.keyboard.press('F4');
    const pushes = page.getByTestId('tariff-pushes');
    await expect(pushes).toContainText('3 块电表待下发新电价');
    await pushes.getByRole('button', { name: '立即下发' }).click();
    await expect(page.getByText('已下发 3 块，0 块未应答')).toBeVisible();
    await expect(pushes).toHaveCount(0);

    // 调价 to 0.92 from a minute between half a minute and a minute and a half ahead.
    await page.keyboard.press('F5');
    await page
      .getByRole('row', { name: /商业电价/ })
      .getByRole('button', { name: /^调\s?价$/ })
      .click();
    const schedule = page.getByRole('dialog', { name: '调价 — 商业电价' });
    const at = schedule.getByLabel('生效时间');
    await at.click();
    await at.fill(minuteAhead());
    await at.press('Enter');
    await schedule.getByLabel('电价（元/kWh）').fill('0.92');
    await schedule.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('已安排调价，生效前仍按现行电价售电')).toBeVisible();
    // Before the instant nothing waits.
    await expect(page.getByTestId('tariff-pushes')).toHaveCount(0);

    // From the instant every meter waits; the third does not answer.
    meters[2]!.faults = Array.from({ length: 200 }, () => 'silent' as const);
    await page.keyboard.press('F4');
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('tariff-pushes')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 150_000, intervals: [5_000] });
    // The poller may already have pushed the first two by itself: push whatever still waits.
    await page.getByTestId('tariff-pushes').getByRole('button', { name: '立即下发' }).click();
    await expect(page.getByText(/块未应答/)).toBeVisible();
    await expect(page.getByTestId('tariff-pushes')).toContainText('1 块电表待下发新电价');
    await page
      .getByTestId('tariff-pushes')
      .getByRole('button', { name: /^查\s?看$/ })
      .click();
    await expect(page.getByRole('row', { name: new RegExp(`${METERS[2]}.*未应答`) })).toBeVisible();
    await snap(page, '59-tariff-push-waiting');
    expect(meters.map((m) => m.state.ratePricesE4[2])).toEqual([9_200, 9_200, 8_500]);

    // It answers; pushed, nothing waits.
    meters[2]!.faults = [];
    await page.keyboard.press('Escape');
    await page.getByTestId('tariff-pushes').getByRole('button', { name: '立即下发' }).click();
    await expect(page.getByText('已下发 1 块，0 块未应答')).toBeVisible();
    await expect(page.getByTestId('tariff-pushes')).toHaveCount(0);
    expect(meters[2]!.state.ratePricesE4).toEqual([9_200, 9_200, 9_200, 9_200]);
  } finally {
    await bus.close();
  }
});
