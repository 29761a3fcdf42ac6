// Form rules for the text fields the office types numbers into (money, prices, readings).
import type { FormRule } from 'antd';

/**
 * Empty passes unless `required` gives the message to show; otherwise `parse` decides: it throws
 * (or returns false) on what it cannot take, and `invalid` is shown.
 */
export function parsedRule(
  parse: (text: string) => unknown,
  invalid: string,
  required?: string,
): FormRule {
  return {
    validator: (_rule, value: string | undefined) => {
      const text = value?.trim() ?? '';
      if (!text)
        return required === undefined ? Promise.resolve() : Promise.reject(new Error(required));
      try {
        if (parse(text) !== false) return Promise.resolve();
      } catch {
        // Falls through to the refusal below.
      }
      return Promise.reject(new Error(invalid));
    },
  };
}
