// Typed Redux hooks, and the one way components report a failed call to the cashier.
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDispatch, useSelector } from 'react-redux';
import {
  formatErrorMessage,
  isErrorCode,
  type ApiError,
  type Language,
} from '../../../shared/errors';
import { issueText } from '../../../shared/api/fieldIssues';
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

/** A field issue's path as a form field's name: `steps.1.upTo` → ['steps', 1, 'upTo']. */
const fieldName = (path: string) => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Shows a failed call as a translated toast that says what to do next; given the form it came
 * from, each field issue also appears in words beside its field.
 */
export function useNotifyError() {
  const { notification } = App.useApp();
  const { t, i18n } = useTranslation();
  const text = useErrorText();
  return useCallback(
    (error: unknown, form?: FormInstance, fieldOf: Record<string, string> = {}) => {
      const apiError = asApiError(error);
      if (form && apiError.issues?.length) {
        const language = i18n.language as Language;
        form.setFields(
          apiError.issues.map((issue) => ({
            // A form field may hold the value in the user's unit under another name (maxSale for
            // maxSaleFen): `fieldOf` says which.
            name: fieldName(fieldOf[issue.path] ?? issue.path),
            errors: [issueText(issue, language)],
          })),
        );
      }
      notification.error({ title: t('common.failed'), description: text(error), placement: 'top' });
    },
    [notification, t, text, i18n.language],
  );
}

/**
 * A mutation's outcome said one way everywhere: a refusal as `useNotifyError` says it (on the
 * form's fields where it names them), a success as a short message. True when it succeeded, so
 * the caller goes on (`if (!feedback(result, t('common.saved'))) return;`) with the data narrowed.
 */
export function useFeedback() {
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  return useCallback(
    <R extends { data?: unknown; error?: unknown }>(
      result: R,
      success: string | ((data: Extract<R, { data: unknown }>['data']) => string),
      form?: FormInstance,
    ): result is Extract<R, { data: unknown }> => {
      if (result.error !== undefined || !('data' in result)) {
        notifyError(result.error, form);
        return false;
      }
      const { data } = result as Extract<R, { data: unknown }>;
      void message.success(typeof success === 'function' ? success(data) : success);
      return true;
    },
    [message, notifyError],
  );
}
