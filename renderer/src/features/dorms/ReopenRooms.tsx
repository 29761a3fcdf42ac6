// 开户 again in vacant rooms (the next year's students): an account on each of their circuits
// at the tariff chosen, all in one go.
import { App, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingSummary } from '../../../../shared/api/dorms';
import { useNotifyError } from '../../app/hooks';
import { useTariffsQuery } from '../ledger/ledgerApi';
import { useReopenRoomsMutation } from './dormsApi';

export function ReopenRooms({
  building,
  roomIds,
  onClose,
}: {
  building: BuildingSummary;
  roomIds: number[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [reopen, reopening] = useReopenRoomsMutation();
  const tariffs = (useTariffsQuery().data ?? []).filter((tariff) => tariff.current);
  const [tariffId, setTariffId] = useState<number | undefined>(undefined);
  const chosen = tariffId ?? tariffs[0]?.id;
  return (
    <Modal
      open
      title={`${t('dorms.reopen.title')} — ${building.name}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: chosen === undefined }}
      confirmLoading={reopening.isLoading}
      onCancel={() => onClose(false)}
      onOk={async () => {
        const result = await reopen({ buildingId: building.id, roomIds, tariffId: chosen! });
        if ('error' in result) return notifyError(result.error);
        void message.success(t('dorms.reopen.done', { count: result.data.opened }));
        onClose(true);
      }}
    >
      <p>{t('dorms.reopen.text')}</p>
      <Select
        aria-label={t('customers.tariff')}
        style={{ width: '100%' }}
        value={chosen}
        onChange={setTariffId}
        options={tariffs.map((tariff) => ({ value: tariff.id, label: tariff.name }))}
      />
    </Modal>
  );
}
