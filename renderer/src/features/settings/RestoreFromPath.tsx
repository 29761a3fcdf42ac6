// A backup on a USB stick or another PC's copy, by its path.
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A backup on a USB stick or another PC's copy, by its path. */
export function RestoreFromPath({ onPick }: { onPick: (path: string) => void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  return (
    <Space.Compact style={{ marginTop: 12 }}>
      <Input
        placeholder={t('settings.restorePath')}
        value={path}
        onChange={(e) => setPath(e.target.value)}
        style={{ width: 360 }}
      />
      <Button danger disabled={path.trim() === ''} onClick={() => onPick(path.trim())}>
        {t('settings.restoreFrom')}
      </Button>
    </Space.Compact>
  );
}
