// The pre-printed receipt form drawn to scale, each field's name where its value will print.
import { useTranslation } from 'react-i18next';
import { FORM_FIELDS, type ReceiptFormLayout } from '../../../../shared/receiptForm';

/** Screen pixels per millimetre of the preview. */
const PREVIEW_SCALE = 3.3;
const PT_IN_MM = 25.4 / 72;

/** The form drawn to scale, each field's name where its value will print. */
export function FormPreview({ form }: { form: ReceiptFormLayout }) {
  const { t } = useTranslation();
  const px = (mm: number) => mm * PREVIEW_SCALE;
  return (
    <div
      data-testid="form-preview"
      aria-label={t('printing.preview')}
      style={{
        position: 'relative',
        width: px(form.pageWidthMm),
        maxWidth: '100%',
        height: px(form.pageHeightMm),
        overflow: 'hidden',
        background: '#fffdf5',
        border: '1px solid #d9cfa8',
        boxShadow: '0 1px 3px rgba(0,0,0,0.12)',
      }}
    >
      {FORM_FIELDS.filter((name) => form.fields[name].show).map((name) => (
        <span
          key={name}
          style={{
            position: 'absolute',
            left: px(form.fields[name].xMm + form.offsetXMm),
            top: px(form.fields[name].yMm + form.offsetYMm),
            fontSize: px(form.fontSizePt * PT_IN_MM),
            lineHeight: 1,
            whiteSpace: 'nowrap',
            color: '#1d3f6e',
            borderLeft: '1px solid #c0392b',
            paddingLeft: 2,
          }}
        >
          {t(`printing.fields.${name}`)}
        </span>
      ))}
    </div>
  );
}
