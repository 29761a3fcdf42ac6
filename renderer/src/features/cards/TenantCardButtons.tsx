// A tenant account's card buttons: 发卡 when it has none, 挂失 / 重写 while it has one, 补卡 once
// it is lost (or to replace a damaged card).
import { Button, Popconfirm } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/api/ledgerTypes';
import { useSettingsQuery } from '../settings/settingsApi';
import { CardFeeDialog, type ChargedFee } from './CardFeeDialog';
import {
  useIssueCardMutation,
  useReissueCardMutation,
  useReportLostMutation,
  useRewriteCardMutation,
} from './cardsApi';
import { useRun } from './useCardRun';

export function TenantCardButtons({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const run = useRun();
  const [issue, issuing] = useIssueCardMutation();
  const [reissue, reissuing] = useReissueCardMutation();
  const [reportLost, reporting] = useReportLostMutation();
  const [rewrite, rewriting] = useRewriteCardMutation();
  const office = useSettingsQuery().data;
  const [charging, setCharging] = useState<'issue' | 'reissue' | null>(null);
  const status = account.card?.status;
  const fresh = !account.card || status === 'void';
  const accountId = account.id;
  const feeOf = (kind: 'issue' | 'reissue') =>
    (kind === 'issue' ? office?.cardIssueFeeFen : office?.cardReissueFeeFen) ?? 0;
  const make = (kind: 'issue' | 'reissue', fee?: ChargedFee) =>
    run(
      () => (kind === 'issue' ? issue : reissue)({ accountId, ...(fee && { fee }) }),
      kind === 'issue' ? 'cards.issued' : 'cards.reissued',
    );
  /** With a fee, a dialog takes it; without, a confirmation is enough. */
  const button = (kind: 'issue' | 'reissue', node: ReactNode) =>
    feeOf(kind) > 0 ? (
      <span onClick={() => setCharging(kind)}>{node}</span>
    ) : (
      <Popconfirm
        title={t(`cards.${kind}`)}
        description={t(`cards.${kind}Confirm`)}
        onConfirm={() => make(kind)}
      >
        {node}
      </Popconfirm>
    );
  return (
    <>
      {charging && (
        <CardFeeDialog
          title={t(`cards.${charging}`)}
          hint={t(`cards.${charging}Confirm`)}
          feeFen={feeOf(charging)}
          busy={issuing.isLoading || reissuing.isLoading}
          onCancel={() => setCharging(null)}
          onConfirm={async (fee) => {
            if (await make(charging, fee)) setCharging(null);
          }}
        />
      )}
      {fresh &&
        button(
          'issue',
          <Button size="small" type="primary" ghost loading={issuing.isLoading}>
            {t('cards.issue')}
          </Button>,
        )}
      {status === 'active' && (
        <Popconfirm
          title={t('cards.reportLost')}
          description={t('cards.reportLostConfirm', { cardNo: account.card!.cardNo })}
          onConfirm={() => run(() => reportLost({ accountId }), 'cards.lost')}
        >
          <Button size="small" danger loading={reporting.isLoading}>
            {t('cards.reportLost')}
          </Button>
        </Popconfirm>
      )}
      {status === 'active' && (
        <Popconfirm
          title={t('cards.rewrite')}
          description={t('cards.rewriteConfirm', { cardNo: account.card!.cardNo })}
          onConfirm={() => run(() => rewrite({ accountId }), 'cards.rewritten')}
        >
          <Button size="small" loading={rewriting.isLoading}>
            {t('cards.rewrite')}
          </Button>
        </Popconfirm>
      )}
      {!fresh &&
        status !== 'issuing' &&
        button(
          'reissue',
          <Button size="small" loading={reissuing.isLoading}>
            {t('cards.reissue')}
          </Button>,
        )}
    </>
  );
}
