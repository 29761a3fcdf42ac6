// 交班 as the cashier sees it, with the backend behind a fake bridge (this component's unit test):
// a blind count (no books' figure before the hand-over), the hand-over only once every method is
// counted, a difference beyond the tolerance asking for a note and a supervisor, and the books'
// figures beside the count once it is closed.
import { act, fireEvent, screen } from '@testing-library/react';
import type { ShiftView } from '../../../../shared/api/ledgerTypes';
import type { ApiResult } from '../../../../shared/errors';
import { setBridge } from '../../app/bridge';
import i18n from '../../i18n';
import { renderAtTheOffice } from '../../test/atTheOffice';
import { stubBrowser } from '../../test/browserStubs';
import { HandOverDialog } from './HandOverDialog';

const money = (cash: number) => ({ cash, wechat: 0, alipay: 0, bank_card: 0 });
const openShift: ShiftView = {
  id: 7,
  operatorId: 2,
  operatorName: '李收费',
  state: 'open',
  openedAt: '2026-12-06T01:00:00Z',
  closedAt: null,
  expected: null,
  counted: null,
  salesCount: 3,
  reversalsCount: 0,
  refundsCount: 1,
  cardFeesCount: 0,
  note: '',
  approverName: null,
  refusedCounts: 0,
};

describe('the hand-over (交班)', () => {
  beforeAll(stubBrowser);
  afterEach(() => setBridge(null));

  it('counts blind, asks a supervisor for a difference, then shows the books beside the count', async () => {
    await act(() => i18n.changeLanguage('zh-CN'));
    const closes: unknown[] = [];
    const handedOver = jest.fn();
    renderAtTheOffice(
      <HandOverDialog onClose={() => undefined} onHandedOver={handedOver} />,
      (method, input): ApiResult<unknown> | undefined => {
        if (method === 'shifts.current') return { ok: true, value: openShift };
        if (method === 'shifts.close') {
          closes.push(input);
          // The first count is ¥50.00 short: refused; with a note and a supervisor, closed.
          if (!(input as { approval?: unknown }).approval)
            return {
              ok: false,
              error: { code: 'HANDOVER_DIFFERENCE', params: { tolerance: '1.00', left: 2 } },
            };
          return {
            ok: true,
            value: {
              ...openShift,
              state: 'closed',
              closedAt: '2026-12-06T09:00:00Z',
              expected: money(130_000),
              counted: money(125_000),
              note: '找零多给',
              approverName: '王主管',
            },
          };
        }
        return undefined;
      },
    );
    expect(await screen.findByText(/本班售电 3 笔/)).toBeTruthy();
    // Blind: nothing of the books' ¥1,300.00 is on screen before the hand-over.
    expect(screen.queryByText(/1,300/)).toBeNull();
    const confirm = screen.getByRole('button', { name: /确认交班/ });
    expect(confirm.hasAttribute('disabled')).toBe(true);

    const count = (method: string, yuan: string) =>
      fireEvent.change(screen.getByLabelText(`实收（元） ${method}`), { target: { value: yuan } });
    count('现金', '1250');
    count('微信', '0');
    count('支付宝', '0');
    // One method still uncounted: no hand-over yet.
    expect(confirm.hasAttribute('disabled')).toBe(true);
    count('银行卡', '0');
    expect(confirm.hasAttribute('disabled')).toBe(false);

    await act(async () => fireEvent.click(confirm));
    expect(closes).toEqual([{ counted: money(125_000), note: '' }]);
    expect(await screen.findByText(/请主管输入自己的登录名和密码审批/)).toBeTruthy();
    // A note and the supervisor's sign-in are wanted before it can go again.
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByLabelText('主管登录名'), { target: { value: 'wang' } });
    fireEvent.change(screen.getByLabelText('主管密码'), { target: { value: 'Super1234' } });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByLabelText('备注（差额原因等）'), {
      target: { value: '找零多给' },
    });
    expect(confirm.hasAttribute('disabled')).toBe(false);

    await act(async () => fireEvent.click(confirm));
    expect(closes[1]).toEqual({
      counted: money(125_000),
      note: '找零多给',
      approval: { username: 'wang', password: 'Super1234' },
    });
    // Closed: the books' figures beside the count, and the way out.
    expect(await screen.findByText('已交班')).toBeTruthy();
    expect(screen.getAllByText('¥1,300.00').length).toBeGreaterThan(0);
    expect(screen.getAllByText('¥1,250.00').length).toBeGreaterThan(0);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /退出登录/ })));
    expect(handedOver).toHaveBeenCalled();
  });
});
