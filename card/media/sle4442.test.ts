// Which writes take one card image to the next: only what changed, joined into as few APDUs as fit.
import { APDU_BYTES, changedRanges, writeRuns } from './sle4442';

const image = (edits: Record<number, number> = {}) => {
  const bytes = Buffer.alloc(256);
  for (const [at, value] of Object.entries(edits)) bytes[Number(at)] = value;
  return bytes;
};

describe('SLE4442 write planning', () => {
  it('finds the changed ranges inside the window only', () => {
    const before = image();
    const after = image({ 10: 1, 40: 2, 41: 3, 250: 4 });
    expect(changedRanges(before, after, 32, 248)).toEqual([
      { offset: 40, data: Buffer.from([2, 3]) },
    ]);
  });

  it('joins nearby changes into one write, rewriting the unchanged bytes between with their own value', () => {
    const before = image({ 60: 9 });
    const after = image({ 60: 9, 50: 1, 70: 2, 200: 3 });
    const runs = writeRuns(before, after, 32, 248);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.offset).toBe(50);
    expect(runs[0]!.data).toEqual(after.subarray(50, 201));
    expect(runs[0]!.data[10]).toBe(9); // byte 60, unchanged, written with what it holds
  });

  it('starts a new write when joining would not fit one APDU', () => {
    const after = image({ 0: 1, [APDU_BYTES]: 2 });
    const runs = writeRuns(image(), after, 0, 256);
    expect(runs.map((r) => [r.offset, r.data.length])).toEqual([
      [0, 1],
      [APDU_BYTES, 1],
    ]);
  });

  it('writes nothing when nothing changed', () => {
    expect(writeRuns(image({ 99: 5 }), image({ 99: 5 }), 32, 248)).toEqual([]);
  });
});
