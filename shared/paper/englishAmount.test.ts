import { englishAmount } from './englishAmount';

describe('englishAmount', () => {
  it.each([
    [0, 'Zero and 00/100 yuan'],
    [5, 'Zero and 05/100 yuan'],
    [1_500, 'Fifteen and 00/100 yuan'],
    [2_100, 'Twenty-one and 00/100 yuan'],
    [10_000, 'One hundred and 00/100 yuan'],
    [123_450, 'One thousand two hundred thirty-four and 50/100 yuan'],
    [100_000_005, 'One million and 05/100 yuan'],
    [
      1_234_567_899,
      'Twelve million three hundred forty-five thousand six hundred seventy-eight and 99/100 yuan',
    ],
    [10_000_000_000, 'One hundred million and 00/100 yuan'],
  ])('%i fen is "%s"', (fen, text) => {
    expect(englishAmount(fen)).toBe(text);
  });

  it('refuses what is not a whole, non-negative number of fen', () => {
    expect(() => englishAmount(-1)).toThrow(RangeError);
    expect(() => englishAmount(1.5)).toThrow(RangeError);
  });
});
