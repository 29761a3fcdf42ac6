import { LANGUAGES } from '../errors';
import { formatMoney } from '../units';
import { paperWords, type PaperWords } from './words';

const TOTALS = {
  salesFen: 100,
  reversalsFen: 0,
  refundsFen: 0,
  netFen: 100,
  cardFeesFen: 1_000,
  collectedFen: 1_100,
  salesCount: 1,
  reversalsCount: 0,
  refundsCount: 2,
  cardFeesCount: 1,
  grantsFen: 0,
  grantsCount: 0,
};
const COUNTS = { salesCount: 1, reversalsCount: 2, refundsCount: 0, cardFeesCount: 1 };

/** Every printed text of a dictionary, functions called with sample arguments, by its path. */
function texts(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const key = path.split('.').pop();
    if (key === 'headerNamesReceipt') return [];
    const out =
      key === 'summary'
        ? (value as PaperWords['salesReport']['summary'])(TOTALS, formatMoney)
        : key === 'counts'
          ? (value as PaperWords['shift']['counts'])(COUNTS)
          : key === 'amountInWords'
            ? (value as (fen: number) => string)(123_450)
            : key === 'filter'
              ? (value as (parts: string[]) => string)(['A', 'B'])
              : key === 'allowanceOf'
                ? (value as (month: string) => string)('2026-09')
                : (value as (...args: unknown[]) => string)(1, 'X', 'Y');
    return [[path, String(out)]];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => texts(v, `${path}.${k}`));
  return [];
}

describe('paper words', () => {
  it('gives both languages the same words, none of them empty', () => {
    const [zh, en] = LANGUAGES.map((language) => texts(paperWords(language), 'w'));
    expect(en!.map(([path]) => path)).toEqual(zh!.map(([path]) => path));
    // A sale's amount carries no label on purpose: the figure stands alone under the receipt.
    for (const [path, text] of [...zh!, ...en!].filter(([p]) => !p.endsWith('amountLabels.sale')))
      expect([path, text.trim()]).not.toEqual([path, '']);
  });

  it('prints English without Chinese characters or full-width punctuation', () => {
    for (const [path, text] of texts(paperWords('en'), 'w'))
      expect([path, text]).not.toEqual([
        path,
        expect.stringMatching(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/),
      ]);
  });

  it('counts in English with the right plural', () => {
    const en = paperWords('en');
    expect(en.shift.counts(COUNTS)).toBe('1 sale, 2 reversals, 0 refunds, 1 card fee');
    expect(en.salesReport.summary(TOTALS, formatMoney)).toBe(
      '1 sale ¥1.00, 0 reversals ¥0.00, 2 refunds ¥0.00, net ¥1.00; 1 card fee ¥10.00, collected in all ¥11.00',
    );
    // The office's grants are sales, not money taken in.
    expect(
      en.salesReport.summary(
        {
          ...TOTALS,
          salesFen: 600,
          netFen: 600,
          grantsFen: 500,
          grantsCount: 2,
          collectedFen: 1_100,
        },
        formatMoney,
      ),
    ).toBe(
      '1 sale ¥6.00, 0 reversals ¥0.00, 2 refunds ¥0.00, net ¥6.00; 1 card fee ¥10.00; of the sales, 2 office grants ¥5.00 (paid by the office, not taken in), collected in all ¥11.00',
    );
    expect(en.tableScope('Open', 1, 'now')).toBe('Open  1 record  Printed now');
  });

  it('knows a header that already names the receipt, in either language', () => {
    expect(paperWords('zh-CN').receipt.headerNamesReceipt('万达广场 预付费电费收据')).toBe(true);
    expect(paperWords('en').receipt.headerNamesReceipt('Wanda Plaza electricity receipt')).toBe(
      true,
    );
    expect(paperWords('en').receipt.headerNamesReceipt('Wanda Plaza')).toBe(false);
  });
});
