// Device profiles as data: for each meter model, which protocol it speaks and how each logical
// operation the office needs maps onto that protocol. Every mapping says where it comes from: the
// DL/T 645-2007 standard itself, or an assumption pending the vendor's manual (Acrel's own maps are
// not public). `docs/protocols.md` is the same table for people.

export const OPERATIONS = [
  'readAddress',
  'readEnergy',
  'readRemainingMoney',
  'readPurchaseCount',
  'readCumulativePurchased',
  'readPrice',
  'readStatus',
  'readVoltage',
  'readCurrent',
  'readPower',
  'relayTrip',
  'relayAllowClose',
  'keepPower',
  'setAlarm1',
  'setAlarm2',
  'setOverdraft',
  'setHoarding',
  'timeSync',
  'recharge',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export type Mapping =
  | { kind: 'dlt645-read'; di: string }
  | { kind: 'dlt645-write'; di: string }
  | { kind: 'dlt645-relay'; action: 'trip' | 'allowClose' | 'keepPower' }
  | { kind: 'dlt645-address' }
  | { kind: 'dlt645-broadcast-time' }
  /** 070102FF under the security code 0x03 (meter-link/dlt645/recharge.ts). */
  | { kind: 'dlt645-recharge' }
  /** Not mapped: the reason says what is missing (usually the vendor's manual). */
  | { kind: 'unavailable'; why: string };

export interface Mapped {
  mapping: Mapping;
  /** `standard`: DL/T 645-2007 defines it; `assumed`: PowerTill's reading, to check with the vendor. */
  source: 'standard' | 'assumed';
}

export interface DeviceProfile {
  model: string;
  protocol: 'dlt645';
  phases: 1 | 3;
  /** Metering circuits behind one address (ADF300: 12, 24 or 36, each an account). */
  circuits: number;
  operations: Record<Operation, Mapped>;
}

const std = (mapping: Mapping): Mapped => ({ mapping, source: 'standard' });
const read = (di: string) => std({ kind: 'dlt645-read', di });
const write = (di: string) => std({ kind: 'dlt645-write', di });
const assumed = (mapping: Mapping): Mapped => ({ mapping, source: 'assumed' });
const pending = (why: string): Mapped => ({
  mapping: { kind: 'unavailable', why },
  source: 'assumed',
});

/** What a prepaid DL/T 645-2007 meter offers by the standard's data identifiers. */
function prepaidDlt645(): Record<Operation, Mapped> {
  return {
    readAddress: std({ kind: 'dlt645-address' }),
    readEnergy: read('00010000'),
    readRemainingMoney: read('00900200'),
    readPurchaseCount: read('03330201'),
    readCumulativePurchased: read('03330601'),
    readPrice: read('02800020'),
    readStatus: read('04000503'),
    readVoltage: read('02010100'),
    readCurrent: read('02020100'),
    readPower: read('02030000'),
    relayTrip: std({ kind: 'dlt645-relay', action: 'trip' }),
    relayAllowClose: std({ kind: 'dlt645-relay', action: 'allowClose' }),
    keepPower: std({ kind: 'dlt645-relay', action: 'keepPower' }),
    setAlarm1: write('04001001'),
    setAlarm2: write('04001002'),
    setOverdraft: write('04001003'),
    setHoarding: write('04001004'),
    timeSync: std({ kind: 'dlt645-broadcast-time' }),
    // DL/T 645-2007 itself has no purchase command; State Grid's cost-control meters take one
    // under the security code 0x03 (070102FF). Assumed for Acrel's NK meters until their manual
    // says otherwise; the landing is verified with the standard's 03330201 and 03330601 reads.
    recharge: assumed({ kind: 'dlt645-recharge' }),
  };
}

export const PROFILES: readonly DeviceProfile[] = [
  {
    model: 'DDSY1352-NK',
    protocol: 'dlt645',
    phases: 1,
    circuits: 1,
    operations: prepaidDlt645(),
  },
  {
    model: 'DTSY1352-NK',
    protocol: 'dlt645',
    phases: 3,
    circuits: 1,
    operations: prepaidDlt645(),
  },
];

export function profileOf(model: string): DeviceProfile | undefined {
  return PROFILES.find((p) => p.model === model);
}

/** The mapping of an operation, or why it cannot be done on this model. */
export function mappingOf(model: string, operation: Operation): Mapped {
  const profile = profileOf(model);
  if (!profile) return pending(`no profile for ${model} yet`);
  return profile.operations[operation];
}
