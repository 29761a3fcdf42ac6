import { act, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { setBridge } from '../app/bridge';
import { makeStore } from '../app/store';
import i18n from '../i18n';
import { stubBrowser } from '../test/browserStubs';
import { LanguageSwitch } from './LanguageSwitch';

describe('the language switch', () => {
  beforeAll(stubBrowser);
  afterEach(() => setBridge(null));

  it('defaults to Chinese, switches to English and remembers it on this PC', async () => {
    const invoke = jest.fn(async () => ({ ok: true as const, value: null }));
    setBridge({ kind: 'http', invoke, on: () => () => undefined });
    localStorage.clear();
    await act(() => i18n.changeLanguage('zh-CN'));
    render(
      <Provider store={makeStore()}>
        <LanguageSwitch />
      </Provider>,
    );
    expect(i18n.language).toBe('zh-CN');
    await act(async () => fireEvent.click(screen.getByText('English')));
    expect(i18n.language).toBe('en');
    expect(localStorage.getItem('powertill.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    // Nobody is signed in, so no operator preference is saved.
    expect(invoke).not.toHaveBeenCalled();
  });
});
