// Every value the screens name through a template key (`batch.operations.${op}` and the like)
// has its words in both languages: a new batch operation, journal kind or dorm mode cannot reach
// a cashier as its raw key.
import { BATCH_OPERATIONS } from '../../../shared/api/meterLink';
import { DEVICE_OPERATION_KINDS } from '../../../shared/api/journal';
import { CIRCUIT_PURPOSES } from '../../../shared/api/dorms';
import { FORCED_MODES, TIME_CONTROL_MODES } from '../../../shared/api/boxControls';
import { en } from './en';
import { zhCN } from './zh-CN';

const lookup = (messages: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], messages);

const KEYS: [string, readonly string[]][] = [
  ['batch.operations', BATCH_OPERATIONS],
  ['journal.kinds', DEVICE_OPERATION_KINDS],
  ['dorms.purposes', CIRCUIT_PURPOSES],
  ['dorms.forcedModes', FORCED_MODES],
  ['dorms.grid.modes', TIME_CONTROL_MODES],
  ['dorms.grid.short', TIME_CONTROL_MODES],
  [
    'meters.relay',
    ['trip', 'allowClose', 'keepPower', 'setLimits', 'setTariff', 'setBoxControls', 'force'],
  ],
];

describe('the words for every named value', () => {
  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('are all there in %s', (_language, messages) => {
    const missing = KEYS.flatMap(([prefix, values]) =>
      values
        .filter((v) => typeof lookup(messages, `${prefix}.${v}`) !== 'string')
        .map((v) => `${prefix}.${v}`),
    );
    expect(missing).toEqual([]);
  });
});
