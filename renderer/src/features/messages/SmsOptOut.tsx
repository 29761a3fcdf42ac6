// A tenant's messages on their page: whether they get the office's SMS, and 退订 / taking it back
// for whoever manages messages (a tenant who asks at the counter, or by phone).
import { Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFeedback } from '../../app/hooks';
import { useMayCall } from '../../app/permissions';
import { useOptOutMutation, useOptOutStateQuery } from './messagesApi';

export function SmsOptOut({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const feedback = useFeedback();
  const state = useOptOutStateQuery({ customerId });
  const [optOut, changing] = useOptOutMutation();
  if (!state.data) return <>—</>;
  const { optedOut } = state.data;
  return (
    <Space size="small" data-testid="sms-opt-out">
      <Tag color={optedOut ? 'default' : 'green'}>
        {t(optedOut ? 'customers.smsOptedOut' : 'customers.smsOn')}
      </Tag>
      {mayCall('messages.optOut') && (
        <Button
          size="small"
          loading={changing.isLoading}
          onClick={async () => {
            feedback(
              await optOut({ customerId, optedOut: !optedOut }),
              t(optedOut ? 'customers.smsResumed' : 'customers.smsStopped'),
            );
          }}
        >
          {t(optedOut ? 'customers.smsResume' : 'customers.smsStop')}
        </Button>
      )}
    </Space>
  );
}
