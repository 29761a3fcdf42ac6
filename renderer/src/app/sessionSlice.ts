// Who is signed in on this window, and why the last session ended.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { SessionView } from '../../../shared/api/types';

const SESSION_KEY = 'powertill.session';

export type EndReason = 'logout' | 'expired' | 'idle' | null;

export interface SessionState {
  current: SessionView | null;
  endReason: EndReason;
}

function restore(): SessionView | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as SessionView) : null;
  } catch {
    return null;
  }
}

const initialState: SessionState = { current: restore(), endReason: null };

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    signedIn(state, action: PayloadAction<SessionView>) {
      state.current = action.payload;
      state.endReason = null;
    },
    sessionEnded(state, action: PayloadAction<Exclude<EndReason, null>>) {
      state.current = null;
      state.endReason = action.payload;
    },
  },
});

export const { signedIn, sessionEnded } = sessionSlice.actions;

/** Keeps the session across a reload of this tab (never across tabs or restarts). */
export function persistSession(session: SessionView | null) {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}
