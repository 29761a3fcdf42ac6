// Preloaded with `node --require` to start the host as on a PC where the optional `smartcard`
// binding could not be built: resolving it fails exactly as a missing module does.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithoutSmartcard(request, ...rest) {
  if (request === 'smartcard') {
    const error = new Error(`Cannot find module '${request}'`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
