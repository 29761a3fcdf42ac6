// 导出 Excel with every line of the report: the file is written by the host in the background
// (reports.exportStart), its progress shown here, then fetched in pieces and saved. A year is
// about 334,000 lines; the dialog can cancel at any point, and the host removes the file.
import { App, Button, Modal, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract';
import type { ReportExportStatus } from '../../../../shared/api/ledgerTypes';
import { useErrorText } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import {
  useCancelReportExportMutation,
  useReportExportPieceMutation,
  useReportExportStatusMutation,
  useStartReportExportMutation,
} from '../ledger/ledgerApi';
import { FILE_TYPES } from './fileTypes';

/** How often the dialog asks how far the file is. */
const POLL_MS = 400;

type Shown =
  | { phase: 'writing'; written: number; total: number | null }
  | { phase: 'fetching'; done: number; size: number };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The export's dialog and the function that starts one. */
export function useExcelExport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [start] = useStartReportExportMutation();
  const [status] = useReportExportStatusMutation();
  const [piece] = useReportExportPieceMutation();
  const [cancel] = useCancelReportExportMutation();
  const [shown, setShown] = useState<Shown | null>(null);
  const running = useRef<string | null>(null);

  const fail = (text: string) => {
    running.current = null;
    setShown(null);
    void message.error(text);
  };

  const run = async (query: MethodInput<'reports.exportStart'>) => {
    setShown({ phase: 'writing', written: 0, total: null });
    const started = await start(query);
    if ('error' in started) return fail(errorText(started.error));
    const exportId = started.data.id;
    running.current = exportId;
    let now: ReportExportStatus = started.data;
    while (now.state === 'writing') {
      await pause(POLL_MS);
      if (running.current !== exportId) return;
      const asked = await status({ exportId });
      if (running.current !== exportId) return;
      if ('error' in asked) return fail(errorText(asked.error));
      now = asked.data;
      setShown({ phase: 'writing', written: now.written, total: now.total });
    }
    if (now.state !== 'ready')
      return fail(t(`reports.exporting.${now.failure === 'diskFull' ? 'diskFull' : 'failed'}`));
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      setShown({ phase: 'fetching', done: offset, size: now.size });
      const got = await piece({ exportId, offset });
      if (running.current !== exportId) return;
      if ('error' in got) return fail(errorText(got.error));
      parts.push(base64ToBytes(got.data.base64));
      offset = got.data.next;
    }
    running.current = null;
    setShown(null);
    downloadFile(now.fileName, new Blob(parts), FILE_TYPES.xlsx);
  };

  const stop = () => {
    const exportId = running.current;
    running.current = null;
    setShown(null);
    if (exportId) void cancel({ exportId });
  };

  const percent = !shown
    ? 0
    : shown.phase === 'writing'
      ? shown.total
        ? Math.floor((shown.written / Math.max(1, shown.total)) * 100)
        : 0
      : Math.floor((shown.done / Math.max(1, shown.size)) * 100);
  const dialog = (
    <Modal
      open={shown !== null}
      title={t('reports.exporting.title')}
      closable={false}
      maskClosable={false}
      footer={<Button onClick={stop}>{t('reports.exporting.cancel')}</Button>}
    >
      <Progress percent={percent} status="active" aria-label={t('reports.exporting.title')} />
      <Typography.Paragraph>
        {shown?.phase === 'fetching'
          ? t('reports.exporting.fetching', {
              done: megabytes(shown.done),
              size: megabytes(shown.size),
            })
          : shown?.total === null || shown?.total === undefined
            ? t('reports.exporting.reading')
            : t('reports.exporting.writing', {
                written: shown.written.toLocaleString(),
                total: shown.total.toLocaleString(),
              })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('reports.exporting.hint')}</Typography.Text>
    </Modal>
  );
  return { run, dialog, busy: shown !== null };
}
