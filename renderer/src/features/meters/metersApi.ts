// Meters (电表, F4): the meter list, the office's RS485 line, live readings and relay commands.
import type { BatchView } from '../../../../shared/api/meterLink';
import { api, injectFromContract } from '../../app/api';
import { bridge } from '../../app/bridge';

/** Whether `view` is further on than `cached` (pushes and the first answer may cross). */
function isLater(view: BatchView, cached: BatchView): boolean {
  const done = (b: BatchView) =>
    b.succeeded + b.failed + b.results.filter((r) => r.state === 'cancelled').length;
  if (cached.state !== 'running') return false;
  return view.state !== 'running' || done(view) > done(cached);
}

export const metersApi = injectFromContract(({ query, mutation }) => ({
  meters: query('meters.list'),
  meterLineSettings: query('meterLink.settings'),
  configureMeterLine: mutation('meterLink.configure'),
  serialPorts: query('meterLink.ports'),
  meterLineStatus: query('meterLink.status'),
  readMeter: mutation('meters.read', {
    // The list shows the meter's last reading and credit: it follows every read. A reading
    // may also charge an office-billed account (主站计费); the sales change only when it
    // settled a recharge left unconfirmed.
    invalidatesTags: (result) =>
      result?.settled
        ? ['meterLine', 'meters', 'accounts', 'sales']
        : ['meterLine', 'meters', 'accounts'],
  }),
  relay: mutation('meters.relay'),
  pushTariff: mutation('meters.pushTariff'),
  // What waits changes with accounts (opened, moved), meters and tariffs (a change in force).
  tariffPushes: query('meters.tariffPushes'),
  pushTariffsNow: mutation('meters.pushTariffsNow'),
  meterCommands: query('meters.commands'),
  batchGroups: query('batch.groups'),
  startBatch: mutation('batch.start'),
  retryBatch: mutation('batch.retryFailed'),
  cancelBatch: mutation('batch.cancel'),
  /** 批量充值 not finished (a crash, a cancel, silent meters), to be resumed. */
  unfinishedBatches: query('batch.unfinished'),
  // A batch as it goes: fetched once, then kept current by the backend's progress pushes. The
  // listener is there before the first answer: a short batch may finish in between.
  batch: query('batch.get', {
    async onCacheEntryAdded(
      { id },
      { updateCachedData, cacheDataLoaded, cacheEntryRemoved, dispatch },
    ) {
      let loaded = false;
      let early: BatchView | null = null;
      const take = (view: BatchView) => {
        updateCachedData((cached) => (isLater(view, cached) ? view : cached));
        // Readings and alarms changed as it went; show them once it is over.
        // A recharge moved accounts and sales, and may have finished its batch; a reading
        // charged an office-billed account (主站计费) and may have tripped its meter.
        if (view.state !== 'running')
          dispatch(
            api.util.invalidateTags([
              'alarms',
              'meterLine',
              'meterCommands',
              'batches',
              'accounts',
              ...(view.rechargeBatchId !== null ? (['sales'] as const) : []),
            ]),
          );
      };
      const stop = bridge().on((event) => {
        if (event.name !== 'batch.progress' || event.payload.id !== id) return;
        if (loaded) take(event.payload);
        else early = event.payload;
      });
      try {
        await cacheDataLoaded;
        loaded = true;
        if (early) take(early);
      } catch {
        stop();
        return;
      }
      await cacheEntryRemoved;
      stop();
    },
  }),
  acrtTerminals: query('acrt.list'),
  registerAcrt: mutation('acrt.register'),
  downloadBindings: mutation('acrt.downloadBindings'),
  heldCredits: query('meters.heldCredits'),
  settleHeldCredits: mutation('meters.settleHeldCredits'),
  syncAcrtClock: mutation('acrt.syncClock'),
  readAcrtLog: mutation('acrt.readLog'),
  alarms: query('alarms.list'),
  alarmReport: mutation('alarms.reportFile'),
  acknowledgeAlarm: mutation('alarms.acknowledge'),
}));

export const {
  useMetersQuery,
  useLazyMetersQuery,
  useMeterLineSettingsQuery,
  useConfigureMeterLineMutation,
  useSerialPortsQuery,
  useMeterLineStatusQuery,
  useReadMeterMutation,
  useRelayMutation,
  usePushTariffMutation,
  useTariffPushesQuery,
  usePushTariffsNowMutation,
  useMeterCommandsQuery,
  useBatchGroupsQuery,
  useStartBatchMutation,
  useRetryBatchMutation,
  useCancelBatchMutation,
  useBatchQuery,
  useUnfinishedBatchesQuery,
  useAlarmsQuery,
  useAcknowledgeAlarmMutation,
  useAlarmReportMutation,
  useAcrtTerminalsQuery,
  useRegisterAcrtMutation,
  useDownloadBindingsMutation,
  useReadAcrtLogMutation,
  useSyncAcrtClockMutation,
  useHeldCreditsQuery,
  useSettleHeldCreditsMutation,
} = metersApi;
