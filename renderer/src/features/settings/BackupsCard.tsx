// 数据备份: backups now (here or to a USB stick), the list, and restore: the admin first sees what
// the backup holds (office, operators, sales, the last sale), read from it after its seal was
// checked, then confirms.
import { App, Button, Card, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/api/ledgerTypes';
import { useAppDispatch, useFeedback, useNotifyError } from '../../app/hooks';
import { sessionEnded } from '../../app/sessionSlice';
import { formatOfficeTime } from '../../components/officeClock';
import {
  useBackupsQuery,
  useCreateBackupMutation,
  useInspectBackupMutation,
  useRestoreBackupMutation,
} from './settingsApi';
import { PreviewText } from './BackupPreviewText';
import { RestoreFromPath } from './RestoreFromPath';

export function BackupsCard({ mayRestore }: { mayRestore: boolean }) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const notifyError = useNotifyError();
  const feedback = useFeedback();
  const dispatch = useAppDispatch();
  const backups = useBackupsQuery();
  const [create, creating] = useCreateBackupMutation();
  const [inspect] = useInspectBackupMutation();
  const [restore] = useRestoreBackupMutation();
  const [folder, setFolder] = useState('');

  const backUp = async (target?: string) => {
    const result = await create(target ? { folder: target } : {});
    if (!feedback(result, (data) => t('settings.backedUp', { fileName: data.fileName }))) return;
  };

  const askRestore = async (source: { fileName: string } | { path: string }) => {
    const preview = await inspect(source);
    if ('error' in preview) return notifyError(preview.error);
    modal.confirm({
      title: t('settings.restore'),
      width: 620,
      content: <PreviewText preview={preview.data} />,
      okButtonProps: { danger: true },
      okText: t('settings.restore'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const result = await restore(source);
        if (!feedback(result, t('settings.restored'))) return;
        dispatch(sessionEnded('logout'));
      },
    });
  };

  return (
    <Card title={t('settings.backups')} size="small">
      <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('settings.backupsText')}</p>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" loading={creating.isLoading} onClick={() => void backUp()}>
          {t('settings.backupNow')}
        </Button>
        <Space.Compact>
          <Input
            placeholder={t('settings.backupFolder')}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            style={{ width: 300 }}
          />
          <Button disabled={folder.trim() === ''} onClick={() => void backUp(folder.trim())}>
            {t('settings.backupTo')}
          </Button>
        </Space.Compact>
      </Space>
      <Table<BackupInfo>
        size="small"
        rowKey="fileName"
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        loading={backups.isLoading}
        dataSource={backups.data ?? []}
        columns={[
          {
            title: t('settings.backupAt'),
            dataIndex: 'createdAt',
            render: (at: string) => formatOfficeTime(at, i18n.language),
          },
          {
            title: t('settings.kindLabel'),
            dataIndex: 'kind',
            render: (kind: BackupInfo['kind']) => t(`settings.backupKind.${kind}`),
          },
          {
            title: t('settings.size'),
            dataIndex: 'sizeBytes',
            render: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
          },
          {
            title: '',
            key: 'restore',
            render: (_, backup) =>
              !backup.sealed ? (
                <span style={{ color: '#8a96a0' }}>{t('settings.backupSupportOnly')}</span>
              ) : mayRestore ? (
                <Button
                  danger
                  type="link"
                  size="small"
                  onClick={() => void askRestore({ fileName: backup.fileName })}
                >
                  {t('settings.restore')}
                </Button>
              ) : null,
          },
        ]}
      />
      {mayRestore && <RestoreFromPath onPick={(path) => void askRestore({ path })} />}
    </Card>
  );
}
