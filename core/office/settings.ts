// Office settings (name, receipt header, idle timeout) as rows of the settings table.
import type { OfficeSettings } from '../../shared/api/types';
import type { Db } from '../db/open';

const DEFAULT_IDLE_MINUTES = 30;

export class SettingsStore {
  constructor(private readonly db: Db) {}

  private get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  private set(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  isSetUp(): boolean {
    return this.get('setup_completed_at') !== undefined;
  }

  markSetUp(at: Date): void {
    this.set('setup_completed_at', at.toISOString());
  }

  officeName(): string | null {
    return this.get('office_name') ?? null;
  }

  read(): OfficeSettings {
    return {
      officeName: this.get('office_name') ?? '',
      receiptHeader: this.get('receipt_header') ?? '',
      idleTimeoutMinutes: Number(this.get('idle_timeout_minutes') ?? DEFAULT_IDLE_MINUTES),
    };
  }

  write(changes: Partial<OfficeSettings>): OfficeSettings {
    if (changes.officeName !== undefined) this.set('office_name', changes.officeName);
    if (changes.receiptHeader !== undefined) this.set('receipt_header', changes.receiptHeader);
    if (changes.idleTimeoutMinutes !== undefined) {
      this.set('idle_timeout_minutes', String(changes.idleTimeoutMinutes));
    }
    return this.read();
  }
}
