// What inspection found in a card's write-back, said to the person holding the card.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardReadView } from '../../../../shared/api/cards';
import type { Language } from '../../../../shared/errors';
import { describeFinding } from '../../../../shared/inspectionText';

/** What inspection found in the write-back just read: said at once, to the person holding the card. */
export function Findings({ card }: { card: CardReadView }) {
  const { t, i18n } = useTranslation();
  if (card.findings.length === 0) return null;
  return (
    <Alert
      type={card.findings.some((f) => f.severity === 'critical') ? 'error' : 'warning'}
      showIcon
      data-testid="card-findings"
      title={t('cards.findings')}
      description={card.findings
        .map((f) => describeFinding(f.rule, {}, i18n.language as Language).title)
        .join('；')}
    />
  );
}
