// The office is set up: its secret's fingerprint to note down, and the way in.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function SetupDone({ fingerprint, onEnter }: { fingerprint: string; onEnter: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={t('setup.doneTitle')}
      subTitle={t('setup.doneText', { fingerprint })}
      extra={
        <Button type="primary" autoFocus onClick={onEnter}>
          {t('setup.enter')}
        </Button>
      }
    />
  );
}
