// What this till did last, for the keys that act on it: the last receipt made or printed here
// (Ctrl+P prints or reprints it). Cleared with the operator's session.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface TillState {
  lastReceiptNo: number | null;
}

const initialState: TillState = { lastReceiptNo: null };

export const tillSlice = createSlice({
  name: 'till',
  initialState,
  reducers: {
    receiptMade: (state, action: PayloadAction<number>) => {
      state.lastReceiptNo = action.payload;
    },
    cleared: () => initialState,
  },
});
