// The customer display (客显): what it shows, the cashier's quote and rest, its settings.
import { injectFromContract } from '../../app/api';

export const displayApi = injectFromContract(({ query, mutation }) => ({
  displayState: query('display.state'),
  quoteOnDisplay: mutation('display.quote'),
  restDisplay: mutation('display.rest'),
  testDisplay: mutation('display.test'),
  configureDisplay: mutation('display.configure'),
  hidDevices: query('display.hidDevices'),
}));

export const {
  useDisplayStateQuery,
  useQuoteOnDisplayMutation,
  useRestDisplayMutation,
  useTestDisplayMutation,
  useConfigureDisplayMutation,
  useHidDevicesQuery,
} = displayApi;
