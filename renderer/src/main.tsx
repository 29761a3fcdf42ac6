// Renderer entry: store, i18n, theme, and the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { makeStore } from './app/store';
import { Root } from './Root';
import { i18nReady } from './i18n';
import './styles.css';

// Shown once the saved language is loaded (English comes in its own file).
void i18nReady.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Provider store={makeStore()}>
        <Root />
      </Provider>
    </StrictMode>,
  ),
);
