// The week grid's cells and the on-periods the box takes, both ways.
import { CELLS, cellsOf, fitsTable, periodsOf, tableOf } from './weekGrid';

describe('the week grid', () => {
  it('turns lights-out into cells and back', () => {
    const cells = cellsOf([{ from: '06:30', to: '23:00' }]);
    expect(cells.filter(Boolean)).toHaveLength(33);
    expect(cells[12]).toBe(false); // 06:00–06:30
    expect(cells[13]).toBe(true); // 06:30–07:00
    expect(cells[45]).toBe(true); // 22:30–23:00
    expect(cells[46]).toBe(false);
    expect(periodsOf(cells)).toEqual([{ from: '06:30', to: '23:00' }]);
  });

  it('keeps a period running to midnight, and rounds odd minutes out to the half hour', () => {
    expect(periodsOf(cellsOf([{ from: '18:00', to: '24:00' }]))).toEqual([
      { from: '18:00', to: '24:00' },
    ]);
    expect(periodsOf(cellsOf([{ from: '07:10', to: '08:40' }]))).toEqual([
      { from: '07:00', to: '09:00' },
    ]);
    expect(periodsOf(Array(CELLS).fill(true))).toEqual([{ from: '00:00', to: '24:00' }]);
    expect(periodsOf(Array(CELLS).fill(false))).toEqual([]);
  });

  it('says when a day has more on-periods than the box holds', () => {
    const nine = Array.from({ length: CELLS }, (_, c) => c % 4 === 0 && c < 36);
    expect(periodsOf(nine)).toHaveLength(9);
    expect(fitsTable(nine)).toBe(false);
    expect(fitsTable(nine.map((on, c) => on && c < 32))).toBe(true);
  });

  it('shows each day the table its mode gives it', () => {
    expect([0, 4, 5, 6].map((d) => tableOf('auto', d))).toEqual([
      'weekday',
      'weekday',
      'holiday',
      'holiday',
    ]);
    expect(tableOf('holiday', 1)).toBe('holiday');
    expect(tableOf('off', 1)).toBeNull();
  });
});
