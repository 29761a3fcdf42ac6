// What happens to a tenant that the office tells them of, as messages in the outbox: credit
// running low on a polled meter, and credit gone (power about to be cut). One message of each a
// purchase: the event is the account's purchase count, so a reading that wavers about the
// threshold, or many readings below it, send once until the tenant buys again. Queued inside the
// write that noticed it.
import { renderTemplate, type TemplateKind } from '../../shared/sms/templates';
import { formatYuan } from '../../shared/units';
import type { AccountRecord } from '../ledger/accountStore';
import type { CustomerStore } from '../ledger/customerStore';
import type { MeterStore } from '../ledger/meterStore';
import type { SettingsStore } from '../office/settingsStore';
import type { Outbox } from './outbox';

export class TenantNotices {
  constructor(
    private readonly deps: {
      outbox: Outbox;
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
    const text = renderTemplate(settings.smsTemplates()[kind], {
      office: settings.officeName() ?? '',
      name: customer.name,
      meterNo: meters.byId(account.meterId)?.meterNo ?? '',
      accountNo: account.accountNo,
      ...values,
    });
    outbox.queue({ eventKey, kind, customerId: customer.id, phone: customer.phone, text }, now);
  }
}
