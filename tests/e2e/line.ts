// The office's RS485 line in the e2e: the office secret the simulated meters are keyed with (read
// from the host's database, as an installer's tool would load it), and the line set to a TCP
// serial gateway under 电表 → 通信设置.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export function officeSecret(dataDir: string): Buffer {
  const db = new Database(path.join(dataDir, 'powertill.sqlite3'), { readonly: true });
  try {
    return (db.prepare('SELECT secret FROM office_secret').get() as { secret: Buffer }).secret;
  } finally {
    db.close();
  }
}

/** 电表 (F4) → 通信设置: the line to the gateway on 127.0.0.1:`port`, with the meters' password. */
export async function connectGateway(page: Page, port: number, password?: string) {
  await page.keyboard.press('F4');
  await page.getByRole('button', { name: '通信设置' }).click();
  const settings = page.getByRole('dialog', { name: '通信设置' });
  await settings.getByText('TCP 串口服务器/网关').click();
  await settings.getByLabel('网关地址').fill('127.0.0.1');
  await settings.getByLabel('端口').fill(String(port));
  if (password) await settings.getByLabel('电表密码（权限 + 密码，8 位）').fill(password);
  await settings.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByTestId('meter-line-status')).toContainText(`127.0.0.1:${port}`);
}
