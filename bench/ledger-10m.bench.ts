// ledger-10m: the ledger bench on 10,000,000 sales over ten years, the yearly report's goal 200 ms
// and the sale commit as on a million. Run on demand (`npm run bench ledger-10m`), never by a plain
// `npm run bench` or in CI: generating it takes several minutes and gigabytes of disk.
process.env.BENCH_SALES ??= '10000000';
process.env.BENCH_YEARS ??= '10';
process.env.BENCH_RESULT = 'ledger-10m';
process.env.BENCH_YEARLY_GOAL_MS = '200';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./ledger.bench');
