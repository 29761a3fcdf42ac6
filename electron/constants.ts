// Names the shell and its preload agree on.
export const APP_SCHEME = 'app';
export const APP_HOST = 'powertill';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const INVOKE_CHANNEL = 'powertill:invoke';
export const EVENT_CHANNEL = 'powertill:event';
