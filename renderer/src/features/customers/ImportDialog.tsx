// 批量开户: shops (and, where a row names a meter and a tariff, their accounts) from a sheet, all
// rows or none (components/SheetImportDialog.tsx).
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/api/ledgerTypes';
import { SheetImportDialog } from '../../components/SheetImportDialog';
import { useImportCustomersMutation, useImportTemplateMutation } from '../ledger/ledgerApi';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [importCustomers] = useImportCustomersMutation();
  const [template] = useImportTemplateMutation();
  return (
    <SheetImportDialog<ImportResult>
      title={t('import.title')}
      hint={t('import.hint')}
      importFile={(file) => importCustomers(file)}
      template={() => template({})}
      columnLabel={(field) => t(`import.columns.${field}`)}
      checkedText={(r) => t('import.checked', { rows: r.rows, accounts: r.counts.accounts })}
      doneText={(r) =>
        t('import.done', { customers: r.counts.customers, accounts: r.counts.accounts })
      }
      onClose={onClose}
    />
  );
}
