// Every method of the contract, called by an admin with inputs made wrong field by field (missing,
// wrong type, too long, too large, below zero, not a choice, control characters, an unknown key),
// through the real dispatcher. What the renderer would show, in zh-CN and in English, must name
// no identifier (camelCase, a field path), no "fen", and none of the validator's prose; each field
// issue is a code with its limit in the user's unit.
import { api, METHOD_NAMES } from '../../shared/api/contract';
import { issueText } from '../../shared/api/fieldIssues';
import { formatErrorMessage, LANGUAGES, type ApiError } from '../../shared/errors';
import { openTestCore, setUpOffice, type TestCore } from '../../core/testing';

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  checks?: { _zod: { def: { check: string; value?: number; maximum?: number } } }[];
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Through wrappers to the schema that says what a value must be. */
function core(def: Def): Def {
  for (let d = def; ;) {
    if (d.innerType) d = defOf(d.innerType);
    else if (d.type === 'pipe' && d.in) d = defOf(d.in);
    else return d;
  }
}

/** Wrong values for a field of this kind. */
function wrongValues(def: Def): unknown[] {
  const d = core(def);
  switch (d.type) {
    case 'string':
      return [12, 'x'.repeat(5_000), '', '\u202Eevil', '\u0007bell'];
    case 'number':
      return ['12', 1.5, -5, 1e15];
    case 'boolean':
      return ['yes'];
    case 'enum':
    case 'literal':
      return ['no-such-choice', 7];
    case 'array':
      return ['x', Array.from({ length: 600 }, () => ({}))];
    case 'object':
      return ['x', { unknownThing: 1 }];
    default:
      return [{ wrong: true }, 'x'];
  }
}

/** Each leaf of an input schema, as a path and its definition. */
function leaves(def: Def, path: string[] = [], depth = 0): { path: string[]; def: Def }[] {
  const d = core(def);
  if (depth > 6) return [];
  if (d.type === 'object' && d.shape) {
    const inner = Object.entries(d.shape).flatMap(([key, child]) =>
      leaves(child._zod.def, [...path, key], depth + 1),
    );
    return path.length === 0 ? inner : [{ path, def: d }, ...inner];
  }
  if ((d.type === 'union' || d.type === 'discriminatedUnion') && d.options?.[0])
    return leaves(d.options[0]._zod.def, path, depth + 1);
  if (d.type === 'array' && d.element)
    return [{ path, def: d }, ...leaves(d.element._zod.def, [...path, '0'], depth + 1)];
  return path.length === 0 ? [] : [{ path, def: d }];
}

function inputWith(path: string[], value: unknown): unknown {
  let out: unknown = value;
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const key = path[i]!;
    out = /^\d+$/.test(key) ? [out] : { [key]: out };
  }
  return out;
}

const IDENTIFIER = /\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b[A-Za-z_]+\.[A-Za-z_][A-Za-z_0-9]*\b/;
const VALIDATOR_PROSE =
  /expected|received|too big|too small|invalid input|invalid option|unrecognized|<=|>=|string to have|\bNaN\b|undefined|\{\w+\}/i;
const FULL_WIDTH = /[，。：；（）“”！？、]/;

describe('validation messages across the whole contract', () => {
  let core_: TestCore;
  let admin: string;
  const shown: { method: string; input: unknown; language: string; text: string }[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    core_ = await openTestCore();
    admin = (await setUpOffice(core_)).sessionId;
    for (const method of METHOD_NAMES) {
      const def = defOf(api[method].input);
      const inputs: unknown[] = [{ somethingUnknown: 1 }, 'not an object'];
      for (const leaf of leaves(def))
        for (const value of wrongValues(leaf.def)) inputs.push(inputWith(leaf.path, value));
      for (const input of inputs) {
        const reply = await core_.call(method, input as never, admin);
        if (reply.ok) continue;
        const error = reply.error as ApiError;
        if (error.code !== 'VALIDATION_FAILED' && error.code !== 'TEXT_CHARACTERS_REFUSED')
          continue;
        for (const language of LANGUAGES) {
          const texts = [
            formatErrorMessage(error, language),
            ...(error.issues ?? []).map((issue) => issueText(issue, language)),
          ];
          for (const text of texts) shown.push({ method, input, language, text });
        }
      }
    }
    for (const { method, input, language, text } of shown) {
      const where = `${method} ${JSON.stringify(input).slice(0, 80)} [${language}]: ${text}`;
      if (IDENTIFIER.test(text.replace(/¥[\d,.]+|[\d.]+ (yuan\/kWh|kWh)|\d+\.\d+/g, '')))
        problems.push(`identifier in ${where}`);
      if (/\bfen\b/i.test(text)) problems.push(`"fen" in ${where}`);
      if (VALIDATOR_PROSE.test(text)) problems.push(`validator prose in ${where}`);
      if (language === 'en' && FULL_WIDTH.test(text))
        problems.push(`full-width punctuation in ${where}`);
    }
  }, 300_000);

  afterAll(async () => {
    await core_?.dispose();
  });

  it('produced a validation message for every method that takes input', () => {
    const methods = new Set(shown.map((s) => s.method));
    // A method whose input is the empty object still refuses an unknown key.
    expect(METHOD_NAMES.filter((m) => !methods.has(m))).toEqual([]);
    expect(shown.length).toBeGreaterThan(1_000);
  });

  it('names no identifier, no fen and no validator prose, in either language', () => {
    expect(problems.slice(0, 30)).toEqual([]);
  });

  it('gives limits in the user’s unit: money in yuan, text in characters', async () => {
    const sale = await core_.call(
      'sales.sell',
      { accountId: 1, amountFen: 100_000_000_01, paymentMethod: 'cash' },
      admin,
    );
    expect(sale).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        issues: [{ path: 'amountFen', code: 'too_large', limit: 100_000_000_00, unit: 'money' }],
      },
    });
    if (sale.ok) throw new Error('refused above');
    expect(formatErrorMessage(sale.error, 'zh-CN')).toBe(
      '输入有误：金额不能超过 ¥100,000,000.00。请检查后重试。',
    );
    const customer = await core_.call('customers.create', { name: '星'.repeat(61) }, admin);
    if (customer.ok) throw new Error('a 61-character name was taken');
    expect(formatErrorMessage(customer.error, 'en')).toBe(
      'Please check the input: Name takes at most 60 characters.',
    );
    const missing = await core_.call('customers.create', {} as never, admin);
    if (missing.ok) throw new Error('a customer without a name was taken');
    expect(formatErrorMessage(missing.error, 'zh-CN')).toBe(
      '输入有误：名称必须填写。请检查后重试。',
    );
  });
});
