// 管理卡制作 (supervisors): the cards a technician carries to the meters. Parameter, check, time-set
// and test cards are made here; clear and meter-change cards belong to one account and are made
// from its row (用户 → 账户). The list of cards made is ManagementCardList.tsx.
import { Button, Card, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ManagementOrder } from '../../../../shared/api/cards';
import { parseYuan } from '../../../../shared/units';
import { useFeedback } from '../../app/hooks';
import { parsedRule } from '../../components/formRules';
import { useTariffsQuery } from '../ledger/ledgerApi';
import { useLazyMetersQuery } from '../meters/metersApi';
import { useMakeManagementCardMutation } from './cardsApi';

const MADE_HERE = ['parameter', 'check', 'timeSet', 'test'] as const;

interface Values {
  kind: (typeof MADE_HERE)[number];
  meterNo?: string;
  tariffId?: number;
  alarm1?: string;
  alarm2?: string;
  overdraft?: string;
  hoarding?: string;
  setTo?: Dayjs | null;
}

const fen = (text: string | undefined) => (text?.trim() ? parseYuan(text.trim()) : 0);

export function ManagementCardMaker() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'parameter';
  const tariffs = useTariffsQuery();
  const [findMeters] = useLazyMetersQuery();
  const [make, making] = useMakeManagementCardMutation();

  const orderOf = async (v: Values): Promise<ManagementOrder | null> => {
    if (v.kind === 'check' || v.kind === 'test') return { kind: v.kind };
    if (v.kind === 'timeSet')
      return {
        kind: 'timeSet',
        ...(v.setTo && { setTo: v.setTo.format('YYYY-MM-DD HH:mm:ss') }),
      };
    let meterId: number | null = null;
    const meterNo = v.meterNo?.trim();
    if (meterNo) {
      const found = await findMeters({ query: meterNo, limit: 20 });
      const meter = found.data?.find((m) => m.meterNo === meterNo);
      if (!meter) {
        form.setFields([{ name: 'meterNo', errors: [t('management.meterUnknown')] }]);
        return null;
      }
      meterId = meter.id;
    }
    return {
      kind: 'parameter',
      meterId,
      tariffId: v.tariffId!,
      alarm1Fen: fen(v.alarm1),
      alarm2Fen: fen(v.alarm2),
      overdraftFen: fen(v.overdraft),
      hoardingFen: fen(v.hoarding),
    };
  };

  const money = parsedRule(parseYuan, t('accountActions.moneyInvalid'));
  return (
    <Card size="small" title={t('management.make')}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'parameter',
          alarm1: '30',
          alarm2: '10',
          overdraft: '0',
          hoarding: '0',
        }}
        onFinish={async (v) => {
          const order = await orderOf(v);
          if (!order) return;
          const result = await make(order);
          if (
            !feedback(result, (data) =>
              t('management.made', {
                kind: t(`cards.kind.${data.kind}`),
                cardNo: data.cardNo,
              }),
            )
          )
            return;
        }}
      >
        <Form.Item name="kind" label={t('management.kind')}>
          <Radio.Group
            optionType="button"
            options={MADE_HERE.map((k) => ({ value: k, label: t(`cards.kind.${k}`) }))}
          />
        </Form.Item>
        <div className="pt-hint" style={{ marginTop: -12, marginBottom: 12 }}>
          {t(`management.hint.${kind}`)}
        </div>
        {kind === 'parameter' && (
          <>
            <Space wrap align="start">
              <Form.Item
                name="meterNo"
                label={t('management.meterNo')}
                rules={[{ pattern: /^\d{12}$/, message: t('management.meterNoInvalid') }]}
              >
                <Input style={{ width: 200 }} placeholder={t('management.allMeters')} allowClear />
              </Form.Item>
              <Form.Item
                name="tariffId"
                label={t('sales.tariff')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  style={{ width: 200 }}
                  loading={tariffs.isLoading}
                  options={(tariffs.data ?? []).map((tariff) => ({
                    value: tariff.id,
                    label: tariff.name,
                  }))}
                />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              {(['alarm1', 'alarm2', 'overdraft', 'hoarding'] as const).map((name) => (
                <Form.Item key={name} name={name} label={t(`management.${name}`)} rules={[money]}>
                  <Input style={{ width: 140 }} inputMode="decimal" />
                </Form.Item>
              ))}
            </Space>
          </>
        )}
        {kind === 'timeSet' && (
          <Form.Item name="setTo" label={t('management.setTo')}>
            <DatePicker showTime placeholder={t('management.setToNow')} style={{ width: 240 }} />
          </Form.Item>
        )}
        <div>
          <Button type="primary" htmlType="submit" loading={making.isLoading}>
            {t('management.makeButton')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
