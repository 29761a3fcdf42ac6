// What a backup holds, said before it is restored: when, which office, its sales and operators.
import { Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BackupPreview } from '../../../../shared/api/ledgerTypes';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { formatMoney } from '../../../../shared/units';
import { formatOfficeTime } from '../../components/officeClock';

export function PreviewText({ preview }: { preview: BackupPreview }) {
  const { t, i18n } = useTranslation();
  const { manifest } = preview;
  const last = manifest.lastSale;
  return (
    <>
      <p>{t('settings.restoreConfirm', { fileName: preview.fileName })}</p>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'office', label: t('settings.restoreOffice'), children: manifest.officeName },
          {
            key: 'at',
            label: t('settings.backupAt'),
            children: formatOfficeTime(manifest.createdAt, i18n.language),
          },
          {
            key: 'operators',
            label: t('settings.restoreOperators'),
            children: (
              <Space wrap size={4}>
                {manifest.operators.map((o) => (
                  <Tag key={o.username} color={o.role === 'admin' ? 'red' : undefined}>
                    {o.displayName} ({o.username} · {t(`roles.${o.role}`)})
                    {o.active ? '' : ` · ${t('settings.restoreInactive')}`}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'sales',
            label: t('settings.restoreSales'),
            children: last
              ? t('settings.restoreLastSale', {
                  count: manifest.sales,
                  receiptNo: receiptNumber(last.receiptNo),
                  at: formatOfficeTime(last.at, i18n.language),
                  amount: formatMoney(last.amountFen),
                })
              : t('settings.restoreNoSales'),
          },
          {
            key: 'audit',
            label: t('settings.restoreAudit'),
            children: `#${manifest.audit.seq} · ${manifest.audit.hash.slice(0, 8).toUpperCase()}`,
          },
        ]}
      />
    </>
  );
}
