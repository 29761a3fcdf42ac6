// What happens to a tenant that the office tells them of, as messages in the outbox: credit
// running low on a polled meter, and credit gone (power about to be cut) — one message of each a
// purchase: the event is the account's purchase count, so a reading that wavers about the
// threshold, or many readings below it, send once until the tenant buys again; a purchase landed
// (if the office asks for it); the account closed with its refund. Each is queued inside the
// write that booked it, so the event and its message stand or fall together.
import { renderTemplate, TEMPLATE_VARIABLES, type TemplateKind } from '../../shared/sms/templates';
import type { SaleView } from '../../shared/api/ledgerTypes';
import { officeDateTime } from '../../shared/officeTime';
import { formatEnergy, formatYuan } from '../../shared/units';
import type { AccountStore } from '../ledger/accountStore';
import type { AccountRecord } from '../ledger/accountStore';
import type { CustomerStore } from '../ledger/customerStore';
import type { MeterStore } from '../ledger/meterStore';
import type { SettingsStore } from '../office/settingsStore';
import type { Outbox } from './outbox';

export class TenantNotices {
  constructor(
    private readonly deps: {
      outbox: Outbox;
      accounts: Pick<AccountStore, 'byId'>;
      customers: CustomerStore;
      meters: MeterStore;
      settings: SettingsStore;
    },
  ) {}

  /** Credit low (or gone) on an account's meter, as a reading found it. Call inside its write. */
  lowCredit(account: AccountRecord, remainingFen: number, now: Date): void {
    const kind: TemplateKind = remainingFen <= 0 ? 'credit-out' : 'low-credit';
    this.tell(account, kind, `${kind}:${account.id}:${account.purchaseCount}`, now, {
      balance: formatYuan(Math.max(0, remainingFen)),
    });
  }

  /**
   * 购电成功, when the office's settings ask for it: a sale (not an allowance) now committed —
   * on the card, the meter, or the office's books. Call inside the write that committed it.
   */
  purchased(sale: SaleView, now: Date): void {
    if (!this.deps.settings.outboxRules().purchaseNotice || sale.paymentMethod === 'grant') return;
    const account = this.deps.accounts.byId(sale.accountId);
    if (!account) return;
    this.tell(account, 'purchase', `purchase:${sale.id}`, now, {
      amount: formatYuan(sale.amountFen),
      energy: formatEnergy(sale.energy),
      time: officeDateTime(sale.createdAt).slice(0, 16),
    });
  }

  /** 销户, with what was paid back. Call inside the write that closed the account. */
  accountClosed(account: AccountRecord, refundFen: number, now: Date): void {
    this.tell(account, 'account-closed', `account-closed:${account.id}`, now, {
      refund: formatYuan(refundFen),
    });
  }

  /** 熄灯提醒: the room's power is cut at `cut` today by its box's time table. */
  lightsOut(account: AccountRecord, day: string, cut: string, now: Date): void {
    const room = this.deps.customers.byId(account.customerId)?.name ?? '';
    // A room's circuits (lights, sockets, air conditioning) are accounts of one room: one message.
    this.tell(account, 'dorm-control', `dorm-control:${account.customerId}:${day}T${cut}`, now, {
      room,
      event: '熄灯断电，请提前做好准备',
      time: cut,
    });
  }

  /** 强制断电: the office forced the room's circuit off (at `now`, which keys the message). */
  forcedOff(account: AccountRecord, reason: string, now: Date): void {
    const room = this.deps.customers.byId(account.customerId)?.name ?? '';
    // One message a room a forcing, however many of its circuits a batch forced (one after
    // another, within the minute).
    const minute = officeDateTime(now.toISOString()).slice(0, 16);
    this.tell(account, 'dorm-control', `dorm-control:forced:${account.customerId}:${minute}`, now, {
      room,
      event: `已被强制断电（${reason}），请到宿舍管理处联系`,
      time: minute.slice(11),
    });
  }

  private tell(
    account: AccountRecord,
    kind: TemplateKind,
    eventKey: string,
    now: Date,
    values: Record<string, string>,
  ): void {
    const { customers, meters, settings, outbox } = this.deps;
    const customer = customers.byId(account.customerId);
    if (!customer) return;
    const all: Record<string, string> = {
      office: settings.officeName() ?? '',
      name: customer.name,
      meterNo: meters.byId(account.meterId)?.meterNo ?? '',
      accountNo: account.accountNo,
      ...values,
    };
    const text = renderTemplate(settings.smsTemplates()[kind], all);
    // The kind's own variables go along: a gateway fills its registered template with them.
    const params = Object.fromEntries(
      TEMPLATE_VARIABLES[kind].map((name) => [name, all[name] ?? '']),
    );
    outbox.queue(
      { eventKey, kind, customerId: customer.id, phone: customer.phone, text, params },
      now,
    );
  }
}
