// Expected strings written by hand following the usual rules for 大写金额 on Chinese receipts.
import { chineseAmount } from './chineseAmount';

describe('amounts in Chinese capitals', () => {
  it.each([
    [0, '零元整'],
    [1, '壹分'],
    [10, '壹角'],
    [15, '壹角伍分'],
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [150, '壹元伍角'],
    [10_000, '壹佰元整'],
    [10_050, '壹佰元伍角'],
    [100_000, '壹仟元整'],
    [123_450, '壹仟贰佰叁拾肆元伍角'],
    [100_100, '壹仟零壹元整'],
    [101_000, '壹仟零壹拾元整'],
    [1_000_000, '壹万元整'],
    [1_005_000, '壹万零伍拾元整'],
    [10_000_000, '壹拾万元整'],
    [12_345_678, '壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
    [100_000_000_00, '壹亿元整'],
  ])('%d fen is %s', (fen, text) => {
    expect(chineseAmount(fen)).toBe(text);
  });

  it('refuses negative or fractional amounts', () => {
    expect(() => chineseAmount(-1)).toThrow(RangeError);
    expect(() => chineseAmount(1.5)).toThrow(RangeError);
  });
});
