import { actionName } from './actionNames';
import { auditDetailText } from './auditText';
// English texts are loaded where English is read (the backend, the till once chosen).
import '../errorTexts/en';
import { METHOD_NAMES } from './contract';

describe('the audit log in words', () => {
  it('names every action of the contract in both languages, no identifier left', () => {
    for (const method of METHOD_NAMES) {
      expect(actionName(method, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(actionName(method, 'en')).not.toMatch(/[A-Za-z]+\.[A-Za-z]+|[a-z][A-Z]/);
    }
    expect(actionName('system.reconcile', 'en')).toBe('pending operations settled at start-up');
  });

  it('says a refused sale as the message the cashier saw, with its fields in the office’s units', () => {
    const detail = {
      input: { accountId: 3, amountFen: 12_345, paymentMethod: 'cash', tenderedFen: 20_000 },
      error: 'TENDERED_TOO_LITTLE',
    };
    const en = auditDetailText(detail, 'en');
    expect(en).toContain('Cash handed over');
    expect(en).toContain('amount: ¥123.45');
    expect(en).toContain('cash handed over: ¥200.00');
    expect(en).not.toMatch(/\{|\b[a-z]+[A-Z]\w*\b|fen/);
    expect(auditDetailText(detail, 'zh-CN')).toContain('金额：¥123.45');
  });

  it('never shows a password, and keeps what has no name for the raw record', () => {
    const text = auditDetailText(
      { input: { username: 'li', password: 'Secret123', mysteryFlag: 1 } },
      'en',
    );
    expect(text).toBe('login name: li');
  });

  it('names the permissions an operator was granted or had withheld', () => {
    const detail = { input: { id: 7, granted: ['inspection'], withheld: ['sell', 'refund'] } };
    expect(auditDetailText(detail, 'zh-CN')).toContain(
      '收回的权限：售电、发卡与打印收据、退费（收费员需主管审批）',
    );
    expect(auditDetailText(detail, 'en')).toContain('permissions granted: Inspection');
  });
});
