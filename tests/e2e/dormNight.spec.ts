// A night of time control in a dorm building: a supervisor opens 12 rooms from the installer's
// sheet (a typo refused row by row first) on a simulated ADF300 box, each room on a lighting, a
// sockets and an air-conditioning circuit, pushes lights-out to
// the lighting circuits from the week grid (painting the weekend's small hours on as well), and
// the box — on the office's line through a TCP gateway, its clock run by the test — puts the
// lights out at 23:00 and back on at 06:30, which the room's 控制参数 tab reads from the box. A
// room is then forced off in the evening. Screenshots in both languages.
import { expect, snap, test } from './fixtures';
import { officeWithFlatTariff, switchLanguage } from './pages';
import { connectGateway, officeSecret } from './line';
import { AdfBox } from '../../sim/rs485/adfBox';
import { TcpBus } from '../../sim/rs485/tcpBus';

const BOX = '000000410000';

test('a dorm building from the sheet to a night of time control', async ({ page, host }) => {
  // A host, a line and a batch over 12 circuits: its own time, not the 60 s default.
  test.setTimeout(180_000);
  await officeWithFlatTariff(page, host.url);
  const box = new AdfBox(BOX, 36, officeSecret(host.dataDir));
  const bus = new TcpBus(box.circuits);
  const port = await bus.listen();
  try {
    await connectGateway(page, port, '02123456');

    await page.keyboard.press('F2');
    await page.getByRole('tab', { name: '宿舍' }).click();
    await page.getByRole('button', { name: '新建校区' }).click();
    await page.getByRole('dialog').getByLabel('校区名称').fill('南校区');
    await page.getByRole('dialog').getByRole('button', { name: '保 存' }).click();
    await page.getByRole('button', { name: '新建楼栋' }).click();
    await page.getByRole('dialog').getByLabel('楼栋名称').fill('5号楼');
    await page.getByRole('dialog').getByRole('button', { name: '保 存' }).click();
    await expect(page.getByText('5号楼（0 间）')).toBeVisible();

    // The installer's sheet: a row per circuit, each room on a lighting, a sockets and an
    // air-conditioning circuit side by side. The first try has a typo in one row.
    const sheet = (typo: boolean) => {
      const rows = Array.from({ length: 12 }, (_, room) =>
        ['照明', '插座', '空调'].map((purpose, j) => {
          const floor = 1 + Math.floor(room / 6);
          const use = typo && room === 4 && j === 2 ? '空凋' : purpose;
          return `${floor},${floor}0${(room % 6) + 1},4,${BOX},${room * 3 + j + 1},${use}`;
        }),
      ).flat();
      return Buffer.from(`\ufeff楼层,房号,床位,计量箱表号,回路,用途\r\n${rows.join('\r\n')}\r\n`);
    };
    await page.getByRole('button', { name: '从表格开户' }).click();
    const importing = page.getByRole('dialog', { name: '从表格开户 — 5号楼' });
    const pick = (typo: boolean) =>
      importing
        .locator('input[type=file]')
        .setInputFiles({ name: '5号楼.csv', mimeType: 'text/csv', buffer: sheet(typo) });
    await pick(true);
    await expect(importing.getByText('发现 1 处问题，未导入任何数据。')).toBeVisible();
    await expect(importing.getByRole('row', { name: /^16 用途 “空凋”无效。/ })).toBeVisible();
    await snap(page, '82a-dorm-sheet-errors');
    await pick(false);
    await expect(importing.getByText('检查通过：36 行，12 间房，36 个回路。')).toBeVisible();
    await importing.getByRole('button', { name: '导入 36 行' }).click();
    await expect(importing.getByText('已开户 12 间房，36 个回路。')).toBeVisible();
    await importing.getByRole('button', { name: '关 闭' }).click();
    await expect(page.getByText('5号楼（12 间）')).toBeVisible();
    await expect(
      page.getByRole('row', { name: / 101 \d+ \/ \d+ .*照明 1，插座 2，空调 3/ }),
    ).toBeVisible();

    // Lights-out for the lighting circuits, from the week grid.
    await page.getByRole('button', { name: '下发控制参数' }).click();
    const push = page.getByRole('dialog', { name: '下发控制参数 — 5号楼' });
    await expect(push.getByText('工作日 06:30–23:00；节假日 06:30–24:00')).toBeVisible();
    // Saturday's (and so Sunday's) first hour painted on: press on 00:00, drag to 00:30.
    await push.locator('[data-cell="5-0"]').hover();
    await page.mouse.down();
    await push.locator('[data-cell="5-1"]').hover();
    await page.mouse.up();
    await expect(push.getByText('节假日 00:00–01:00，06:30–24:00')).toBeVisible();
    await expect(push.locator('[data-cell="6-1"]')).toHaveAttribute('aria-selected', 'true');
    await expect(push.locator('[data-cell="4-1"]')).toHaveAttribute('aria-selected', 'false');
    await push.getByLabel('原因').fill('熄灯管理');
    await snap(page, '83-dorm-week-grid');
    await push.getByRole('button', { name: '下 发' }).click();
    await expect(push.getByText('成功 12，失败 0，共 12 块表')).toBeVisible({ timeout: 30_000 });
    await snap(page, '84-dorm-controls-pushed');
    await push.getByRole('button', { name: '关 闭' }).click();
    expect(box.circuit(1).controls.get('04A10001')).toBe(1);
    expect(box.circuit(2).controls.get('04A10001')).toBe(0);

    // The night: 22:59 on a Monday, then 23:00.
    for (const c of box.circuits) c.state.remainingFen = 5_000;
    box.setClock('2026-12-07 22:59:00');
    box.advance(1);
    await page.getByRole('row', { name: / 101 \d+ \/ \d+ / }).click();
    const drawer = page.getByRole('dialog', { name: /5号楼-101/ });
    // Who lives there: two students move in.
    await drawer.getByRole('tab', { name: '学生' }).click();
    await drawer.getByPlaceholder('姓名').fill('张伟');
    await drawer.getByPlaceholder('学号').fill('2026001');
    await drawer.getByPlaceholder('床位').fill('1');
    await drawer.getByRole('button', { name: '登记入住' }).click();
    await expect(drawer.getByRole('row', { name: /^1 张伟 2026001/ })).toBeVisible();
    await drawer.getByPlaceholder('姓名').fill('李娜');
    await drawer.getByPlaceholder('学号').fill('2026002');
    await drawer.getByRole('button', { name: '登记入住' }).click();
    await expect(drawer.getByRole('row', { name: /李娜 2026002/ })).toBeVisible();
    await snap(page, '84a-dorm-students');
    await drawer.getByRole('tab', { name: '控制参数' }).click();
    await drawer.getByRole('button', { name: '读取电表箱参数' }).click();
    const lighting = drawer.getByRole('row', { name: /^照明 1 / });
    await expect(lighting).toContainText('断电');
    await expect(lighting).toContainText('按星期');
    await expect(drawer.getByRole('row', { name: /^插座 2 / })).toContainText('通电');
    await snap(page, '85-dorm-lights-out');
    box.advance(7 * 60 + 30); // 06:30
    await drawer.getByRole('button', { name: '读取电表箱参数' }).click();
    await expect(lighting).toContainText('通电');

    // The evening after: room 101 forced off, all its circuits, past its time table.
    box.setClock('2026-12-08 20:00:00');
    await drawer.getByRole('button', { name: '强制断电' }).click();
    const asking = page.getByRole('dialog', { name: '强制断电 — 5号楼-101' });
    await asking.getByLabel('原因').fill('宿舍安全检查');
    await asking.getByRole('button', { name: '发送命令' }).click();
    await expect(drawer.getByText('成功 3，失败 0，共 3 块表')).toBeVisible({ timeout: 20_000 });
    box.advance(1);
    await drawer.getByRole('button', { name: '读取电表箱参数' }).click();
    await expect(lighting).toContainText('强制断电');
    await expect(drawer.getByRole('row', { name: /^空调 3 / })).toContainText('断电');
    expect(box.circuit(4).state.relay).toBe('closed');

    await page.keyboard.press('Escape');

    // 校历: a holiday on a weekday; the dorm circuits take the holiday table that day.
    await page.getByRole('button', { name: '校历' }).click();
    const calendar = page.getByRole('dialog', { name: /^校历/ });
    const day = new Date(Date.now() + 8 * 3_600_000);
    day.setUTCDate(28);
    const title = day.toISOString().slice(0, 10);
    await calendar.locator(`td[title="${title}"]`).click();
    const marking = page.getByRole('dialog', { name: title });
    await marking.getByText('节假日', { exact: true }).click();
    await marking.getByLabel('说明（如：国庆节、运动会）').fill('运动会');
    await marking.getByRole('button', { name: '保 存' }).click();
    await expect(calendar.locator(`td[title="${title}"]`)).toContainText('假');
    await snap(page, '88-dorm-calendar');
    await page.keyboard.press('Escape');

    // The building's report by floor for the month.
    await page.getByRole('tab', { name: '报表' }).click();
    await expect(page.getByRole('row', { name: /^合计 12 / })).toBeVisible();
    await expect(page.getByRole('row', { name: /^1 层 6 / })).toBeVisible();
    await snap(page, '89-dorm-report');
    await page.getByRole('tab', { name: '房间' }).click();

    // 退宿 of room 106 (nothing left on its circuits), then opened again for its next students.
    for (const n of [16, 17, 18]) box.circuit(n).state.remainingFen = 0;
    const room106 = page.getByRole('row', { name: / 106 \d+ \/ \d+ / });
    await room106.getByRole('checkbox').check();
    await page.getByRole('button', { name: '退 宿' }).click();
    const moving = page.getByRole('dialog', { name: '退宿 — 5号楼' });
    await expect(moving.getByText(/所选 1 间房将逐个回路抄表、销户/)).toBeVisible();
    await moving.getByRole('button', { name: '开始退宿' }).click();
    await expect(moving.getByText('成功 3，失败 0，共 3 块表')).toBeVisible({ timeout: 30_000 });
    await snap(page, '90-dorm-move-out');
    await moving.getByRole('button', { name: '关 闭' }).click();
    await expect(room106).toContainText('空置');
    await page.getByRole('button', { name: '重新开户（1 间）' }).click();
    await page
      .getByRole('dialog', { name: '重新开户 — 5号楼' })
      .getByRole('button', { name: '保 存' })
      .click();
    await expect(page.getByText('已重新开户 1 间')).toBeVisible();
    await expect(room106).toContainText('正常');

    await switchLanguage(page, 'English');
    await page.getByRole('row', { name: / 101 \d+ \/ \d+ / }).click();
    await drawer.getByRole('tab', { name: 'Controls' }).click();
    await drawer.getByRole('button', { name: 'Read from the box' }).click();
    await expect(drawer.getByRole('row', { name: /^Lighting 1 / })).toContainText('Forced off');
    await snap(page, '86-dorm-room-controls-en');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Push controls' }).click();
    await expect(page.getByRole('dialog', { name: 'Push controls — 5号楼' })).toBeVisible();
    await snap(page, '87-dorm-week-grid-en');
    await page.keyboard.press('Escape');
    await switchLanguage(page, '中文');
  } finally {
    await bus.close();
  }
});
