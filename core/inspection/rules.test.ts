// Each inspection rule fires on what it names and stays quiet on an ordinary report.
import { inspect, type MeterReport } from './rules';

const report = (over: Partial<MeterReport> = {}): MeterReport => ({
  loadedCount: 3,
  remainingFen: 5_000,
  cumulativeEnergy: 10_000,
  illegalInsertCount: 0,
  tamperFlags: 0,
  writtenAt: '2026-11-10 09:00:00',
  ...over,
});

const books = { purchaseCount: 3, creditGivenFen: 30_000 };

/** A shop using about 10 kWh (1,000 units) a day for `days` days up to 2026-11-10. */
function history(days: number): MeterReport[] {
  return Array.from({ length: days + 1 }, (_, i) =>
    report({
      cumulativeEnergy: 10_000 - (days - i) * 1_000,
      writtenAt: `2026-11-${String(10 - days + i).padStart(2, '0')} 09:00:00`,
    }),
  );
}

const rules = (r: MeterReport, earlier: MeterReport[] = [], ledger = books) =>
  inspect(r, earlier, ledger).map((f) => f.rule);

describe('inspection rules', () => {
  it('an ordinary report finds nothing', () => {
    const earlier = history(5);
    const next = report({ cumulativeEnergy: 11_000, writtenAt: '2026-11-11 09:00:00' });
    expect(inspect(next, earlier, books)).toEqual([]);
  });

  it('names new tamper flags, once', () => {
    const first = inspect(report({ tamperFlags: 5 }), [report()], books);
    expect(first).toEqual([
      { rule: 'tamper', severity: 'critical', details: { flags: 'cover-opened,reverse-current' } },
    ]);
    expect(rules(report({ tamperFlags: 5 }), [report({ tamperFlags: 5 })])).toEqual([]);
  });

  it('names a rise in illegal insertions, not a count a clear card reset', () => {
    expect(inspect(report({ illegalInsertCount: 2 }), [report()], books)[0]).toMatchObject({
      rule: 'illegal-inserts',
      details: { before: 0, after: 2 },
    });
    expect(rules(report({ illegalInsertCount: 0 }), [report({ illegalInsertCount: 4 })])).toEqual(
      [],
    );
  });

  it('names a meter count ahead of the purchases sold', () => {
    expect(rules(report({ loadedCount: 4 }))).toContain('count-ahead');
    expect(rules(report({ loadedCount: 3 }))).not.toContain('count-ahead');
  });

  it('names credit the books never gave, and credit that rose without a purchase', () => {
    expect(rules(report({ remainingFen: 30_001 }))).toContain('credit-not-sold');
    expect(rules(report({ remainingFen: 30_000 }))).not.toContain('credit-not-sold');
    expect(rules(report({ remainingFen: 6_000 }), [report()])).toEqual(['credit-jump']);
    // A purchase loaded in between explains the rise.
    expect(
      rules(report({ remainingFen: 6_000, loadedCount: 3 }), [report({ loadedCount: 2 })]),
    ).toEqual([]);
  });

  it('names an energy register that went backwards', () => {
    expect(rules(report({ cumulativeEnergy: 9_000 }), [report()])).toEqual(['energy-went-back']);
  });

  it('names consumption far below or far above the shop’s own usual, with enough history', () => {
    const earlier = history(5);
    const low = report({ cumulativeEnergy: 10_150, writtenAt: '2026-11-11 09:00:00' });
    expect(inspect(low, earlier, books)).toEqual([
      {
        rule: 'consumption-low',
        severity: 'warning',
        details: { dailyE2: 150, usualDailyE2: 1_000 },
      },
    ]);
    const high = report({ cumulativeEnergy: 14_000, writtenAt: '2026-11-11 09:00:00' });
    expect(rules(high, earlier)).toEqual(['consumption-high']);
    // Two intervals of history are not enough to call anything unusual.
    expect(rules(low, history(2))).toEqual([]);
    // Nor is a report a few hours after the last one.
    expect(
      rules(report({ cumulativeEnergy: 10_010, writtenAt: '2026-11-10 12:00:00' }), earlier),
    ).toEqual([]);
  });

  it('without books (a meter no account holds) only the meter’s own rules apply', () => {
    expect(inspect(report({ loadedCount: 99, remainingFen: 1e6 }), [], null)).toEqual([]);
  });
});
