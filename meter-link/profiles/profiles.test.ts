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
        if (mapping.kind === 'dlt645-prices')
          for (const di of mapping.dis) expect([di, dataId(di)?.writable]).toEqual([di, true]);
        // The box's DIs are registered; what sets a control can write it, and none is standard.
        if (mapping.kind === 'dlt645-box' || mapping.kind === 'modbus-box') {
          expect([operation, source]).toEqual([operation, 'assumed']);
          for (const di of mapping.dis)
            expect([
              di,
              dataId(di)?.di,
              operation.startsWith('read') || dataId(di)?.writable,
            ]).toEqual([di, di, true]);
        }
        if (mapping.kind === 'unavailable') expect(source).toBe('assumed');
        // Nothing of Modbus comes from the standard: the register map is PowerTill's assumption.
        if (profile.protocol === 'modbus')
          expect([operation, source]).toEqual([operation, 'assumed']);
      }
  });

  it('give each model its DL/T 645 and its Modbus variant, registers apart from each other', () => {
    for (const model of ['DDSY1352-NK', 'DTSY1352-NK']) {
      const modbus = Object.values(
        PROFILES.find((p) => p.model === model && p.protocol === 'modbus')!.operations,
      );
      const used = new Map<string, number>();
      for (const { mapping } of modbus) {
        if (mapping.kind === 'modbus-read' || mapping.kind === 'modbus-write') {
          const words = mapping.kind === 'modbus-read' ? mapping.words : 2;
          const fn = mapping.kind === 'modbus-read' ? mapping.fn : 3;
          for (let w = 0; w < words; w += 1) {
            const key = `${fn}:${mapping.register + w}`;
            used.set(key, (used.get(key) ?? 0) + 1);
          }
        }
      }
      expect([...used].filter(([, n]) => n > 1)).toEqual([]);
      expect(mappingOf(model, 'readRemainingMoney', 'modbus').mapping).toMatchObject({
        kind: 'modbus-read',
        register: 2,
      });
    }
  });

  it('say plainly that remote recharge is assumed, and what has no map', () => {
    expect(mappingOf('DDSY1352-NK', 'recharge')).toEqual({
      source: 'assumed',
      mapping: { kind: 'dlt645-recharge' },
    });
    expect(mappingOf('DDSY1352-NK', 'readRemainingMoney')).toEqual({
      source: 'standard',
      mapping: { kind: 'dlt645-read', di: '00900200' },
    });
    // An ADF300 circuit on Modbus answers the NK map at its own station, and the box's DIs in
    // registers.
    expect(mappingOf('ADF300', 'readEnergy', 'modbus').mapping.kind).toBe('modbus-read');
    expect(mappingOf('ADF300', 'setTimeControl', 'modbus')).toMatchObject({
      mapping: { kind: 'modbus-box', dis: ['04A10001', '04A10002', '04A10003'] },
      source: 'assumed',
    });
    expect(mappingOf('DDS1352', 'readEnergy').mapping.kind).toBe('unavailable');
  });
});
