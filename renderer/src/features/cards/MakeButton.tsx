// Makes one management card on the reader, after the supervisor confirms what it will do.
import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ManagementOrder } from '../../../../shared/api/cards';
import { useMakeManagementCardMutation } from './cardsApi';
import { useRun } from './useCardRun';

/** Makes one management card on the reader, after the supervisor confirms what it will do. */
export function MakeButton({
  order,
  label,
  confirm,
}: {
  order: ManagementOrder;
  label: string;
  confirm: string;
}) {
  const { t } = useTranslation();
  const run = useRun();
  const [make, making] = useMakeManagementCardMutation();
  return (
    <Popconfirm
      title={label}
      description={confirm}
      onConfirm={() =>
        run(() => make(order), 'management.made', { kind: t(`cards.kind.${order.kind}`) })
      }
    >
      <Button size="small" loading={making.isLoading}>
        {label}
      </Button>
    </Popconfirm>
  );
}
