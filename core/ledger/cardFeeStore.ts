// 工本费 on a tenant's card: reserved with the card's 'issuing' row, committed with the card, voided
// with it. The SQL for card fees lives here.
import type { CardFeeView, PaymentMethod } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';
import type { ReceiptStore } from './receiptStore';
import type { ShiftStore } from './shiftStore';

export type CardFeeKind = 'issue' | 'reissue';

export interface CardFeeRequest {
  cardId: number;
  accountId: number;
  kind: CardFeeKind;
  amountFen: number;
  paymentMethod: PaymentMethod;
  tenderedFen: number | null;
  operatorId: number;
}

const SELECT = `SELECT f.id, f.card_id AS cardId, k.card_no AS cardNo, f.account_id AS accountId, f.kind,
  f.amount_fen AS amountFen, f.payment_method AS paymentMethod, f.tendered_fen AS tenderedFen,
  f.receipt_no AS receiptNo, f.status, f.created_at AS createdAt, o.display_name AS operatorName
  FROM card_fees f JOIN cards k ON k.id = f.card_id JOIN operators o ON o.id = f.operator_id`;

export class CardFeeStore {
  constructor(
    private readonly db: Db,
    private readonly receipts: ReceiptStore,
    private readonly shifts: ShiftStore,
  ) {}

  /** Call inside the transaction that writes the card 'issuing': the fee, pending, with its number. */
  begin(fee: CardFeeRequest, at: string): CardFeeView {
    const receiptNo = this.receipts.reserve(at);
    prepared(
      this.db,
      `INSERT INTO card_fees (card_id, account_id, kind, amount_fen, payment_method, tendered_fen, receipt_no,
         status, operator_id, shift_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    ).run(
      fee.cardId,
      fee.accountId,
      fee.kind,
      fee.amountFen,
      fee.paymentMethod,
      fee.tenderedFen,
      receiptNo,
      fee.operatorId,
      this.shifts.openFor(fee.operatorId, at),
      at,
    );
    return this.forCard(fee.cardId)!;
  }

  /** Call inside the transaction that settles the card: its fee (if any) follows it. */
  settle(cardId: number, outcome: 'committed' | 'void'): void {
    const fee = this.forCard(cardId);
    if (!fee || fee.status !== 'pending') return;
    prepared(this.db, 'UPDATE card_fees SET status = ? WHERE id = ?').run(outcome, fee.id);
    this.receipts.settle(fee.receiptNo, outcome === 'committed' ? 'issued' : 'void');
  }

  forCard(cardId: number): CardFeeView | undefined {
    return prepared<CardFeeView>(this.db, `${SELECT} WHERE f.card_id = ?`).get(cardId);
  }
}
