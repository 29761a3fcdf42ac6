// System endpoints: app info, and the hardware status kept live by push events.
import { injectFromContract } from './api';
import { bridge } from './bridge';

export const systemApi = injectFromContract(({ query }) => ({
  systemInfo: query('system.info'),
  hardwareStatus: query('system.hardwareStatus', {
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
}));

export const { useSystemInfoQuery, useHardwareStatusQuery } = systemApi;
