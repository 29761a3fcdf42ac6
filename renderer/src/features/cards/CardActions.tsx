// 重写 a tenant's card from the books; 擦除 a card no longer in use (who makes management cards).
import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardReadView } from '../../../../shared/api/cards';
import { useFeedback } from '../../app/hooks';
import { useMayCall } from '../../app/permissions';
import { useEraseCardMutation, useRewriteCardMutation } from './cardsApi';

/** 重写 a tenant's card from the books; 擦除 a card no longer in use. */
export function CardActions({ card, onDone }: { card: CardReadView; onDone: () => unknown }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const feedback = useFeedback();
  const [rewrite, rewriting] = useRewriteCardMutation();
  const [erase, erasing] = useEraseCardMutation();
  const live = card.ledger && ['active', 'issuing'].includes(card.ledger.card.status);
  const ours = card.cardNo !== null && (card.status === 'valid' || card.status === 'corrupt');
  return (
    <Space>
      {mayCall('cards.rewrite') && live && card.ledger!.card.status === 'active' && (
        <Popconfirm
          title={t('cards.rewrite')}
          description={t('cards.rewriteConfirm', { cardNo: card.cardNo })}
          onConfirm={async () => {
            const result = await rewrite({ accountId: card.ledger!.accountId });
            if (!feedback(result, (data) => t('cards.rewritten', { cardNo: data.cardNo }))) return;
            onDone();
          }}
        >
          <Button size="small" loading={rewriting.isLoading}>
            {t('cards.rewrite')}
          </Button>
        </Popconfirm>
      )}
      {mayCall('cards.erase') && ours && !live && (
        <Popconfirm
          title={t('cards.erase')}
          description={t('cards.eraseConfirm', { cardNo: card.cardNo })}
          okButtonProps={{ danger: true }}
          onConfirm={async () => {
            const result = await erase();
            if (!feedback(result, (data) => t('cards.erased', { cardNo: data.cardNo }))) return;
            onDone();
          }}
        >
          <Button size="small" danger loading={erasing.isLoading}>
            {t('cards.erase')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
