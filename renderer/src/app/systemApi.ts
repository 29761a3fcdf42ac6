// System endpoints: app info, and the hardware status kept live by push events.
import { api, call, type Output } from './api';
import { bridge } from './bridge';

export const systemApi = api.injectEndpoints({
  endpoints: (build) => ({
    systemInfo: build.query<Output<'system.info'>, void>({
      query: () => call('system.info'),
      providesTags: ['System'],
    }),
    hardwareStatus: build.query<Output<'system.hardwareStatus'>, void>({
      query: () => call('system.hardwareStatus'),
      async onCacheEntryAdded(_arg, { updateCachedData, cacheDataLoaded, cacheEntryRemoved }) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const stop = bridge().on((event) => {
          if (event.name === 'hardware.status') updateCachedData(() => event.payload);
        });
        await cacheEntryRemoved;
        stop();
      },
    }),
  }),
});

export const { useSystemInfoQuery, useHardwareStatusQuery } = systemApi;
