// The renderer's copy of each method's facts is the contract's: run `npm run facts` when this fails.
import { api } from './contract';
import { METHOD_FACTS } from './methodFacts';

describe('the method facts the renderer loads first', () => {
  it('are the contract’s, method for method', () => {
    expect(Object.keys(METHOD_FACTS).sort()).toEqual(Object.keys(api).sort());
    for (const [name, spec] of Object.entries(api))
      expect([name, METHOD_FACTS[name as keyof typeof api]]).toEqual([
        name,
        {
          access: spec.access,
          mutating: spec.mutating,
          ...('data' in spec && { data: spec.data }),
        },
      ]);
  });
});
