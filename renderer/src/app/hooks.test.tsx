// The one way a mutation's outcome is told (useFeedback), in this module's unit test: a success
// says its text (worked out from the data where it needs it) and lets the caller go on; a refusal
// says the error in the office's words and stops the caller.
import { act, render, screen } from '@testing-library/react';
import { App } from 'antd';
import i18n from '../i18n';
import { stubBrowser } from '../test/browserStubs';
import { useFeedback } from './hooks';

type Feedback = ReturnType<typeof useFeedback>;

function Probe({ onReady }: { onReady: (feedback: Feedback) => void }) {
  onReady(useFeedback());
  return null;
}

function mount(): Feedback {
  let feedback: Feedback | null = null;
  render(
    <App>
      <Probe onReady={(f) => (feedback = f)} />
    </App>,
  );
  return feedback!;
}

describe('useFeedback', () => {
  beforeAll(stubBrowser);
  beforeEach(() => act(() => i18n.changeLanguage('zh-CN')));

  it('says the success, from the data, and lets the caller go on', async () => {
    const feedback = mount();
    const result = { data: { cardNo: '000000000007' } } as
      { data: { cardNo: string }; error?: undefined } | { data?: undefined; error: unknown };
    let went = false;
    await act(async () => {
      went = feedback(result, (data) => `卡 ${data.cardNo} 已重写`);
    });
    expect(went).toBe(true);
    expect(await screen.findByText('卡 000000000007 已重写')).toBeTruthy();
  });

  it('says a refusal in the office’s words and stops the caller', async () => {
    const feedback = mount();
    let went = true;
    await act(async () => {
      went = feedback({ error: { code: 'FORBIDDEN' } }, '不该出现');
    });
    expect(went).toBe(false);
    expect(screen.queryByText('不该出现')).toBeNull();
    expect(await screen.findByText('操作失败')).toBeTruthy();
    expect(
      await screen.findByText('当前操作员没有执行此操作的权限，请联系主管或管理员。'),
    ).toBeTruthy();
  });
});
