// The card's media from its ATR, as PC/SC readers report it (sometimes zero-padded to 33 bytes).
import { mediaOf } from './cardService';

const atr = (hex: string) => Buffer.from(hex, 'hex');

describe('media from the ATR', () => {
  it('knows an SLE4442, also when the ATR comes zero-padded', () => {
    expect(mediaOf(atr('3b04a2131091'))).toBe('sle4442');
    expect(mediaOf(atr('3b0492231091'))).toBe('sle4442');
    expect(mediaOf(atr(`3b04a2131091${'00'.repeat(27)}`))).toBe('sle4442');
  });

  it('takes other ISO 7816 ATRs for CPU cards, and refuses what is no ATR', () => {
    expect(mediaOf(atr('3b9f958131fe9f006546530534'))).toBe('cpu');
    expect(mediaOf(atr('3b04a2131092'))).toBe('cpu');
    expect(mediaOf(atr('ff00'))).toBeNull();
  });
});
