// Meters (电表, F4): the meter list, the office's RS485 line, live readings and relay commands.
import type { MethodInput } from '../../../../shared/api/contract';
import { call, type Output } from '../../app/api';
import { ledgerApi } from '../ledger/ledgerApi';

// On the ledger's slice: a reading can settle a recharge, which changes the account rows.
const meters = ledgerApi.enhanceEndpoints({ addTagTypes: ['MeterLine', 'MeterCommands'] });

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
      invalidatesTags: (result) =>
        result?.settled ? ['MeterLine', 'Accounts', 'Sales'] : ['MeterLine'],
    }),
    relay: build.mutation<Output<'meters.relay'>, MethodInput<'meters.relay'>>({
      query: (input) => call('meters.relay', input),
      invalidatesTags: ['MeterCommands', 'MeterLine'],
    }),
    meterCommands: build.query<Output<'meters.commands'>, number>({
      query: (meterId) => call('meters.commands', { meterId, limit: 20 }),
      providesTags: ['MeterCommands'],
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
  useMeterCommandsQuery,
} = metersApi;
