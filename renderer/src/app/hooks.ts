// Typed Redux hooks, and the one way components report a failed call to the cashier.
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDispatch, useSelector } from 'react-redux';
import {
  formatErrorMessage,
  isErrorCode,
  type ApiError,
  type Language,
} from '../../../shared/errors';
import type { AppDispatch, RootState } from './store';

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();

export function asApiError(error: unknown): ApiError {
  const code = (error as { code?: unknown } | null)?.code;
  return isErrorCode(code)
    ? (error as ApiError)
    : { code: 'TRANSPORT_FAILED', params: { reason: 'client' } };
}

export function useErrorText() {
  const { i18n } = useTranslation();
  return useCallback(
    (error: unknown) => formatErrorMessage(asApiError(error), i18n.language as Language),
    [i18n.language],
  );
}

/** Shows a failed call as a translated toast that says what to do next. */
export function useNotifyError() {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const text = useErrorText();
  return useCallback(
    (error: unknown) => {
      notification.error({ title: t('common.failed'), description: text(error), placement: 'top' });
    },
    [notification, t, text],
  );
}
