// 集体开户 from the installer's sheet: one row per circuit (floor, room, beds, box, circuit, use),
// at the tariff chosen here; every row checked first, all rooms opened or none.
import { Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingSummary, RoomImportResult } from '../../../../shared/api/dorms';
import { SheetImportDialog } from '../../components/SheetImportDialog';
import { useTariffsQuery } from '../ledger/ledgerApi';
import { useImportRoomsMutation, useRoomsTemplateMutation } from './dormsApi';

export function RoomImport({
  building,
  onClose,
}: {
  building: BuildingSummary;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [importRooms] = useImportRoomsMutation();
  const [template] = useRoomsTemplateMutation();
  const tariffs = (useTariffsQuery().data ?? []).filter((tariff) => tariff.current);
  const [tariffId, setTariffId] = useState<number | undefined>(undefined);
  const chosen = tariffId ?? tariffs[0]?.id;
  return (
    <SheetImportDialog<RoomImportResult>
      title={`${t('dorms.importRooms')} — ${building.name}`}
      hint={t('dorms.importHint')}
      disabled={chosen === undefined}
      extra={
        <Form.Item label={t('customers.tariff')} style={{ marginBottom: 0 }}>
          <Select
            aria-label={t('customers.tariff')}
            value={chosen}
            onChange={setTariffId}
            options={tariffs.map((tariff) => ({ value: tariff.id, label: tariff.name }))}
          />
        </Form.Item>
      }
      importFile={(file) => importRooms({ ...file, buildingId: building.id, tariffId: chosen! })}
      template={() => template({})}
      columnLabel={(field) => t(`dorms.sheetColumns.${field}`)}
      checkedText={(r) =>
        t('dorms.importChecked', {
          rows: r.rows,
          rooms: r.counts.rooms,
          circuits: r.counts.circuits,
        })
      }
      doneText={(r) =>
        t('dorms.importDone', { rooms: r.counts.rooms, circuits: r.counts.circuits })
      }
      onClose={onClose}
    />
  );
}
