// A simulated ADF300 multi-user box: up to 36 prepaid circuits, each a meter of its own on the
// bus at the box's number plus its circuit number (the profile's assumption), each taking remote
// recharges under the key it was installed with, relay and limits, and counting its own energy.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { circuitAddress } from '../../meter-link/profiles/profiles';
import { NkMeter } from './nkMeter';

export function adfBox(
  boxNo: string,
  circuits: number,
  officeSecret: Buffer,
  init: (circuit: number) => Partial<NkMeter['state']> = () => ({}),
): NkMeter[] {
  return Array.from({ length: circuits }, (_, i) => {
    const address = circuitAddress(boxNo, i + 1);
    return new NkMeter({ ...init(i + 1), address }, meterRechargeKey(officeSecret, address));
  });
}
