// The tariff form for every kind the pricing module knows: flat, time-of-use (尖峰平谷 prices and
// up to 8 daily segments) and stepped monthly blocks, each with a monthly free allowance. Used to
// create a tariff and to schedule a price change (调价) from a chosen date.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Segmented, Select, Space, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { parsedRule } from '../../components/formRules';
import { TOU_RATES, type TariffDefinition, type TouRate } from '../../../../shared/tariff';
import { formatEnergy, formatPrice, parseEnergy, parsePrice } from '../../../../shared/units';

export interface DefinitionValues {
  kind: TariffDefinition['kind'];
  price?: string;
  rates?: Partial<Record<TouRate, string>>;
  segments?: { start: string; rate: TouRate }[];
  steps?: { upTo?: string; price: string }[];
  freeAllowance?: string;
}

const blank = (text: string | undefined) => !text?.trim();

/** What the form holds, as the definition the API takes (the API validates it again). */
export function toDefinition(v: DefinitionValues): TariffDefinition {
  const freeAllowance = blank(v.freeAllowance) ? 0 : parseEnergy(v.freeAllowance!.trim());
  switch (v.kind) {
    case 'flat':
      return { kind: 'flat', price: parsePrice(v.price!.trim()), freeAllowance };
    case 'tou': {
      const rates = Object.fromEntries(
        TOU_RATES.filter((r) => !blank(v.rates?.[r])).map((r) => [
          r,
          parsePrice(v.rates![r]!.trim()),
        ]),
      ) as Extract<TariffDefinition, { kind: 'tou' }>['rates'];
      return { kind: 'tou', rates, segments: v.segments ?? [], freeAllowance };
    }
    case 'stepped':
      return {
        kind: 'stepped',
        steps: (v.steps ?? []).map((s) => ({
          upTo: blank(s.upTo) ? null : parseEnergy(s.upTo!.trim()),
          price: parsePrice(s.price.trim()),
        })),
        freeAllowance,
      };
  }
}

/** A definition back into form values, to start a price change from the prices in force. */
export function fromDefinition(d: TariffDefinition): DefinitionValues {
  const freeAllowance = d.freeAllowance ? formatEnergy(d.freeAllowance) : '';
  switch (d.kind) {
    case 'flat':
      return { kind: 'flat', price: formatPrice(d.price), freeAllowance };
    case 'tou':
      return {
        kind: 'tou',
        rates: Object.fromEntries(
          Object.entries(d.rates).map(([r, p]) => [r, p === undefined ? '' : formatPrice(p)]),
        ),
        segments: d.segments,
        freeAllowance,
      };
    case 'stepped':
      return {
        kind: 'stepped',
        steps: d.steps.map((s) => ({
          upTo: s.upTo === null ? '' : formatEnergy(s.upTo),
          price: formatPrice(s.price),
        })),
        freeAllowance,
      };
  }
}

export const NEW_TARIFF: DefinitionValues = {
  kind: 'flat',
  segments: [
    { start: '00:00', rate: 'valley' },
    { start: '08:00', rate: 'flat' },
    { start: '10:00', rate: 'peak' },
    { start: '15:00', rate: 'flat' },
    { start: '18:00', rate: 'peak' },
    // The evening top (尖峰), as most provinces' commercial TOU schedules have it.
    { start: '19:00', rate: 'sharp' },
    { start: '21:00', rate: 'flat' },
    { start: '23:00', rate: 'valley' },
  ],
  steps: [{ upTo: '', price: '' }],
};

export function DefinitionFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<DefinitionValues>();
  const kind = Form.useWatch('kind', form) ?? 'flat';

  const priceRule = (required: boolean): FormRule => ({
    required,
    ...parsedRule(
      (text) => parsePrice(text) > 0,
      t('tariffs.priceInvalid'),
      required ? t('tariffs.priceInvalid') : undefined,
    ),
  });
  const energyRule = parsedRule(parseEnergy, t('tariffs.energyInvalid'));

  return (
    <>
      <Form.Item name="kind" label={t('tariffs.kind')}>
        <Segmented
          options={(['flat', 'tou', 'stepped'] as const).map((k) => ({
            value: k,
            label: t(`tariffs.kinds.${k}`),
          }))}
        />
      </Form.Item>
      {kind === 'flat' && (
        <Form.Item name="price" label={t('tariffs.price')} rules={[priceRule(true)]}>
          <Input inputMode="decimal" placeholder="0.8500" />
        </Form.Item>
      )}
      {kind === 'tou' && (
        <>
          <Space align="start" wrap>
            {TOU_RATES.map((rate) => (
              <Form.Item
                key={rate}
                name={['rates', rate]}
                label={`${t(`tariffs.rates.${rate}`)}（元/kWh）`}
                rules={[priceRule(rate === 'flat')]}
              >
                <Input inputMode="decimal" style={{ width: 110 }} />
              </Form.Item>
            ))}
          </Space>
          <Form.List name="segments">
            {(fields, { add, remove }) => (
              <Form.Item label={t('tariffs.segments')} extra={t('tariffs.segmentsHint')}>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[field.name, 'start']}
                      rules={[
                        {
                          required: true,
                          pattern: /^([01]\d|2[0-3]):[0-5]\d$/,
                          message: t('tariffs.timeInvalid'),
                        },
                      ]}
                    >
                      <Input
                        aria-label={`${t('tariffs.segmentStart')} ${index + 1}`}
                        style={{ width: 90 }}
                        placeholder="HH:MM"
                        disabled={index === 0}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'rate']}>
                      <Select
                        aria-label={`${t('tariffs.segmentRate')} ${index + 1}`}
                        style={{ width: 90 }}
                        options={TOU_RATES.map((r) => ({
                          value: r,
                          label: t(`tariffs.rates.${r}`),
                        }))}
                      />
                    </Form.Item>
                    {index > 0 && (
                      <MinusCircleOutlined
                        aria-label={t('tariffs.removeSegment')}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </Space>
                ))}
                {fields.length < 8 && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ start: '', rate: 'flat' })}
                  >
                    {t('tariffs.addSegment')}
                  </Button>
                )}
              </Form.Item>
            )}
          </Form.List>
        </>
      )}
      {kind === 'stepped' && (
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <Form.Item label={t('tariffs.steps')} extra={t('tariffs.stepsHint')}>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'upTo']} rules={[energyRule]}>
                    <Input
                      aria-label={`${t('tariffs.stepUpTo')} ${index + 1}`}
                      style={{ width: 140 }}
                      placeholder={t('tariffs.stepOpen')}
                      suffix="kWh"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'price']} rules={[priceRule(true)]}>
                    <Input
                      aria-label={`${t('tariffs.stepPrice')} ${index + 1}`}
                      style={{ width: 130 }}
                      suffix="元/kWh"
                    />
                  </Form.Item>
                  {index > 0 && (
                    <MinusCircleOutlined
                      aria-label={t('tariffs.removeStep')}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              {fields.length < 6 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ upTo: '', price: '' })}
                >
                  {t('tariffs.addStep')}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
      )}
      <Form.Item name="freeAllowance" label={t('tariffs.freeAllowance')} rules={[energyRule]}>
        <Input inputMode="decimal" suffix="kWh" placeholder="0" style={{ width: 160 }} />
      </Form.Item>
    </>
  );
}
