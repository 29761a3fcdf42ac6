// The tariff block's fields <-> a tariff definition (shared/tariff.ts), so the CLI and the ledger
// speak tariffs and only the card speaks price1…, segment1…, threshold1….
import {
  TOU_RATES,
  tariffDefinitionSchema,
  type TariffDefinition,
  type TouRate,
} from '../../shared/tariff';
import type { BlockValues } from './fields';

const KIND_CODES = { flat: 0, tou: 1, stepped: 2 } as const;
const UNUSED_SEGMENT = 0xffff;
const OPEN_THRESHOLD = 0xffff_ffff;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function tariffToBlock(definition: TariffDefinition): BlockValues {
  const values: BlockValues = {
    tariffKind: KIND_CODES[definition.kind],
    freeAllowance: definition.freeAllowance,
  };
  for (let i = 1; i <= 6; i += 1) values[`price${i}`] = 0;
  for (let i = 1; i <= 8; i += 1) values[`segment${i}`] = UNUSED_SEGMENT;
  for (let i = 1; i <= 5; i += 1) values[`threshold${i}`] = OPEN_THRESHOLD;
  switch (definition.kind) {
    case 'flat':
      values.rateCount = 1;
      values.price1 = definition.price;
      break;
    case 'tou':
      values.rateCount = TOU_RATES.filter((r) => definition.rates[r] !== undefined).length;
      TOU_RATES.forEach((rate, i) => {
        values[`price${i + 1}`] = definition.rates[rate] ?? 0;
      });
      definition.segments.forEach((segment, i) => {
        values[`segment${i + 1}`] =
          (minutesOf(segment.start) << 2) | TOU_RATES.indexOf(segment.rate);
      });
      break;
    case 'stepped':
      values.rateCount = definition.steps.length;
      definition.steps.forEach((step, i) => {
        values[`price${i + 1}`] = step.price;
        if (step.upTo !== null) values[`threshold${i + 1}`] = step.upTo;
      });
      break;
  }
  return values;
}

/** The definition a tariff block holds, or an error text when the block makes no tariff. */
export function blockToTariff(values: BlockValues): TariffDefinition | string {
  const n = (name: string) => values[name] as number;
  const freeAllowance = n('freeAllowance');
  let candidate: unknown;
  switch (n('tariffKind')) {
    case KIND_CODES.flat:
      candidate = { kind: 'flat', price: n('price1'), freeAllowance };
      break;
    case KIND_CODES.tou: {
      const rates: Partial<Record<TouRate, number>> = {};
      TOU_RATES.forEach((rate, i) => {
        if (n(`price${i + 1}`) > 0) rates[rate] = n(`price${i + 1}`);
      });
      const segments = [];
      for (let i = 1; i <= 8; i += 1) {
        const word = n(`segment${i}`);
        if (word === UNUSED_SEGMENT) break;
        segments.push({ start: clockOf(word >> 2), rate: TOU_RATES[word & 3]! });
      }
      candidate = { kind: 'tou', rates, segments, freeAllowance };
      break;
    }
    case KIND_CODES.stepped: {
      const steps = [];
      for (let i = 1; i <= n('rateCount') && i <= 6; i += 1) {
        const threshold = i <= 5 ? n(`threshold${i}`) : OPEN_THRESHOLD;
        steps.push({
          upTo: threshold === OPEN_THRESHOLD ? null : threshold,
          price: n(`price${i}`),
        });
      }
      candidate = { kind: 'stepped', steps, freeAllowance };
      break;
    }
    default:
      return `unknown tariff kind ${n('tariffKind')}`;
  }
  const parsed = tariffDefinitionSchema.safeParse(candidate);
  return parsed.success
    ? parsed.data
    : `tariff block does not make a valid tariff: ${parsed.error.issues[0]?.message}`;
}
