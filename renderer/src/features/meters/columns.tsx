// Table columns the meters page's tables share: the meter number, and the tenant it serves.
import type { TFunction } from 'i18next';

const orDash = (text: string | null) => text || '—';

export const meterNoColumn = (t: TFunction) => ({
  title: t('meters.meterNo'),
  dataIndex: 'meterNo',
  render: (n: string) => <code>{n}</code>,
});

export const customerColumn = (t: TFunction) => ({
  title: t('batch.customer'),
  dataIndex: 'customerName',
  render: orDash,
});

export const shopColumn = (t: TFunction) => ({
  title: t('batch.shop'),
  dataIndex: 'shopUnit',
  render: orDash,
});
