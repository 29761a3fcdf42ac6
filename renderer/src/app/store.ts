// The Redux store: RTK Query's cache, the session, and what the till did last.
import { configureStore } from '@reduxjs/toolkit';
import { api } from './api';
import { persistSession, sessionSlice } from './sessionSlice';
import { tillSlice } from './tillSlice';

export function makeStore() {
  const store = configureStore({
    reducer: {
      [api.reducerPath]: api.reducer,
      session: sessionSlice.reducer,
      till: tillSlice.reducer,
    },
    middleware: (getDefault) => getDefault().concat(api.middleware),
  });
  let last = store.getState().session.current;
  store.subscribe(() => {
    const next = store.getState().session.current;
    if (next !== last) {
      last = next;
      persistSession(next);
      // A new operator must never see the previous one's cached data.
      if (!next) {
        store.dispatch(api.util.resetApiState());
        store.dispatch(tillSlice.actions.cleared());
      }
    }
  });
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
