// Every profile maps every operation, every DI it names is in the registry with the right use,
// and nothing the standard does not define is passed off as standard.
import { dataId } from '../dlt645/dataIds';
import { mappingOf, OPERATIONS, PROFILES } from './profiles';

describe('device profiles', () => {
  it('map every operation, to a registered DI of the right kind', () => {
    for (const profile of PROFILES)
      for (const operation of OPERATIONS) {
        const { mapping, source } = profile.operations[operation];
        if (mapping.kind === 'dlt645-read' || mapping.kind === 'dlt645-write') {
          const known = dataId(mapping.di);
          expect([profile.model, operation, known?.di]).toEqual([
            profile.model,
            operation,
            mapping.di,
          ]);
          if (mapping.kind === 'dlt645-write')
            expect([operation, known?.writable]).toEqual([operation, true]);
        }
        if (mapping.kind === 'unavailable') expect(source).toBe('assumed');
      }
  });

  it('say plainly that remote recharge is assumed, and that unknown models have no map', () => {
    expect(mappingOf('DDSY1352-NK', 'recharge')).toEqual({
      source: 'assumed',
      mapping: { kind: 'dlt645-recharge' },
    });
    expect(mappingOf('DDSY1352-NK', 'readRemainingMoney')).toEqual({
      source: 'standard',
      mapping: { kind: 'dlt645-read', di: '00900200' },
    });
    expect(mappingOf('ADF300', 'readEnergy').mapping.kind).toBe('unavailable');
  });
});
