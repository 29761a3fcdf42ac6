// Free-text hygiene: what the contract keeps, and what it refuses before it reaches a receipt.
import { freeText, isCleanText, TEXT_CHARACTERS_REFUSED } from './text';

describe('free text', () => {
  const name = freeText(10, { min: 1 });
  const notes = freeText(50, { multiline: true });
  const refusal = (value: string, schema = name) =>
    schema.safeParse(value).error?.issues.map((i) => i.message);

  it('keeps ordinary Chinese and English text, trimmed and composed (NFC)', () => {
    expect(name.parse('  星巴克咖啡 ')).toBe('星巴克咖啡');
    // "e" + combining acute is one letter once composed, and counts as one.
    expect(name.parse('Cafe\u0301')).toBe('Café');
    expect(name.parse('Cafe\u0301'.repeat(2).slice(0, 10))).toHaveLength(8);
    expect(notes.parse('第一行\n第二行')).toBe('第一行\n第二行');
    expect(name.parse('𠮷野家')).toBe('𠮷野家');
  });

  it.each([
    ['NUL', 'Star\u0000bucks'],
    ['bell', 'a\u0007b'],
    ['a C1 control', 'a\u0085b'],
    ['DEL', 'a\u007fb'],
    ['a line break in a one-line field', '星巴克\n咖啡'],
    ['right-to-left override', '星巴克\u202E啡咖'],
    ['left-to-right isolate', 'a\u2066b'],
    ['right-to-left mark', 'a\u200Fb'],
    ['a byte-order mark inside', '星\uFEFF巴克'],
    ['a lone high surrogate', 'a\uD83Db'],
    ['a lone low surrogate', 'a\uDE00b'],
  ])('refuses %s', (_what, value) => {
    expect(refusal(value)).toContain(TEXT_CHARACTERS_REFUSED);
  });

  it('allows line breaks only where the field has lines', () => {
    expect(isCleanText('a\nb', true)).toBe(true);
    expect(isCleanText('a\nb')).toBe(false);
    expect(isCleanText('a\u0000b', true)).toBe(false);
  });
});
