// The office's own settings: its name, the receipt's header, the idle sign-out, the sale rules
// (smallest and largest sale, hoarding limit), fees and tolerances, and whether a reversal needs a
// supervisor; an administrator changes them.
import { App, Button, Card, Form, Input, InputNumber, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatYuan, parseYuan } from '../../../../shared/units';
import { parsedRule } from '../../components/formRules';
import { useNotifyError } from '../../app/hooks';
import { useSettingsQuery, useUpdateSettingsMutation } from './settingsApi';

interface OfficeFormValues {
  officeName: string;
  receiptHeader: string;
  idleTimeoutMinutes: number;
  minSale: string;
  maxSale: string;
  hoardingLimit: string;
  cardIssueFee: string;
  cardReissueFee: string;
  handoverTolerance: string;
  billingOverdraft: string;
  reversalNeedsApproval: boolean;
}

/** The contract's fen fields and the form's yuan fields that hold them. */
const YUAN_FIELDS = {
  minSaleFen: 'minSale',
  maxSaleFen: 'maxSale',
  hoardingLimitFen: 'hoardingLimit',
  cardIssueFeeFen: 'cardIssueFee',
  cardReissueFeeFen: 'cardReissueFee',
  handoverToleranceFen: 'handoverTolerance',
  billingOverdraftFen: 'billingOverdraft',
};

/** A sales-rule amount: at least one fen. */
const moneyAtLeastFen = (text: string) => parseYuan(text) >= 1;
/** A fee or a tolerance: zero is allowed (no fee, no difference tolerated). */
const moneyAtLeastZero = (text: string) => parseYuan(text) >= 0;

export function OfficeCard({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<OfficeFormValues>();
  const settings = useSettingsQuery();
  const [update, { isLoading }] = useUpdateSettingsMutation();
  if (!settings.data) return <Card loading title={t('settings.office')} size="small" />;
  return (
    <Card
      title={t('settings.office')}
      size="small"
      extra={!mayEdit && <span style={{ color: '#8a97a3' }}>{t('settings.readOnly')}</span>}
    >
      <Form
        form={form}
        layout="vertical"
        disabled={!mayEdit}
        initialValues={{
          ...settings.data,
          minSale: formatYuan(settings.data.minSaleFen),
          maxSale: formatYuan(settings.data.maxSaleFen),
          hoardingLimit: formatYuan(settings.data.hoardingLimitFen),
          cardIssueFee: formatYuan(settings.data.cardIssueFeeFen),
          cardReissueFee: formatYuan(settings.data.cardReissueFeeFen),
          handoverTolerance: formatYuan(settings.data.handoverToleranceFen),
          billingOverdraft: formatYuan(settings.data.billingOverdraftFen),
        }}
        onFinish={async ({
          minSale,
          maxSale,
          hoardingLimit,
          cardIssueFee,
          cardReissueFee,
          handoverTolerance,
          billingOverdraft,
          ...values
        }: OfficeFormValues) => {
          const result = await update({
            ...values,
            minSaleFen: parseYuan(minSale),
            maxSaleFen: parseYuan(maxSale),
            hoardingLimitFen: parseYuan(hoardingLimit),
            cardIssueFeeFen: parseYuan(cardIssueFee),
            cardReissueFeeFen: parseYuan(cardReissueFee),
            handoverToleranceFen: parseYuan(handoverTolerance),
            billingOverdraftFen: parseYuan(billingOverdraft),
          });
          if ('error' in result) notifyError(result.error, form, YUAN_FIELDS);
          else void message.success(t('common.saved'));
        }}
      >
        <Form.Item
          name="officeName"
          label={t('settings.officeName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="receiptHeader" label={t('settings.receiptHeader')} rules={[{ max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="idleTimeoutMinutes"
          label={t('settings.idleTimeout')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={1} max={480} precision={0} />
        </Form.Item>
        {/* The sales rules (售电规则): the cashier's sale form refuses outside them. */}
        <Space wrap size="middle" align="start" style={{ display: 'flex' }}>
          {(['minSale', 'maxSale', 'hoardingLimit'] as const).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`settings.${name}`)}
              extra={name === 'hoardingLimit' ? t('settings.hoardingLimitHint') : undefined}
              rules={[
                parsedRule(moneyAtLeastFen, t('settings.moneyInvalid'), t('common.required')),
              ]}
            >
              <Input prefix="¥" style={{ width: 180 }} inputMode="decimal" />
            </Form.Item>
          ))}
        </Space>
        {/* The cash rules (收费规则): card fees, the hand-over tolerance, reversal approval. */}
        <Space wrap size="middle" align="start" style={{ display: 'flex' }}>
          {(
            ['cardIssueFee', 'cardReissueFee', 'handoverTolerance', 'billingOverdraft'] as const
          ).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`settings.${name}`)}
              extra={t(`settings.${name}Hint`)}
              rules={[
                parsedRule(moneyAtLeastZero, t('settings.moneyInvalid'), t('common.required')),
              ]}
            >
              <Input prefix="¥" style={{ width: 180 }} inputMode="decimal" />
            </Form.Item>
          ))}
        </Space>
        <Form.Item
          name="reversalNeedsApproval"
          label={t('settings.reversalNeedsApproval')}
          extra={t('settings.reversalNeedsApprovalHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        {mayEdit && (
          <Button type="primary" htmlType="submit" loading={isLoading}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
