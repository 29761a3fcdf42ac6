// Office settings (name, receipt header, idle timeout, sales and cash rules) as rows of the settings table.
import type { OfficeSettings } from '../../shared/api/types';
import {
  RECEIPT_LAYOUTS,
  receiptFormSchema,
  type PrintingSettings,
  type ReceiptLayoutName,
} from '../../shared/api/printing';
import { meterLineSchema, type MeterLineConfig } from '../../shared/api/meterLink';
import { DEFAULT_FORM_LAYOUT } from '../../shared/receiptForm';
import { prepared, type Db } from '../db/open';
import { DEFAULT_OUTBOX_RULES, type OutboxRules } from '../messages/outbox';
import {
  DEFAULT_DISPLAY_SETTINGS,
  displaySettingsSchema,
  type DisplaySettings,
} from '../../shared/api/display';
import { DEFAULT_TEMPLATES, type TemplateKind } from '../../shared/sms/templates';

export interface SmsGatewaySettings {
  accessKeyId: string;
  /** The AccessKey secret sealed under the office secret (core/messages/gatewayAccount.ts). */
  sealedSecret: string;
  signName: string;
  endpoint: string;
  templateCodes: Partial<Record<TemplateKind, string>>;
}

type NumberSetting =
  | 'idleTimeoutMinutes'
  | 'minSaleFen'
  | 'maxSaleFen'
  | 'hoardingLimitFen'
  | 'cardIssueFeeFen'
  | 'cardReissueFeeFen'
  | 'handoverToleranceFen'
  | 'billingOverdraftFen';

/** Defaults an office can change: sign out after 30 idle minutes; sales from 1.00 to 10,000.00
 * yuan; at most 5,000.00 yuan of credit held per meter; no card fee until the office sets one;
 * a hand-over may be 10.00 yuan off before a supervisor must approve it. */
const NUMBER_DEFAULTS: Record<NumberSetting, number> = {
  idleTimeoutMinutes: 30,
  minSaleFen: 100,
  maxSaleFen: 1_000_000,
  hoardingLimitFen: 500_000,
  cardIssueFeeFen: 0,
  cardReissueFeeFen: 0,
  handoverToleranceFen: 1_000,
  // 主站计费: an office-billed meter is tripped when its balance reaches zero, unless the office
  // allows some overdraft.
  billingOverdraftFen: 0,
};
const NUMBER_KEYS: Record<NumberSetting, string> = {
  idleTimeoutMinutes: 'idle_timeout_minutes',
  minSaleFen: 'min_sale_fen',
  maxSaleFen: 'max_sale_fen',
  hoardingLimitFen: 'hoarding_limit_fen',
  cardIssueFeeFen: 'card_issue_fee_fen',
  cardReissueFeeFen: 'card_reissue_fee_fen',
  handoverToleranceFen: 'handover_tolerance_fen',
  billingOverdraftFen: 'billing_overdraft_fen',
};
const NUMBER_SETTINGS = Object.keys(NUMBER_DEFAULTS) as NumberSetting[];

export class SettingsStore {
  constructor(private readonly db: Db) {}

  private get(key: string): string | undefined {
    const row = prepared<{ value: string }>(
      this.db,
      'SELECT value FROM settings WHERE key = ?',
    ).get(key);
    return row?.value;
  }

