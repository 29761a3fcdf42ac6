// Bench helpers: percentiles and the result file every bench writes.
import fs from 'node:fs';
import path from 'node:path';

export type Metrics = Record<string, { value: number; unit: string; goal?: string; met?: boolean }>;

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

export function writeResult(name: string, metrics: Metrics) {
  const dir = path.resolve(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ metrics }, null, 2)}\n`);
  console.log(`${name}: ${file}`);
  for (const [metric, { value, unit, goal, met }] of Object.entries(metrics)) {
    const verdict = met === undefined ? '' : met ? ' met' : ' NOT MET';
    console.log(`  ${metric}: ${value} ${unit}${goal ? `  (goal ${goal}${verdict})` : ''}`);
  }
}

/** A metric with an upper goal: `met` judged on the unrounded value. */
export function atMost(value: number, unit: string, limit: number, digits = 1): Metrics[string] {
  return { value: round(value, digits), unit, goal: `<= ${limit}`, met: value <= limit };
}
