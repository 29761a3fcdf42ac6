// Meters (电表, F4): the meter list, the office's RS485 line, live readings and relay commands.
import type { MethodInput } from '../../../../shared/api/contract';
import type { BatchView } from '../../../../shared/api/meterLink';
import { call, type Output } from '../../app/api';
import { bridge } from '../../app/bridge';
import { ledgerApi } from '../ledger/ledgerApi';

/** Whether `view` is further on than `cached` (pushes and the first answer may cross). */
function isLater(view: BatchView, cached: BatchView): boolean {
  const done = (b: BatchView) =>
    b.succeeded + b.failed + b.results.filter((r) => r.state === 'cancelled').length;
  if (cached.state !== 'running') return false;
  return view.state !== 'running' || done(view) > done(cached);
}

// On the ledger's slice: a reading can settle a recharge, which changes the account rows.
const meters = ledgerApi.enhanceEndpoints({
  addTagTypes: [
    'MeterLine',
    'MeterCommands',
    'Alarms',
    'Acrt',
    'TariffPushes',
    'HeldCredits',
    'UnfinishedBatches',
  ],
});

export const metersApi = meters.injectEndpoints({
  endpoints: (build) => ({
    meters: build.query<Output<'meters.list'>, string>({
      query: (query) => call('meters.list', { query, limit: 200 }),
      providesTags: ['Meters'],
    }),
    meterLineSettings: build.query<Output<'meterLink.settings'>, void>({
      query: () => call('meterLink.settings', {}),
      providesTags: ['MeterLine'],
    }),
    configureMeterLine: build.mutation<
      Output<'meterLink.configure'>,
      MethodInput<'meterLink.configure'>
    >({
      query: (input) => call('meterLink.configure', input),
      invalidatesTags: ['MeterLine'],
    }),
    serialPorts: build.query<Output<'meterLink.ports'>, void>({
      query: () => call('meterLink.ports', {}),
    }),
    meterLineStatus: build.query<Output<'meterLink.status'>, void>({
      query: () => call('meterLink.status', {}),
      providesTags: ['MeterLine'],
    }),
    readMeter: build.mutation<Output<'meters.read'>, number>({
      query: (meterId) => call('meters.read', { meterId }),
      // The list shows the meter's last reading and credit: it follows every read.
      // A reading may also charge an office-billed account (主站计费).
      invalidatesTags: (result) =>
        result?.settled
          ? ['MeterLine', 'Meters', 'Accounts', 'Sales']
          : ['MeterLine', 'Meters', 'Accounts'],
    }),
    relay: build.mutation<Output<'meters.relay'>, MethodInput<'meters.relay'>>({
      query: (input) => call('meters.relay', input),
      invalidatesTags: ['MeterCommands', 'MeterLine'],
    }),
    pushTariff: build.mutation<Output<'meters.pushTariff'>, MethodInput<'meters.pushTariff'>>({
      query: (input) => call('meters.pushTariff', input),
      invalidatesTags: ['MeterCommands', 'MeterLine', 'TariffPushes'],
    }),
    tariffPushes: build.query<Output<'meters.tariffPushes'>, void>({
      query: () => call('meters.tariffPushes', {}),
      // What waits changes with accounts (opened, moved), meters and tariffs (a change in force).
      providesTags: ['TariffPushes', 'Accounts', 'Meters', 'Tariffs'],
    }),
    pushTariffsNow: build.mutation<Output<'meters.pushTariffsNow'>, void>({
      query: () => call('meters.pushTariffsNow', {}),
      invalidatesTags: ['MeterCommands', 'MeterLine', 'TariffPushes'],
    }),
    meterCommands: build.query<Output<'meters.commands'>, number>({
      query: (meterId) => call('meters.commands', { meterId, limit: 20 }),
      providesTags: ['MeterCommands'],
    }),
    batchGroups: build.query<Output<'batch.groups'>, void>({
      query: () => call('batch.groups', {}),
    }),
    startBatch: build.mutation<Output<'batch.start'>, MethodInput<'batch.start'>>({
      query: (input) => call('batch.start', input),
      invalidatesTags: ['UnfinishedBatches'],
    }),
    retryBatch: build.mutation<Output<'batch.retryFailed'>, number>({
      query: (id) => call('batch.retryFailed', { id }),
      invalidatesTags: ['UnfinishedBatches'],
    }),
    cancelBatch: build.mutation<Output<'batch.cancel'>, number>({
      query: (id) => call('batch.cancel', { id }),
      invalidatesTags: ['UnfinishedBatches'],
    }),
    /** 批量充值 not finished (a crash, a cancel, silent meters), to be resumed. */
    unfinishedBatches: build.query<Output<'batch.unfinished'>, void>({
      query: () => call('batch.unfinished', {}),
      providesTags: ['UnfinishedBatches'],
    }),
    // A batch as it goes: fetched once, then kept current by the backend's progress pushes. The
    // listener is there before the first answer: a short batch may finish in between.
    batch: build.query<Output<'batch.get'>, number>({
      query: (id) => call('batch.get', { id }),
      async onCacheEntryAdded(
        id,
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
              meters.util.invalidateTags([
                'Alarms',
                'MeterLine',
                'MeterCommands',
                'UnfinishedBatches',
                'Accounts',
                ...(view.rechargeBatchId !== null ? (['Sales'] as const) : []),
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
    acrtTerminals: build.query<Output<'acrt.list'>, void>({
      query: () => call('acrt.list', {}),
      providesTags: ['Acrt'],
    }),
    registerAcrt: build.mutation<Output<'acrt.register'>, MethodInput<'acrt.register'>>({
      query: (input) => call('acrt.register', input),
      invalidatesTags: ['Acrt'],
    }),
    downloadBindings: build.mutation<Output<'acrt.downloadBindings'>, number>({
      query: (id) => call('acrt.downloadBindings', { id }),
      invalidatesTags: ['Acrt'],
    }),
    heldCredits: build.query<Output<'meters.heldCredits'>, void>({
      query: () => call('meters.heldCredits', {}),
      providesTags: ['HeldCredits', 'Accounts'],
    }),
    settleHeldCredits: build.mutation<Output<'meters.settleHeldCredits'>, void>({
      query: () => call('meters.settleHeldCredits', {}),
      invalidatesTags: ['HeldCredits', 'Accounts', 'Meters', 'MeterLine'],
    }),
    syncAcrtClock: build.mutation<Output<'acrt.syncClock'>, number | undefined>({
      query: (id) => call('acrt.syncClock', id === undefined ? {} : { id }),
    }),
    readAcrtLog: build.mutation<Output<'acrt.readLog'>, number>({
      query: (id) => call('acrt.readLog', { id }),
      invalidatesTags: ['Acrt'],
    }),
    alarms: build.query<Output<'alarms.list'>, MethodInput<'alarms.list'>>({
      query: (input) => call('alarms.list', input),
      providesTags: ['Alarms'],
    }),
    alarmReport: build.mutation<Output<'alarms.reportFile'>, MethodInput<'alarms.reportFile'>>({
      query: (input) => call('alarms.reportFile', input),
    }),
    acknowledgeAlarm: build.mutation<
      Output<'alarms.acknowledge'>,
      MethodInput<'alarms.acknowledge'>
    >({
      query: (input) => call('alarms.acknowledge', input),
      invalidatesTags: ['Alarms'],
    }),
  }),
});

export const {
  useMetersQuery,
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