  private set(key: string, value: string): void {
    prepared(
      this.db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
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

  /**
   * Every setting in one statement: read() is asked twice by each sale (the session's idle
   * timeout, the sale's rules), and a statement per key was a tenth of a sale's time.
   */
  private all(): Map<string, string> {
    const rows = prepared<{ key: string; value: string }>(
      this.db,
      'SELECT key, value FROM settings',
    ).all();
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  read(): OfficeSettings {
    const stored = this.all();
    const numbers = Object.fromEntries(
      NUMBER_SETTINGS.map((name) => [
        name,
        Number(stored.get(NUMBER_KEYS[name]) ?? NUMBER_DEFAULTS[name]),
      ]),
    ) as Record<NumberSetting, number>;
    return {
      officeName: stored.get('office_name') ?? '',
      receiptHeader: stored.get('receipt_header') ?? '',
      ...numbers,
      // Off until the office turns it on: a cashier reverses their own sales of the day alone.
      reversalNeedsApproval: stored.get('reversal_needs_approval') === '1',
    };
  }

  write(changes: Partial<OfficeSettings>): OfficeSettings {
    if (changes.officeName !== undefined) this.set('office_name', changes.officeName);
    if (changes.receiptHeader !== undefined) this.set('receipt_header', changes.receiptHeader);
    for (const name of NUMBER_SETTINGS) {
      const value = changes[name];
      if (value !== undefined) this.set(NUMBER_KEYS[name], String(value));
    }
    if (changes.reversalNeedsApproval !== undefined)
      this.set('reversal_needs_approval', changes.reversalNeedsApproval ? '1' : '0');
    return this.read();
  }

  /** Receipt paper, printer and pre-printed form positions (打印设置). */
  printing(): PrintingSettings {
    const layout = this.get('receipt_layout');
    const stored = this.get('receipt_form');
    // A form saved by an older or newer version that no longer fits the schema falls back to
    // the default positions rather than printing garbage; the supervisor sees them and adjusts.
    const form = stored ? receiptFormSchema.safeParse(JSON.parse(stored)) : null;
    return {
      receiptLayout: RECEIPT_LAYOUTS.includes(layout as ReceiptLayoutName)
        ? (layout as ReceiptLayoutName)
        : 'thermal80',
      receiptPrinter: this.get('receipt_printer') || null,
      // On unless the office turned it off: a till with a printer prints without being asked.
      autoPrint: this.get('auto_print') !== '0',
      // Chinese unless the office chose English: tenants and the tax office read Chinese receipts.
      receiptLanguage: this.get('receipt_language') === 'en' ? 'en' : 'zh-CN',
      form: form?.success ? form.data : DEFAULT_FORM_LAYOUT,
    };
  }

  writePrinting(changes: Partial<PrintingSettings>): PrintingSettings {
    if (changes.receiptLayout !== undefined) this.set('receipt_layout', changes.receiptLayout);
    if (changes.receiptPrinter !== undefined)
      this.set('receipt_printer', changes.receiptPrinter ?? '');
    if (changes.form !== undefined) this.set('receipt_form', JSON.stringify(changes.form));
    if (changes.autoPrint !== undefined) this.set('auto_print', changes.autoPrint ? '1' : '0');
    if (changes.receiptLanguage !== undefined)
      this.set('receipt_language', changes.receiptLanguage);
    return this.printing();
  }

  /** The reader the cashier's cards go on; null takes whichever reader holds a card. */
  cardReader(): string | null {
    return this.get('card_reader') || null;
  }

  setCardReader(name: string | null): void {
    this.set('card_reader', name ?? '');
  }

  /** The office's RS485 meter line; null until a supervisor sets one up. */
  meterLine(): MeterLineConfig | null {
    const stored = this.get('meter_line');
    if (!stored) return null;
    const parsed = meterLineSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  }

  setMeterLine(line: MeterLineConfig | null): void {
    this.set('meter_line', line ? JSON.stringify(line) : '');
  }

  /** The GSM modem's serial port (短信猫); null when the office sends no SMS. */
  smsModem(): string | null {
    return this.get('sms_modem') || null;
  }

  setSmsModem(port: string | null): void {
    this.set('sms_modem', port ?? '');
  }

  /** Which way messages go: the GSM modem (the default), or the internet gateway. */
  smsRoute(): 'modem' | 'gateway' {
    return this.get('sms_route') === 'gateway' ? 'gateway' : 'modem';
  }

  /**
   * The internet SMS gateway's account (Alibaba Cloud) and the office's registered templates;
   * null until set. The AccessKey secret is kept sealed under the office secret (decision 0041).
   */
  smsGateway(): SmsGatewaySettings | null {
    const stored = this.get('sms_gateway');
    return stored ? (JSON.parse(stored) as SmsGatewaySettings) : null;
  }

  setSmsGateway(route: 'modem' | 'gateway', gateway: SmsGatewaySettings): void {
    this.set('sms_route', route);
    this.set('sms_gateway', JSON.stringify(gateway));
  }

  /** Quiet hours and the day's cap per tenant (core/messages/outbox.ts has the defaults). */
  outboxRules(): OutboxRules {
    const stored = this.get('sms_rules');
    return stored
      ? { ...DEFAULT_OUTBOX_RULES, ...(JSON.parse(stored) as Partial<OutboxRules>) }
      : DEFAULT_OUTBOX_RULES;
  }

  setOutboxRules(rules: OutboxRules): void {
    this.set('sms_rules', JSON.stringify(rules));
  }

  /** What the office tells tenants: the templates as the supervisor left them, defaults elsewhere. */
  smsTemplates(): Record<TemplateKind, string> {
    const stored = this.get('sms_templates');
    return {
      ...DEFAULT_TEMPLATES,
      ...(stored ? (JSON.parse(stored) as Partial<Record<TemplateKind, string>>) : {}),
    };
  }

  setSmsTemplate(kind: TemplateKind, text: string): void {
    const stored = this.get('sms_templates');
    const templates = stored ? (JSON.parse(stored) as Partial<Record<TemplateKind, string>>) : {};
    this.set('sms_templates', JSON.stringify({ ...templates, [kind]: text }));
  }

  /** The customer display (客显): none until a supervisor or technician sets one up. */
  display(): DisplaySettings {
    const stored = this.get('customer_display');
    if (!stored) return DEFAULT_DISPLAY_SETTINGS;
    const parsed = displaySettingsSchema.safeParse({
      ...DEFAULT_DISPLAY_SETTINGS,
      ...(JSON.parse(stored) as Partial<DisplaySettings>),
    });
    return parsed.success ? parsed.data : DEFAULT_DISPLAY_SETTINGS;
  }

  setDisplay(settings: DisplaySettings): void {
    this.set('customer_display', JSON.stringify(settings));
  }

  /** Level and password (8 hex digits) for writes and relay commands; null until set. */
  meterPassword(): string | null {
    return this.get('meter_password') || null;
  }

  setMeterPassword(password: string): void {
    this.set('meter_password', password.toUpperCase());
  }

  /** The operator code the meters record (8 hex digits). */
  meterOperatorCode(): string {
    return this.get('meter_operator_code') || '00000000';
  }

  setMeterOperatorCode(code: string): void {
    this.set('meter_operator_code', code.toUpperCase());
  }

  /** Minutes between readings of every meter on the line (0: no polling). */
  pollIntervalMinutes(): number {
    return Number(this.get('poll_interval_minutes') ?? 60);
  }

  /** Credit below which a polled meter raises a low-credit alarm, in fen. */
  lowCreditFen(): number {
    return Number(this.get('low_credit_fen') ?? 2_000);
  }

  setPolling(changes: { pollIntervalMinutes?: number; lowCreditFen?: number }): void {
    if (changes.pollIntervalMinutes !== undefined)
      this.set('poll_interval_minutes', String(changes.pollIntervalMinutes));
    if (changes.lowCreditFen !== undefined)
      this.set('low_credit_fen', String(changes.lowCreditFen));
  }
}
