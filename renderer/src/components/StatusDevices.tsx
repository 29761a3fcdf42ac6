// The tenant-facing devices in the status bar (the customer display, the SMS modem), loaded just
// after the first screen: the renderer's first bundle has a size budget (bench/host-start.bench.ts)
// and neither is needed to sign in or sell.
import { DisplayStatus } from '../features/display/DisplayStatus';
import { ModemStatus } from '../features/messages/ModemStatus';

export default function StatusDevices() {
  return (
    <>
      <DisplayStatus />
      <ModemStatus />
    </>
  );
}
