// The account's card on its row (用户 → 账户): 发卡 when it has none, 挂失 / 重写 while it has one,
// 补卡 once it is lost (or to replace a damaged card); and for supervisors the account's own
// management cards: 清零卡 once refunded credit is owed off the meter, 换表卡 after a replacement.
import { App, Button, Popconfirm } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/api/ledgerTypes';
import type { ManagementOrder } from '../../../../shared/api/cards';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { useNotifyError } from '../../app/hooks';
import { usePrintReceipt } from '../ledger/usePrintReceipt';
import { useSettingsQuery } from '../settings/settingsApi';
import { CardFeeDialog, type ChargedFee } from './CardFeeDialog';
import { useRereadCard } from './useCardOnReader';
import {
  useIssueCardMutation,
  useMakeManagementCardMutation,
  useMeterHistoryQuery,
  useReissueCardMutation,
  useReportLostMutation,
  useRewriteCardMutation,
} from './cardsApi';

type Done = { data: { cardNo: string; fee?: { receiptNo: number } | null } } | { error: unknown };

function useRun() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [printReceipt] = usePrintReceipt();
  const rereadCard = useRereadCard();
  return async (call: () => Promise<Done>, done: string, params: Record<string, string> = {}) => {
    const result = await call();
    if ('error' in result) {
      notifyError(result.error);
      return false;
    }
    rereadCard();
    void message.success(t(done, { cardNo: result.data.cardNo, ...params }));
    // The card fee's receipt goes out with the card, as a sale's does.
    if (result.data.fee) await printReceipt(result.data.fee.receiptNo);
    return true;
  };
}

export function AccountCardButtons({ account, role }: { account: AccountView; role: Role }) {
  const supervisor = isSupervisor(role);
  return (
    <>
      {account.state === 'active' && <TenantCardButtons account={account} />}
      {supervisor && <ManagementButtons account={account} />}
    </>
  );
}

function TenantCardButtons({ account }: { account: AccountView }) {
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

function ManagementButtons({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const history = useMeterHistoryQuery(account.id);
  const latest = history.data?.at(-1);
  const replaced = latest && latest.newMeterNo === account.meter.meterNo ? latest : null;
  const owed = account.state !== 'active' && account.meterCreditOwedFen > 0;
  return (
    <>
      {owed && (
        <MakeButton
          order={{ kind: 'clear', accountId: account.id }}
          label={t('management.clearButton')}
          confirm={t('management.clearConfirm', { meterNo: account.meter.meterNo })}
        />
      )}
      {replaced && (
        <MakeButton
          order={{ kind: 'meterChange', replacementId: replaced.id }}
          label={t('management.meterChangeButton')}
          confirm={t('management.meterChangeConfirm', {
            from: replaced.oldMeterNo,
            to: replaced.newMeterNo,
          })}
        />
      )}
    </>
  );
}

/** Makes one management card on the reader, after the supervisor confirms what it will do. */
export function MakeButton({
  order,
  label,
  confirm,
}: {
  order: ManagementOrder;
  label: string;
  confirm: string;
}) {
  const { t } = useTranslation();
  const run = useRun();
  const [make, making] = useMakeManagementCardMutation();
  return (
    <Popconfirm
      title={label}
      description={confirm}
      onConfirm={() =>
        run(() => make(order), 'management.made', { kind: t(`cards.kind.${order.kind}`) })
      }
    >
      <Button size="small" loading={making.isLoading}>
        {label}
      </Button>
    </Popconfirm>
  );
}
